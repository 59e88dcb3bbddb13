/**
 * Rendering a Vega-Lite spec to an SVG string in Node (no canvas, no browser, no network):
 * compile with vega-lite, run a headless vega View, serialise the scenegraph. vega and vega-lite
 * are imported when the first chart is drawn, so importing the library does not load them.
 */
import type * as Vega from 'vega';
import type { ChartSpec } from './spec.js';
import { vegaTextWidth } from './text-width.js';

/** vega's text measurement hook (exported at runtime, not in its typings). */
interface TextMetrics {
  width: (item: object, text?: unknown) => number;
}

/** Options of {@link renderSvg}. */
export interface RenderOptions {
  /**
   * Prefix of the ids inside the SVG (clip paths, gradients), so that several charts can be
   * inlined in one HTML page. Default: a hash of the spec, so the same spec gives the same SVG.
   */
  readonly idPrefix?: string;
  /** Receives Vega-Lite's compile warnings (default: ignored). */
  readonly onWarning?: (message: string) => void;
}

/**
 * Renders a Vega-Lite spec to a standalone SVG string. Deterministic: the same spec gives a
 * byte-identical SVG (vega's global id counters are renumbered; no timestamps; text is laid
 * out with Helvetica/Arial advance widths, not with a canvas, so the result does not depend on
 * the fonts installed). Loading external data is refused: specs must carry their data inline.
 *
 * @example
 * const svg = await renderSvg(outflowChart(result.outflow));
 * writeFileSync('figure-2a.svg', svg);
 */
export async function renderSvg(spec: ChartSpec, options: RenderOptions = {}): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  useHelveticaWidths(vega);
  const errors: string[] = [];
  const logger = collectingLogger(errors, options.onWarning);
  const vegaSpec = compile(spec, { logger }).spec;
  const remote = (vegaSpec.data ?? []).find((d) => 'url' in d);
  if (remote) {
    throw new Error(
      `renderSvg: data '${remote.name}' is loaded from a URL; put the values in the spec (data.values)`,
    );
  }
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: 'none',
    logger,
    loader: {
      load: () => Promise.reject(new Error('renderSvg: specs must carry their data inline')),
      sanitize: () => Promise.reject(new Error('renderSvg: no external resources')),
      http: () => Promise.reject(new Error('renderSvg: no network')),
      file: () => Promise.reject(new Error('renderSvg: no files')),
    } as never,
  });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(`renderSvg: ${errors.join('; ')}`);
    return renumberIds(svg, options.idPrefix ?? `c${hash(JSON.stringify(spec))}`);
  } finally {
    view.finalize();
  }
}

/**
 * Makes vega measure text with Helvetica's widths instead of its 0.8 em-per-character estimate
 * (there is no canvas in Node). Applies to vega in this process; idempotent.
 */
function useHelveticaWidths(vega: typeof Vega): void {
  const metrics = (vega as unknown as { textMetrics?: TextMetrics }).textMetrics;
  if (metrics && metrics.width !== vegaTextWidth) metrics.width = vegaTextWidth;
}

/** A vega logger that collects errors and passes warnings to `onWarning`. */
function collectingLogger(
  errors: string[],
  onWarning?: (message: string) => void,
): Vega.LoggerInterface {
  let current = 2;
  const text = (args: readonly unknown[]) =>
    args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const log: Vega.LoggerInterface = {
    level(level?: number) {
      if (level === undefined) return current;
      current = level;
      return log;
    },
    error(...args: unknown[]) {
      errors.push(text(args));
      return this;
    },
    warn(...args: unknown[]) {
      const message = text(args);
      if (message.startsWith('Loading failed')) errors.push(message);
      else onWarning?.(message);
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  return log;
}

/** Replaces every `id="…"` with `<prefix>-<n>` in order of appearance, and its references. */
function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = m[1]!;
    if (!ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${ids.get(id) ?? id}"`)
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : all))
    .replace(/href="#([^"]+)"/g, (all, id: string) =>
      ids.has(id) ? `href="#${ids.get(id)}"` : all,
    );
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable id for a spec. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
