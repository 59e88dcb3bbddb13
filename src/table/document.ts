/**
 * The document model of reports and notebook displays: a list of blocks (heading, paragraph,
 * list, table, figure, note), written to Markdown, HTML and terminal text by sibling writers.
 * A result's `toMarkdown()`, `toHTML()`, printed text and Jupyter MIME bundle all come from its
 * document; nothing parses Markdown back. Inline text may carry `**bold**`, `*em*` and `` `code` ``
 * (see `inline.ts`).
 */
import { formatGeneral, markdownText } from '../format.js';
import { type Language, numberStyleOf } from '../language.js';
import { type HtmlTableOptions, htmlOfTable } from './html.js';
import { inlineHtml, inlineText } from './inline.js';
import { type MarkdownTableOptions, markdownOfTable } from './markdown.js';
import { type Column, type Table, tableLegend } from './model.js';
import { svgProblem } from './svg-safety.js';
import { textOfTable } from './text.js';

/** A heading; `level` as in Markdown (`##` is 2; default 3). */
export interface HeadingBlock {
  readonly kind: 'heading';
  readonly text: string;
  readonly level?: 1 | 2 | 3 | 4 | 5 | 6;
}

/** A paragraph of inline text. */
export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly text: string;
}

/** A bulleted or numbered list of inline texts. */
export interface ListBlock {
  readonly kind: 'list';
  readonly items: readonly string[];
  readonly ordered?: boolean;
}

/** A column of a {@link RowsTableBlock}: a key of the row objects and how to show it. */
export interface TableColumn {
  /** Key in the row objects. */
  readonly key: string;
  /** Header text (default: the key). */
  readonly label?: string;
  /** Alignment (default: right when any value of the column is a number, else left). */
  readonly align?: 'left' | 'right';
  /** Cell text (default: integers grouped, 4 significant digits, "−"). */
  readonly format?: (value: unknown) => string;
}

/** A table of the table model, with an optional caption and small print. */
export interface ModelTableBlock {
  readonly kind: 'table';
  readonly table: Table;
  /** Caption above the table (inline text). */
  readonly caption?: string;
  /** Small print under the table (e.g. the disclosure note), inline text. */
  readonly note?: string;
  /** How the Markdown writer writes it (default: `|` escaped, spaced rule). */
  readonly markdown?: MarkdownTableOptions;
}

/** A table from row objects (turned into the table model by {@link blockTable}). */
export interface RowsTableBlock {
  readonly kind: 'table';
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  /** Columns in order (default: the keys of the first row). */
  readonly columns?: readonly (string | TableColumn)[];
  /** Caption above the table. */
  readonly caption?: string;
  /** Small print under the table (e.g. the disclosure note), inline text. */
  readonly note?: string;
}

/** A table: of the table model, or from row objects. */
export type TableBlock = ModelTableBlock | RowsTableBlock;

/** A chart: an SVG string (from `renderSvg`) inlined in a `<figure>`. */
export interface FigureBlock {
  readonly kind: 'figure';
  readonly svg: string;
  /** Caption under the chart, inline text. */
  readonly caption?: string;
}

/** Small print (methods, notes), inline text. */
export interface NoteBlock {
  readonly kind: 'note';
  readonly text: string;
}

/** One block of a document. */
export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | TableBlock
  | FigureBlock
  | NoteBlock;

/** A document: blocks in order. */
export type Document = readonly Block[];

/**
 * The table of a table block: the block's own, or one built from its rows (cells formatted by
 * the column's `format`, else as `markdownTable` does).
 *
 * @example
 * blockTable({ kind: 'table', rows: [{ n: 1234 }] }).rows[0] // { n: '1,234' }
 */
export function blockTable(block: TableBlock, lang: Language = 'en'): Table {
  if ('table' in block) return block.table;
  const columns: TableColumn[] = (block.columns ?? Object.keys(block.rows[0] ?? {})).map((c) =>
    typeof c === 'string' ? { key: c } : c,
  );
  const model: Column[] = columns.map((c) => ({
    id: c.key,
    label: c.label ?? c.key,
    format: 'text',
    align: c.align ?? (block.rows.some((r) => typeof r[c.key] === 'number') ? 'right' : 'left'),
  }));
  const text = (c: TableColumn, v: unknown): string => {
    if (c.format) return c.format(v);
    if (v === null || v === undefined) return '';
    return typeof v === 'number' ? formatGeneral(v, 4, numberStyleOf(lang)) : String(v);
  };
  return {
    id: 'table',
    title: block.caption ?? '',
    columns: model,
    rows: block.rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, text(c, r[c.key])]))),
  };
}

/**
 * The small print under a table block: its note, then the star legend of a table with stars
 * (`tableLegend`), so every format says what the stars mean.
 */
function blockNote(b: TableBlock, table: Table, lang: Language): string | undefined {
  const parts = [b.note, tableLegend(table, lang)].filter((x): x is string => !!x);
  return parts.length ? parts.join(' ') : undefined;
}

/** Options of {@link documentMarkdown} and {@link documentText}. */
export interface DocumentTextOptions {
  /**
   * Language of the numbers in tables and of the star legend ("1.234,5", "34,3%",
   * "procentpunt", "Sterren: …" in Dutch); the blocks' own texts are the caller's. Default `en`.
   */
  readonly lang?: Language;
}

/**
 * A document as Markdown: blocks separated by a blank line, tables as pipe tables (significance
 * stars kept as written), a final newline; no text becomes raw HTML (`markdownText`).
 *
 * @example
 * documentMarkdown([{ kind: 'table', table }, { kind: 'paragraph', text: 'Method.' }]);
 * // "| arm | n |\n| --- | ---: |\n| control | 240 |\n\nMethod.\n"
 * documentMarkdown(doc, { lang: 'nl' }); // numbers as "1.234,5"
 */
export function documentMarkdown(document: Document, options: DocumentTextOptions = {}): string {
  const lang = options.lang ?? 'en';
  return `${document
    .map((b) => markdownText(blockMarkdownRaw(b, lang)))
    .filter((p) => p !== '')
    .join('\n\n')}\n`;
}

// The whole block (its table cells were made safe by pipeTable already; markdownText is idempotent).
function blockMarkdownRaw(b: Block, lang: Language): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level ?? 3)} ${b.text}`;
    case 'paragraph':
    case 'note':
      return b.text;
    case 'list':
      return b.items.map((t, i) => `${b.ordered ? `${i + 1}.` : '-'} ${t}`).join('\n');
    case 'table': {
      const model = blockTable(b, lang);
      const table = markdownOfTable(model, { ...('table' in b ? b.markdown : {}), lang });
      const note = blockNote(b, model, lang);
      return [b.caption ? `**${b.caption}**\n\n` : '', table, note ? `\n\n${note}` : ''].join('');
    }
    case 'figure':
      return b.caption ?? '';
  }
}

/**
 * A document as plain text for a terminal: headings underlined (`=` for level 1, else `-`),
 * tables as aligned columns, inline marks removed; blocks separated by a blank line.
 *
 * @example
 * documentText([{ kind: 'heading', text: 'Title', level: 1 }]) // "Title\n====="
 */
export function documentText(document: Document, options: DocumentTextOptions = {}): string {
  const lang = options.lang ?? 'en';
  return document
    .map((b) => blockText(b, lang))
    .filter((p) => p !== '')
    .join('\n\n');
}

function blockText(b: Block, lang: Language): string {
  switch (b.kind) {
    case 'heading': {
      const text = inlineText(b.text);
      return `${text}\n${((b.level ?? 3) === 1 ? '=' : '-').repeat([...text].length)}`;
    }
    case 'paragraph':
    case 'note':
      return inlineText(b.text);
    case 'list':
      return b.items.map((t, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inlineText(t)}`).join('\n');
    case 'table': {
      const model = blockTable(b, lang);
      const note = blockNote(b, model, lang);
      return [
        b.caption ? `${inlineText(b.caption)}\n\n` : '',
        textOfTable(model, { lang }),
        note ? `\n\n${inlineText(note)}` : '',
      ].join('');
    }
    case 'figure':
      return b.caption ? inlineText(b.caption) : '';
  }
}

/** Options of {@link documentHtml} and `blockHtml`. */
export interface DocumentHtmlOptions extends Pick<HtmlTableOptions, 'inlineAlign' | 'lang'> {
  /** Added to every heading level (capped at 6): 2 for a fragment inside a page. Default 0. */
  readonly headingOffset?: number;
}

/**
 * One block as HTML, all text escaped.
 *
 * @example
 * blockHtml({ kind: 'paragraph', text: '**34.3 %** of <n>' }) // "<p><strong>34.3 %</strong> of &lt;n&gt;</p>"
 */
export function blockHtml(block: Block, options: DocumentHtmlOptions = {}): string {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min((block.level ?? 3) + (options.headingOffset ?? 0), 6);
      return `<h${level}>${inlineHtml(block.text)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${inlineHtml(block.text)}</p>`;
    case 'note':
      return `<p class="note">${inlineHtml(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((t) => `<li>${inlineHtml(t)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const lang = options.lang ?? 'en';
      const model = blockTable(block, lang);
      const note = blockNote(block, model, lang);
      return htmlOfTable(model, {
        ...(block.caption ? { caption: block.caption } : {}),
        ...(note ? { note } : {}),
        ...(options.inlineAlign ? { inlineAlign: true } : {}),
        lang,
      });
    }
    case 'figure':
      return figureHtml(block);
  }
}

/**
 * A document as an HTML fragment: the blocks' HTML, one per line.
 *
 * @example
 * documentHtml(doc, { headingOffset: 2, inlineAlign: true }) // "<div class=\"table\">…"
 */
export function documentHtml(document: Document, options: DocumentHtmlOptions = {}): string {
  return document.map((b) => blockHtml(b, options)).join('\n');
}

/**
 * Checks an SVG string before inlining it: it must be one `<svg>` element of static drawing,
 * checked structurally (`svgProblem`: parsed, elements and attributes allow-listed), so no
 * script, event handler, animation or reference outside the document gets in.
 */
function figureHtml(block: FigureBlock): string {
  const svg = block.svg.trim();
  if (!svg.startsWith('<svg') || !svg.endsWith('>')) {
    throw new RangeError('figure: svg must be a single <svg>…</svg> element (see renderSvg)');
  }
  const problem = svgProblem(svg);
  if (problem !== undefined) {
    throw new RangeError(
      `figure: the svg is refused: ${problem}; only static drawing is inlined (no scripts, event handlers, animation or external references)`,
    );
  }
  const caption = block.caption ? `\n<figcaption>${inlineHtml(block.caption)}</figcaption>` : '';
  return `<figure>\n${svg}${caption}\n</figure>`;
}
