/**
 * How results show themselves outside a script: as a rich table in a notebook and as a compact
 * text table in a terminal. Two protocols, both keyed by global symbols so no import is needed:
 *
 * - `Symbol.for('Jupyter.display')`: Deno's Jupyter kernel calls it on the value of a cell's last
 *   expression (and in `Deno.jupyter.display(value)`) and shows the MIME bundle it returns;
 * - `Symbol.for('nodejs.util.inspect.custom')` (and Deno's `Symbol.for('Deno.customInspect')`):
 *   Node's `util.inspect` (the REPL, printing) shows the returned string instead of the object's internals.
 *
 * Both are rendered from the result's own `toMarkdown()`, so a notebook, a terminal and a report
 * show the same table. The properties are non-enumerable: spreading, `JSON.stringify` and
 * equality checks see the plain result as before. See docs/notebooks.md.
 */

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

/** The MIME bundle of a Markdown text: the Markdown itself, HTML, and aligned plain text. */
export function markdownBundle(markdown: string): MimeBundle {
  return {
    'text/plain': markdownToText(markdown),
    'text/markdown': markdown,
    'text/html': markdownToHtml(markdown),
  };
}

/** A result that renders itself as an HTML fragment (its Markdown: tables, method, notes). */
export interface HtmlConvertible {
  toHTML(): string;
}

/**
 * Adds the display protocols and `toHTML()` to a result, in place, and returns it: a notebook
 * shows `markdown(result)` (default: the result's `toMarkdown()`) as a table, printing and the
 * REPL show it as aligned text, and `toHTML()` gives it as an HTML fragment. Used where results
 * are created. The added properties are non-enumerable.
 *
 * @example
 * return withDisplay({ ...base, toTable, toMarkdown });
 */
export function withDisplay<T extends object>(
  result: T,
  markdown: (result: T) => string = (r) => (r as { toMarkdown(): string }).toMarkdown(),
): T & HtmlConvertible {
  const text = function (this: T): string {
    return markdownToText(markdown(this ?? result));
  };
  Object.defineProperties(result, {
    [JUPYTER_DISPLAY]: {
      value: function (this: T): MimeBundle {
        return markdownBundle(markdown(this ?? result));
      },
      configurable: true,
      writable: true,
    },
    [NODE_INSPECT]: { value: text, configurable: true, writable: true },
    [DENO_INSPECT]: { value: text, configurable: true, writable: true },
    toHTML: {
      value: function (this: T): string {
        return markdownToHtml(markdown(this ?? result));
      },
      configurable: true,
      writable: true,
    },
  });
  return result as T & HtmlConvertible;
}

/** Whether a value already carries the Jupyter display protocol. */
export function isDisplayable(value: unknown): value is Displayable {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as Partial<Displayable>)[JUPYTER_DISPLAY] === 'function'
  );
}

// --- Markdown (the subset `toMarkdown()` writes) to text and HTML --------------------------

type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  | {
      readonly kind: 'table';
      readonly header: string[];
      readonly right: boolean[];
      readonly rows: string[][];
    }
  | { readonly kind: 'list'; readonly items: string[] }
  | { readonly kind: 'paragraph'; readonly text: string };

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const ITEM = /^\s*[-*]\s+(.*)$/;

/** Cells of a pipe-table row; `\|` is a literal bar. */
function cells(line: string): string[] {
  return line
    .trim()
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replaceAll('\\|', '|'));
}

function blocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const heading = HEADING.exec(line);
    if (line.trim() === '') {
      i++;
    } else if (heading) {
      out.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]!.trim() });
      i++;
    } else if (TABLE_ROW.test(line) && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const header = cells(line);
      const right = cells(lines[i + 1]!).map((c) => c.endsWith(':'));
      const rows: string[][] = [];
      for (i += 2; i < lines.length && TABLE_ROW.test(lines[i]!); i++) rows.push(cells(lines[i]!));
      out.push({ kind: 'table', header, right, rows });
    } else if (ITEM.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && ITEM.test(lines[i]!); i++) items.push(ITEM.exec(lines[i]!)![1]!);
      out.push({ kind: 'list', items });
    } else {
      const text: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
        if (
          text.length > 0 &&
          (HEADING.test(lines[i]!) || ITEM.test(lines[i]!) || TABLE_ROW.test(lines[i]!))
        )
          break;
        text.push(lines[i]!.trim());
      }
      out.push({ kind: 'paragraph', text: text.join(' ') });
    }
  }
  return out;
}

/** Inline Markdown to plain text: backslash escapes and code ticks go, stars stay. */
function inlineText(text: string): string {
  return text.replace(/`([^`]+)`/g, '$1').replace(/\\([*_|\\])/g, '$1');
}

/**
 * Markdown to plain text for a terminal: pipe tables become aligned columns (numbers right),
 * headings are underlined, everything else stays as written. The reports' stars ("pp**") are
 * kept: they are significance marks, not emphasis.
 *
 * @example
 * markdownToText('| arm | n |\n| --- | ---: |\n| control | 240 |');
 * // "arm        n\n-------  ---\ncontrol  240"
 */
export function markdownToText(markdown: string): string {
  const parts = blocks(markdown).map((b) => {
    switch (b.kind) {
      case 'heading': {
        const text = inlineText(b.text);
        return `${text}\n${(b.level === 1 ? '=' : '-').repeat([...text].length)}`;
      }
      case 'list':
        return b.items.map((t) => `- ${inlineText(t)}`).join('\n');
      case 'paragraph':
        return inlineText(b.text);
      default: {
        // a table
        const all = [b.header, ...b.rows].map((r) =>
          b.header.map((_, j) => inlineText(r[j] ?? '')),
        );
        const width = b.header.map((_, j) => Math.max(3, ...all.map((r) => [...r[j]!].length)));
        const pad = (s: string, j: number) => {
          const fill = ' '.repeat(width[j]! - [...s].length);
          return b.right[j] ? fill + s : s + fill;
        };
        const line = (r: string[]) => r.map(pad).join('  ').trimEnd();
        return [
          line(all[0]!),
          width.map((w) => '-'.repeat(w)).join('  '),
          ...all.slice(1).map(line),
        ].join('\n');
      }
    }
  });
  return parts.join('\n\n');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Inline Markdown to HTML: everything escaped, then `code`, **bold** and *emphasis* where the
 * markers sit at word boundaries, so "−6.3 pp**" stays text.
 */
function inlineHtml(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`')
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part.replace(/\\([*_])/g, (_, c: string) => (c === '*' ? '\u0001' : '\u0002')))
            .replace(/(^|[\s(])\*\*(\S|\S[^*]*?\S)\*\*(?=$|[\s.,;:!?)])/g, '$1<strong>$2</strong>')
            .replace(/(^|[\s(])[*_](\S|\S[^*_]*?\S)[*_](?=$|[\s.,;:!?)])/g, '$1<em>$2</em>')
            .replaceAll('\u0001', '*')
            .replaceAll('\u0002', '_'),
    )
    .join('');
}

/**
 * Markdown to an HTML fragment (headings, paragraphs, lists, pipe tables with numeric columns
 * right-aligned), everything escaped; no scripts, no styles beyond `text-align`.
 */
export function markdownToHtml(markdown: string): string {
  return blocks(markdown)
    .map((b) => {
      switch (b.kind) {
        case 'heading': {
          const level = Math.min(b.level + 2, 6);
          return `<h${level}>${inlineHtml(b.text)}</h${level}>`;
        }
        case 'list':
          return `<ul>${b.items.map((t) => `<li>${inlineHtml(t)}</li>`).join('')}</ul>`;
        case 'paragraph':
          return `<p>${inlineHtml(b.text)}</p>`;
        default: {
          // a table
          const align = (j: number) =>
            b.right[j] ? ' style="text-align:right"' : ' style="text-align:left"';
          const head = b.header.map((h, j) => `<th${align(j)}>${inlineHtml(h)}</th>`).join('');
          const body = b.rows
            .map(
              (r) =>
                `<tr>${b.header.map((_, j) => `<td${align(j)}>${inlineHtml(r[j] ?? '')}</td>`).join('')}</tr>`,
            )
            .join('\n');
          return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
        }
      }
    })
    .join('\n');
}
