/**
 * Rich display in notebooks. The main results (`effectSeries`, `cumulativeOutflow`,
 * `participationTable`, `balanceTable`, `sampleRatioTest`, `denHaagPilot`) already display
 * themselves: as a table in Deno's Jupyter kernel, as aligned text in a Node REPL or
 * printing (see `src/display.ts`). {@link display} does the same for anything else a
 * notebook shows: a chart spec (as a Vega-Lite chart, with a static SVG for viewers without
 * Vega), an array of rows, a Markdown string or any object with `toMarkdown()` (their Markdown,
 * rendered by the notebook). See docs/notebooks.md.
 */
import {
  DENO_INSPECT,
  type Displayable,
  documentBundle,
  isDisplayable,
  JUPYTER_DISPLAY,
  type MimeBundle,
  NODE_INSPECT,
} from '../display.js';
import { type Document, documentText } from '../table/document.js';
import { tableFromRows } from '../table/model.js';
import { renderSvg } from './charts/render.js';
import type { ChartSpec } from './charts/spec.js';

export {
  DENO_INSPECT,
  type Displayable,
  type DocumentConvertible,
  documentBundle,
  type HtmlConvertible,
  isDisplayable,
  JUPYTER_DISPLAY,
  type MimeBundle,
  NODE_INSPECT,
  withDisplay,
} from '../display.js';

/** The media type JupyterLab, Jupyter Notebook and VS Code render Vega-Lite specs from. */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/** Options of {@link display} and {@link displayBundle}. */
export interface DisplayOptions {
  /**
   * Add a static SVG rendering of a chart (`image/svg+xml`, made with `renderSvg`) next to the
   * Vega-Lite spec, for viewers that do not run Vega (GitHub's notebook preview, nbconvert's
   * HTML export). Default true.
   */
  readonly svg?: boolean;
}

/** A value wrapped by {@link display}. */
export interface DisplayWrapper extends Displayable {
  /** The wrapped value. */
  readonly value: unknown;
  [JUPYTER_DISPLAY](): Promise<MimeBundle>;
}

/** Whether a value is a Vega-Lite spec: an object whose `$schema` names Vega-Lite. */
export function isVegaLiteSpec(value: unknown): value is ChartSpec {
  if (value === null || typeof value !== 'object') return false;
  const schema = (value as { $schema?: unknown }).$schema;
  return typeof schema === 'string' && schema.includes('/vega-lite/');
}

/**
 * The MIME bundle a notebook shows for a value:
 * - a Vega-Lite spec: the spec as `application/vnd.vegalite.v5+json`, a static SVG
 *   (`image/svg+xml`, unless `svg: false`) with the same SVG as a Markdown image (`text/markdown`,
 *   the form nbconvert's HTML export keeps) and a one-line `text/plain`;
 * - a value that already displays itself (a result): its own bundle;
 * - an object with `toMarkdown()` that does not display itself: its Markdown as `text/markdown`
 *   (the notebook renders it) and as `text/plain`;
 * - a string: taken as Markdown, the same way;
 * - an array of row objects: a table of the rows;
 * - anything else: its JSON as text.
 *
 * @example
 * const bundle = await displayBundle(pilot.effects);
 * bundle['text/html']; // "<table>…"
 */
export async function displayBundle(
  value: unknown,
  options: DisplayOptions = {},
): Promise<MimeBundle> {
  if (isVegaLiteSpec(value)) return chartBundle(value, options);
  if (isDisplayable(value)) return value[JUPYTER_DISPLAY]();
  const markdown = markdownOf(value);
  if (markdown !== undefined) return { 'text/plain': markdown, 'text/markdown': markdown };
  if (isRows(value)) return documentBundle(rowsDocument(value));
  return { 'text/plain': JSON.stringify(value, null, 2) ?? String(value) };
}

/**
 * Wraps a value so that a notebook displays it richly: a chart as a chart, a result or rows as
 * a table, a string as Markdown (see {@link displayBundle}). In Deno's Jupyter kernel make it
 * the last expression of a cell, or pass it to `Deno.jupyter.display()` to show several per
 * cell. In a Node REPL the wrapper prints as text.
 *
 * @example
 * display(outflowChart(pilot.outflow)); // Figure 2a as a chart
 */
export function display(value: unknown, options: DisplayOptions = {}): DisplayWrapper {
  const text = () => plainText(value);
  return {
    value,
    [JUPYTER_DISPLAY]: () => displayBundle(value, options),
    [NODE_INSPECT]: text,
    [DENO_INSPECT]: text,
  } as DisplayWrapper;
}

async function chartBundle(spec: ChartSpec, options: DisplayOptions): Promise<MimeBundle> {
  const bundle: Record<string, unknown> = {
    [VEGA_LITE_MIME]: spec,
    'text/plain': plainText(spec),
  };
  if (options.svg !== false) {
    const svg = await renderSvg(spec);
    bundle['image/svg+xml'] = svg;
    // nbconvert's HTML export (6.5) passes `image/svg+xml` through an HTML sanitiser that drops
    // every SVG element, leaving a blank chart; it prefers `text/markdown` over SVG and renders
    // this image intact. JupyterLab ranks Vega-Lite above Markdown, so it still shows the chart.
    bundle['text/markdown'] = svgMarkdownImage(
      svg,
      plainText(spec).replace(/^Vega-Lite chart: /, ''),
    );
  }
  return bundle as unknown as MimeBundle;
}

/**
 * A Markdown image of an SVG as a base64 data URI (`![alt](data:image/svg+xml;base64,…)`).
 * Base64 of the UTF-8 bytes through `btoa`, which Node, Deno and browsers all have.
 */
function svgMarkdownImage(svg: string, alt: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) binary += String.fromCharCode(byte);
  return `![${alt.replace(/[[\]\\]/g, '')}](data:image/svg+xml;base64,${btoa(binary)})`;
}

/** The text a terminal shows for a value given to {@link display}. */
function plainText(value: unknown): string {
  if (isVegaLiteSpec(value)) {
    const title = (value as { title?: unknown }).title;
    const text =
      typeof title === 'string'
        ? title
        : title !== null && typeof title === 'object' && 'text' in title
          ? String((title as { text: unknown }).text)
          : 'untitled';
    return `Vega-Lite chart: ${text}`;
  }
  if (isDisplayable(value)) {
    const inspect = (value as { [NODE_INSPECT]?: unknown })[NODE_INSPECT];
    if (typeof inspect === 'function') return String(inspect.call(value));
  }
  const markdown = markdownOf(value);
  if (markdown !== undefined) return markdown;
  if (isRows(value)) return documentText(rowsDocument(value));
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** The Markdown of a string or of an object with `toMarkdown()`; nothing parses it back. */
function markdownOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return undefined;
  const toMarkdown = (value as { toMarkdown?: unknown }).toMarkdown;
  return typeof toMarkdown === 'function' ? String(toMarkdown.call(value)) : undefined;
}

function isRows(value: unknown): value is readonly Record<string, unknown>[] {
  return Array.isArray(value) && value.every((r) => r !== null && typeof r === 'object');
}

function rowsDocument(rows: readonly Record<string, unknown>[]): Document {
  return [{ kind: 'table', table: tableFromRows(rows) }];
}
