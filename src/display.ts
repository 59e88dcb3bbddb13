/**
 * How results show themselves outside a script: as a rich table in a notebook and as a compact
 * text table in a terminal. Two protocols, both keyed by global symbols so no import is needed:
 *
 * - `Symbol.for('Jupyter.display')`: Deno's Jupyter kernel calls it on the value of a cell's last
 *   expression (and in `Deno.jupyter.display(value)`) and shows the MIME bundle it returns;
 * - `Symbol.for('nodejs.util.inspect.custom')` (and Deno's `Symbol.for('Deno.customInspect')`):
 *   Node's `util.inspect` (the REPL, printing) shows the returned string instead of the object's internals.
 *
 * Both are written from the result's document (`src/table/document.ts`), the same blocks
 * its `toMarkdown()` writes, so a notebook, a terminal and a report show the same table. The properties are non-enumerable: spreading, `JSON.stringify` and
 * equality checks see the plain result as before. See docs/notebooks.md.
 */

import type { Language } from './language.js';
import { type Document, documentHtml, documentMarkdown, documentText } from './table/document.js';

/** The key Deno's Jupyter kernel looks for: a method returning a {@link MimeBundle}. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display');
/** The key of Node's `util.inspect` (printing, the REPL) for a custom representation. */
export const NODE_INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom');
/** Deno's own key for printing / `Deno.inspect`. */
export const DENO_INSPECT: unique symbol = Symbol.for('Deno.customInspect');

/**
 * A Jupyter MIME bundle: representations of one value keyed by media type; the front end shows
 * the richest one it can render (HTML in JupyterLab, plain text in a console).
 */
export interface MimeBundle {
  readonly 'text/plain': string;
  readonly 'text/markdown'?: string;
  readonly 'text/html'?: string;
  readonly [mediaType: string]: unknown;
}

/** A value Deno's Jupyter kernel displays through {@link JUPYTER_DISPLAY}. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

/**
 * The MIME bundle of a document: its Markdown, an HTML fragment (headings below a notebook's own,
 * numbers right-aligned inline) and aligned plain text, all from the same blocks, written in
 * `lang` (default `en`: the writers' number style, star legends and yes/no cells; the blocks'
 * own texts are the builder's).
 *
 * @example
 * documentBundle([{ kind: 'paragraph', text: '**34.3 %**' }])['text/html'] // "<p><strong>34.3 %</strong></p>"
 */
export function documentBundle(document: Document, lang: Language = 'en'): MimeBundle {
  return {
    'text/plain': documentText(document, { lang }),
    'text/markdown': documentMarkdown(document, { lang }),
    'text/html': fragmentHtml(document, lang),
  };
}

/** A document as the HTML fragment of a notebook cell or `toHTML()`. */
function fragmentHtml(document: Document, lang: Language): string {
  return documentHtml(document, { headingOffset: 2, inlineAlign: true, lang });
}

/** A result that renders itself as an HTML fragment (its document: tables, method, notes). */
export interface HtmlConvertible {
  toHTML(): string;
}

/** A result that gives its document: the blocks its `toMarkdown()`, `toHTML()` and display write. */
export interface DocumentConvertible {
  toDocument(): Document;
}

/**
 * A result from its plain data: `base` with `toTable()` (`rows(base)`), `toMarkdown()` (the
 * Markdown of `document(base)`) and the display protocols of {@link withDisplay}. The methods hold
 * `base` and the two functions only. Build a result with this, from module-level `rows` and
 * `document`, rather than with closures inside the function that computes it: a closure keeps its
 * whole scope alive, so methods made there hold the sample and the design the result was
 * computed from (docs/performance.md, fourteenth round: 740 MB after one `analyze` of 2,000,000
 * clients, a manual measurement).
 *
 * @example
 * return displayResult(base, tableRows, complierDocument);
 */
export function displayResult<B extends object, R>(
  base: B,
  rows: (base: B) => R,
  document: (base: B) => Document,
): B & { toTable(): R; toMarkdown(): string } & HtmlConvertible & DocumentConvertible {
  return withDisplay(
    {
      ...base,
      toTable: () => rows(base),
      toMarkdown: () => documentMarkdown(document(base)),
    },
    () => document(base),
  );
}

/**
 * Adds the display protocols, `toHTML()` and `toDocument()` to a result, in place, and returns it: a notebook
 * shows `document(result)` as a table, printing and the REPL show it as aligned text, and
 * `toHTML()` gives it as an HTML fragment; the result's own `toMarkdown()` writes the same
 * document. The added properties are non-enumerable. A result built in a language passes it
 * as `lang` (default `en`), so its printed text, `toHTML()` and notebook bundle write the numbers
 * (decimal comma, "procentpunt", star legend) as its `toMarkdown()` does.
 *
 * @example
 * const doc = (r: Base): Document => [{ kind: 'table', table: tableOf(r) }];
 * return withDisplay({ ...base, toTable, toMarkdown: () => documentMarkdown(doc(base)) }, doc);
 */
export function withDisplay<T extends object>(
  result: T,
  document: (result: T) => Document,
  lang: Language = 'en',
): T & HtmlConvertible & DocumentConvertible {
  const blocks = (r: T): Document => document(r);
  const text = function (this: T): string {
    return documentText(blocks(this ?? result), { lang });
  };
  Object.defineProperties(result, {
    [JUPYTER_DISPLAY]: {
      value: function (this: T): MimeBundle {
        return documentBundle(document(this ?? result), lang);
      },
      configurable: true,
      writable: true,
    },
    [NODE_INSPECT]: { value: text, configurable: true, writable: true },
    [DENO_INSPECT]: { value: text, configurable: true, writable: true },
    toHTML: {
      value: function (this: T): string {
        return fragmentHtml(blocks(this ?? result), lang);
      },
      configurable: true,
      writable: true,
    },
    toDocument: {
      value: function (this: T): Document {
        return blocks(this ?? result);
      },
      configurable: true,
      writable: true,
    },
  });
  return result as T & HtmlConvertible & DocumentConvertible;
}

/** Whether a value already carries the Jupyter display protocol. */
export function isDisplayable(value: unknown): value is Displayable {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as Partial<Displayable>)[JUPYTER_DISPLAY] === 'function'
  );
}
