/**
 * Self-contained HTML reports: one file with its CSS inline and charts as inline SVG, no
 * scripts, no external requests (no CDN, no web fonts, no images by URL), print-friendly. All
 * text is escaped; Markdown-ish text (headings, paragraphs, lists, pipe tables, **bold**,
 * *emphasis*, `code`) becomes HTML, so a result's `toMarkdown()` can be dropped in as it is.
 */
import { markdownCell } from '../format.js';

/** A heading inside a section (level 3 by default; the section title is level 2). */
export interface HeadingBlock {
  readonly kind: 'heading';
  readonly text: string;
  readonly level?: 2 | 3 | 4;
}

/** A paragraph of Markdown-ish inline text (escaped; **bold**, *em*, `code`). */
export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly text: string;
}

/** A bulleted or numbered list of Markdown-ish inline texts. */
export interface ListBlock {
  readonly kind: 'list';
  readonly items: readonly string[];
  readonly ordered?: boolean;
}

/** A column of a {@link TableBlock}. */
export interface TableColumn {
  /** Key in the row objects. */
  readonly key: string;
  /** Header text (default: the key). */
  readonly label?: string;
  /** Alignment (default: right when any value of the column is a number, else left). */
  readonly align?: 'left' | 'right';
  /** Cell text (default: `markdownCell`: integers grouped, 4 significant digits, "−"). */
  readonly format?: (value: unknown) => string;
}

/** A table from row objects, with the semantics of `markdownTable`. */
export interface TableBlock {
  readonly kind: 'table';
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  /** Columns in order (default: the keys of the first row). */
  readonly columns?: readonly (string | TableColumn)[];
  /** Caption above the table. */
  readonly caption?: string;
  /** Small print under the table (e.g. the disclosure note), Markdown-ish inline. */
  readonly note?: string;
}

/** A chart: an SVG string (from `renderSvg`) inlined in a `<figure>`. */
export interface FigureBlock {
  readonly kind: 'figure';
  readonly svg: string;
  /** Caption under the chart, Markdown-ish inline. */
  readonly caption?: string;
}

/** Small print (methods, notes), Markdown-ish inline. */
export interface NoteBlock {
  readonly kind: 'note';
  readonly text: string;
}

/** Markdown-ish text, converted with {@link markdownBlocks}. */
export interface MarkdownBlock {
  readonly kind: 'markdown';
  readonly text: string;
}

/** One piece of a report section. */
export type HtmlBlock =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | TableBlock
  | FigureBlock
  | NoteBlock
  | MarkdownBlock;

/** A section: an optional `<h2>` title and its blocks. */
export interface HtmlSection {
  readonly title?: string;
  /** Anchor id (default: from the title). */
  readonly id?: string;
  readonly blocks: readonly HtmlBlock[];
}

/** Input of {@link htmlReport}. */
export interface HtmlReport {
  readonly title: string;
  /** Line under the title (Markdown-ish inline). */
  readonly subtitle?: string;
  readonly sections: readonly HtmlSection[];
  /** Footer text, e.g. the source and the software version (Markdown-ish inline). */
  readonly footer?: string;
  /** `lang` attribute (default "en"). */
  readonly lang?: string;
  /** Print a table of contents of the section titles (default true with 3+ titled sections). */
  readonly contents?: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML content and attribute values (`& < > " '`).
 *
 * @example
 * escapeHtml('<b>"x"</b>') // "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Markdown-ish inline text to HTML: escapes everything, then `**bold**`, `*em*` / `_em_` and
 * `` `code` ``; `\*` and `\_` stay literal. Markers count only at word boundaries, so the
 * reports' stars ("−6.3 pp**", "* p < 0.10") stay text. Nothing else (no links, no raw HTML).
 *
 * @example
 * inlineHtml('**34.3 %** of <n>') // "<strong>34.3 %</strong> of &lt;n&gt;"
 */
export function inlineHtml(text: string): string {
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) {
        return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      }
      return escapeHtml(part.replaceAll('\\*', '\u0001').replaceAll('\\_', '\u0002'))
        .replace(/(^|[\s(])\*\*(\S|\S[^*]*?\S)\*\*(?=$|[\s.,;:!?)])/g, '$1<strong>$2</strong>')
        .replace(/(^|[\s(])\*(\S|\S[^*]*?\S)\*(?=$|[\s.,;:!?)])/g, '$1<em>$2</em>')
        .replace(/(^|[\s(])_(\S|\S[^_]*?\S)_(?=$|[\s.,;:!?)])/g, '$1<em>$2</em>')
        .replaceAll('\u0001', '*')
        .replaceAll('\u0002', '_');
    })
    .join('');
}

/**
 * Splits Markdown-ish text into blocks: headings, blank-line-separated paragraphs, `-`/`*`/`1.`
 * lists, and GitHub pipe tables (the output of `markdownTable` and the results'
 * `toMarkdown()`). `#` and `##` headings become level 3, `###` and deeper level 4, as the
 * report's own section titles are level 2.
 *
 * @example
 * markdownBlocks('## Summary\n\n- a\n- b\n\n| x | n |\n| --- | ---: |\n| a | 1 |');
 */
export function markdownBlocks(text: string): HtmlBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: HtmlBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({
        kind: 'heading',
        text: heading[2]!.trim(),
        level: heading[1]!.length <= 2 ? 3 : 4,
      });
      i++;
      continue;
    }
    if (isTableRow(line) && i + 1 < lines.length && isRule(lines[i + 1]!)) {
      const header = splitRow(line);
      const aligns = splitRow(lines[i + 1]!).map((c) =>
        c.trim().endsWith(':') ? 'right' : 'left',
      );
      i += 2;
      const rows: Record<string, string>[] = [];
      while (i < lines.length && isTableRow(lines[i]!)) {
        const cells = splitRow(lines[i]!);
        rows.push(Object.fromEntries(header.map((_, j) => [`c${j}`, cells[j] ?? ''])));
        i++;
      }
      blocks.push({
        kind: 'table',
        rows,
        columns: header.map((h, j) => ({
          key: `c${j}`,
          label: h,
          align: aligns[j] === 'right' ? 'right' : 'left',
          format: (v: unknown) => String(v ?? ''),
        })),
      });
      continue;
    }
    const item = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/;
    if (item.test(line)) {
      const ordered = item.exec(line)![1] !== undefined;
      const items: string[] = [];
      while (i < lines.length && item.test(lines[i]!)) {
        let text = item.exec(lines[i]!)![2]!;
        i++;
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]!) && !item.test(lines[i]!)) {
          text += ` ${lines[i]!.trim()}`;
          i++;
        }
        items.push(text);
      }
      blocks.push({ kind: 'list', items, ordered });
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !/^#{1,6}\s/.test(lines[i]!) &&
      !item.test(lines[i]!) &&
      !isTableRow(lines[i]!)
    ) {
      paragraph.push(lines[i]!.trim());
      i++;
    }
    if (paragraph.length === 0) {
      // A lone pipe line that is not a table: keep it as text.
      paragraph.push(lines[i]!.trim());
      i++;
    }
    blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
  }
  return blocks;
}

function isTableRow(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line);
}

function isRule(line: string): boolean {
  return /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line);
}

/** Cells of a pipe-table row; `\|` is a literal bar. */
function splitRow(line: string): string[] {
  const inner = line.trim().slice(1, -1);
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replaceAll('\\|', '|'));
}

/** Renders one block to HTML. */
export function blockHtml(block: HtmlBlock): string {
  switch (block.kind) {
    case 'heading': {
      const level = block.level ?? 3;
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
    case 'table':
      return tableHtml(block);
    case 'figure':
      return figureHtml(block);
    case 'markdown':
      return markdownBlocks(block.text).map(blockHtml).join('\n');
  }
}

function tableHtml(block: TableBlock): string {
  const columns: TableColumn[] = (block.columns ?? Object.keys(block.rows[0] ?? {})).map((c) =>
    typeof c === 'string' ? { key: c } : c,
  );
  const right = columns.map(
    (c) =>
      c.align === 'right' ||
      (c.align === undefined && block.rows.some((r) => typeof r[c.key] === 'number')),
  );
  const cls = (j: number) => (right[j] ? ' class="num"' : '');
  const head = columns
    .map((c, j) => `<th scope="col"${cls(j)}>${escapeHtml(c.label ?? c.key)}</th>`)
    .join('');
  const body = block.rows
    .map((r) => {
      const cells = columns.map((c, j) => {
        const text = c.format ? c.format(r[c.key]) : markdownCell(r[c.key]).replaceAll('\\|', '|');
        return `<td${cls(j)}>${inlineHtml(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = block.caption ? `<caption>${inlineHtml(block.caption)}</caption>` : '';
  const note = block.note ? `\n<p class="note">${inlineHtml(block.note)}</p>` : '';
  return `<div class="table">\n<table>${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>${note}\n</div>`;
}

/**
 * Checks an SVG string before inlining it: it must be one `<svg>` element and may not carry
 * scripts, event handlers, foreign objects or references to anything outside the document.
 */
function figureHtml(block: FigureBlock): string {
  const svg = block.svg.trim();
  if (!svg.startsWith('<svg') || !svg.endsWith('</svg>')) {
    throw new RangeError('figure: svg must be a single <svg>…</svg> element (see renderSvg)');
  }
  if (
    /<script|<foreignObject|\son\w+\s*=|(?:href|src)\s*=\s*"(?!#)|url\((?!#)|@import/i.test(svg)
  ) {
    throw new RangeError('figure: the svg contains a script, event handler or external reference');
  }
  const caption = block.caption ? `\n<figcaption>${inlineHtml(block.caption)}</figcaption>` : '';
  return `<figure>\n${svg}${caption}\n</figure>`;
}

/** The stylesheet: system fonts only, readable on screen, tidy on paper. */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 15px; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header { border-bottom: 2px solid #0072B2; margin-bottom: 1.5rem; padding-bottom: .5rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .4rem; }
.subtitle { color: #444; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
p, ul, ol { margin: .5rem 0; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .9em; background: #f3f3f3; padding: 0 .2em; border-radius: 2px; }
nav.contents ol { columns: 2; padding-left: 1.2rem; }
.table { overflow-x: auto; margin: .8rem 0 1.2rem; }
table { border-collapse: collapse; font-size: .84rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding: 0 0 .3rem; }
th, td { padding: .22rem .45rem; border-bottom: 1px solid #e2e2e2; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #999; background: #f7f7f7; }
td.num { text-align: right; white-space: nowrap; }
th.num { text-align: right; }
tbody tr:nth-child(even) { background: #fafafa; }
figure { margin: 1.2rem 0 1.6rem; }
figure svg { display: block; width: 100%; max-width: 56rem; height: auto; }
figcaption, .note { font-size: .85rem; color: #444; }
footer { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid #ddd; font-size: .85rem; color: #555; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav.contents { display: none; }
  h2 { break-after: avoid; }
  h2, h3 { break-after: avoid; }
  figure, table, .table { break-inside: avoid; }
  .table { overflow: visible; }
  tbody tr:nth-child(even) { background: none; }
}
`.trim();

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || 'section';
}

/**
 * A complete, self-contained HTML document: title, optional contents, sections of blocks,
 * footer. No scripts and no external resources; a Content-Security-Policy meta tag forbids the
 * browser to fetch anything (`default-src 'none'`, inline styles and data: images only).
 *
 * @example
 * const html = htmlReport({
 *   title: 'Effect measurement',
 *   sections: [
 *     { title: 'Figure 2a', blocks: [{ kind: 'figure', svg: await renderSvg(spec) }] },
 *     { title: 'Table 2', blocks: [{ kind: 'markdown', text: result.participation.toMarkdown() }] },
 *   ],
 *   footer: 'Source: synthetic reconstruction.',
 * });
 */
export function htmlReport(report: HtmlReport): string {
  const used = new Map<string, number>();
  const ids = report.sections.map((s) => {
    const base = s.id ?? (s.title ? slug(s.title) : 'section');
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
  const titled = report.sections.filter((s) => s.title).length;
  const contents =
    (report.contents ?? titled >= 3)
      ? `<nav class="contents" aria-label="Contents"><ol>${report.sections
          .map((s, i) =>
            s.title ? `<li><a href="#${ids[i]}">${inlineHtml(s.title)}</a></li>` : '',
          )
          .join('')}</ol></nav>`
      : '';
  const sections = report.sections
    .map((s, i) => {
      const title = s.title ? `<h2>${inlineHtml(s.title)}</h2>\n` : '';
      return `<section id="${escapeHtml(ids[i]!)}">\n${title}${s.blocks.map(blockHtml).join('\n')}\n</section>`;
    })
    .join('\n');
  const subtitle = report.subtitle
    ? `\n<p class="subtitle">${inlineHtml(report.subtitle)}</p>`
    : '';
  const footer = report.footer ? `\n<footer>${inlineHtml(report.footer)}</footer>` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(report.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(report.title)}</title>
<style>
${REPORT_CSS}
</style>
</head>
<body>
<main>
<header>
<h1>${inlineHtml(report.title)}</h1>${subtitle}
</header>
${contents}
${sections}${footer}
</main>
</body>
</html>
`;
}

/**
 * A whole Markdown report (a `# Title` line, `## Section` headings, tables and lists: what the
 * study reports' Markdown renderers write) as a self-contained HTML page with the report styles,
 * one section per `##` heading.
 *
 * @example
 * markdownReportHtml(intensive2012Markdown(result), 'Source: synthetic reconstruction.');
 */
export function markdownReportHtml(markdown: string, footer?: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.startsWith('# '));
  const title = first >= 0 ? lines[first]!.slice(2).trim() : 'Report';
  const body = first >= 0 ? lines.slice(first + 1) : lines;
  const sections: HtmlSection[] = [];
  let current: { title?: string; text: string[] } = { text: [] };
  const flush = () => {
    const text = current.text.join('\n').trim();
    if (text || current.title) {
      sections.push({
        ...(current.title ? { title: current.title } : {}),
        blocks: text ? markdownBlocks(text) : [],
      });
    }
  };
  for (const line of body) {
    if (line.startsWith('## ')) {
      flush();
      current = { title: line.slice(3).trim(), text: [] };
    } else current.text.push(line);
  }
  flush();
  return htmlReport({ title, sections, ...(footer ? { footer } : {}) });
}
