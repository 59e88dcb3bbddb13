/**
 * Self-contained HTML reports: one file with its CSS inline and charts as inline SVG, no
 * scripts, no external requests (no CDN, no web fonts, no images by URL), print-friendly. A
 * report is sections of document blocks (`table/document.ts`), all text escaped.
 */

import { type Language, parseLanguage, type Texts, textOf } from '../language.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import {
  type Block,
  blockHtml as documentBlockHtml,
  type FigureBlock,
  type HeadingBlock,
  type ListBlock,
  type NoteBlock,
  type ParagraphBlock,
  type TableBlock,
  type TableColumn,
} from '../table/document.js';
import { escapeHtml, inlineHtml } from '../table/inline.js';

export {
  escapeHtml,
  type FigureBlock,
  type HeadingBlock,
  inlineHtml,
  type ListBlock,
  type NoteBlock,
  type ParagraphBlock,
  type TableBlock,
  type TableColumn,
};

/** One piece of a report section: a document block. */
export type HtmlBlock = Block;

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
  /**
   * The report's language (default `en`): the page's `lang` attribute, the numbers of every
   * table and the star legends (`nl`: "1.234,5", "34,3%", "procentpunt", "Sterren: …"). Titles,
   * texts and charts are the caller's, built in the same language.
   */
  readonly lang?: Language;
  /** Print a table of contents of the section titles (default true with 3+ titled sections). */
  readonly contents?: boolean;
}

/**
 * Renders one block of a report to HTML (headings at their level, default 3).
 *
 * @example
 * blockHtml({ kind: 'note', text: 'Source: synthetic.' }) // '<p class="note">Source: synthetic.</p>'
 */
export function blockHtml(block: HtmlBlock, lang: Language = 'en'): string {
  return documentBlockHtml(block, { lang });
}

const CONTENTS: Texts = { en: 'Contents', nl: 'Inhoud' };

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
nav.contents li { overflow-wrap: anywhere; } /* a long token (a plan's hash) must not run into the next column */
.table { overflow-x: auto; margin: .8rem 0 1.2rem; }
table { border-collapse: collapse; font-size: .84rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding: 0 0 .3rem; }
th, td { padding: .22rem .45rem; border-bottom: 1px solid #e2e2e2; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #999; background: #f7f7f7; }
td.num { text-align: right; white-space: nowrap; }
th.num { text-align: right; }
tbody tr:nth-child(even) { background: #fafafa; }
figure { margin: 1.2rem 0 1.6rem; }
figure svg { display: block; max-width: 100%; height: auto; } /* drawn size: equal fonts in every chart */
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

const HTML_REPORT_KEYS: AllKeys<HtmlReport> = {
  title: true,
  subtitle: true,
  sections: true,
  footer: true,
  lang: true,
  contents: true,
};

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
 *     { title: 'Table 2', blocks: result.participation.toDocument() },
 *   ],
 *   footer: 'Source: synthetic reconstruction.',
 * });
 */
export function htmlReport(report: HtmlReport): string {
  rejectUnknownKeys(report, HTML_REPORT_KEYS, 'htmlReport');
  const lang = parseLanguage(report.lang, 'htmlReport: lang');
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
      ? `<nav class="contents" aria-label="${textOf(CONTENTS, lang)}"><ol>${report.sections
          .map((s, i) =>
            s.title ? `<li><a href="#${ids[i]}">${inlineHtml(s.title)}</a></li>` : '',
          )
          .join('')}</ol></nav>`
      : '';
  const sections = report.sections
    .map((s, i) => {
      const title = s.title ? `<h2>${inlineHtml(s.title)}</h2>\n` : '';
      return `<section id="${escapeHtml(ids[i]!)}">\n${title}${s.blocks.map((b) => blockHtml(b, lang)).join('\n')}\n</section>`;
    })
    .join('\n');
  const subtitle = report.subtitle
    ? `\n<p class="subtitle">${inlineHtml(report.subtitle)}</p>`
    : '';
  const footer = report.footer ? `\n<footer>${inlineHtml(report.footer)}</footer>` : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
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
