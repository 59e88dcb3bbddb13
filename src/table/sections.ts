/**
 * Output formats of `effectmeting analyze`: a result is a list of sections (tables of the table
 * model), rendered as aligned plain text for a terminal, Markdown, or long-format CSV whose cells
 * are safe to open in a spreadsheet. (JSON is the result object itself, see `renderJson`.)
 */
import { markdownText } from '../format.js';
import type { Language } from '../language.js';
import { toCsv } from './csv.js';
import { markdownEscape, markdownOfTable } from './markdown.js';
import { type Cell, LONG_KEYS, publishedCell, type Section, tableLegend } from './model.js';
import { ANSI, type TextTableOptions, textOfTable } from './text.js';

/** A section's notes and, when it has stars, their legend last. */
function notesOf(s: Section, lang: Language): string[] {
  const legend = tableLegend(s, lang);
  return [...(s.notes ?? []), ...(legend ? [legend] : [])];
}

/** The output formats. */
export type OutputFormat = 'table' | 'md' | 'json' | 'csv';
/** Every {@link OutputFormat}. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'md', 'json', 'csv'];

/** Options of {@link renderTable}: how a terminal shows it (files take the defaults). */
export type RenderTableOptions = Pick<TextTableOptions, 'width' | 'color' | 'lang'>;

/** Options of {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /** Language of the numbers and the star legend ("1.234,5", "34,3%" in Dutch); default `en`. */
  readonly lang?: Language;
}

/** Words of `text` in lines of at most `limit` characters (a longer word keeps its own line). */
function wrapWords(text: string, limit: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && [...line].length + 1 + [...word].length > limit) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Sections as aligned plain text for a terminal: the title underlined, then per section its
 * underlined title, its table (headers left-aligned) and its notes. With `width` (a terminal's
 * columns) wide tables are folded into blocks of whole columns and notes wrapped at spaces;
 * `color` makes titles and headers bold. Without options (files, pipes) the text is the same
 * whatever the terminal.
 *
 * @example
 * renderTable('Analysis', [section]) // "Analysis\n========\n\n…"
 * renderTable('Analysis', [section], { width: process.stdout.columns, color: true });
 */
export function renderTable(
  title: string,
  sections: readonly Section[],
  options: RenderTableOptions = {},
): string {
  const bold = options.color ? ANSI.bold : (t: string) => t;
  const notes = (text: string) =>
    options.width === undefined ? [text] : wrapWords(text, options.width);
  // A title wider than the terminal wraps, its rule as long as its longest line.
  const heading = (text: string, rule: string): string[] => {
    const lines = notes(text);
    const longest = Math.max(...lines.map((l) => [...l].length));
    return [...lines.map(bold), rule.repeat(Math.min(longest, 100))];
  };
  const out: string[] = [...heading(title, '='), ''];
  for (const s of sections) {
    out.push(...heading(s.title, '-'));
    if (s.rows.length > 0) {
      out.push(textOfTable(s, { minWidth: 0, headerAlign: 'left', ...options }));
    }
    for (const note of notesOf(s, options.lang ?? 'en')) out.push(...notes(note));
    out.push('');
  }
  return `${out.join('\n')}`;
}

/**
 * Sections as Markdown: a heading, a table and the notes each (`*` escaped, so the stars stay
 * stars; no label becomes raw HTML, see `markdownText`).
 *
 * @example
 * renderMarkdown('Analysis', [section]) // "# Analysis\n\n## …"
 * renderMarkdown('Analyse', [section], { lang: 'nl' }) // numbers as "1.234,5"
 */
export function renderMarkdown(
  title: string,
  sections: readonly Section[],
  options: RenderMarkdownOptions = {},
): string {
  const lang = options.lang ?? 'en';
  const out: string[] = [`# ${markdownText(title)}`, ''];
  for (const s of sections) {
    out.push(`## ${markdownText(s.title)}`, '');
    if (s.rows.length > 0) out.push(markdownOfTable(s, { escape: 'markdown', lang }), '');
    const notes = notesOf(s, lang);
    for (const note of notes) out.push(`${markdownText(markdownEscape(note, 'markdown'))}  `);
    if (notes.length > 0) out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The columns of the long CSV. */
export const CSV_COLUMNS = ['section', ...LONG_KEYS, 'measure', 'value'] as const;

/**
 * Sections as one long CSV: one line per number (or text) with its section, the keys that
 * identify it (event, subgroup, level, arm, month; empty when they do not apply), the measure
 * and the value. Numbers are written in full, suppressed cells as their text ("< 10", "x"); text cells that a spreadsheet would read as a
 * formula get a leading `'` (see `toCsv`). Notes are not part of the CSV.
 *
 * @example
 * renderCsv([section]).split('\n')[0] // "section,event,subgroup,level,arm,month,measure,value"
 */
export function renderCsv(sections: readonly Section[]): string {
  const rows: Record<string, Cell>[] = [];
  for (const s of sections) {
    const keyColumns = s.columns.filter((c) => c.key !== undefined);
    const qualifiers = s.columns.filter((c) => c.qualifier);
    for (const [i, row] of s.rows.entries()) {
      const keys: Record<string, Cell> = { section: s.id };
      for (const k of LONG_KEYS) keys[k] = s.keys?.[k] ?? null;
      for (const c of keyColumns) keys[c.key!] = row[c.id] ?? null;
      const prefix = qualifiers
        .map((c) => row[c.id])
        .filter((v) => v !== null && v !== undefined && v !== '')
        .map((v) => `${String(v)}.`)
        .join('');
      for (const c of s.columns) {
        if (c.key !== undefined || c.qualifier || c.displayOnly) continue;
        const value = publishedCell(s, i, c.id);
        if (value === null || value === undefined || value === '') continue;
        rows.push({
          ...keys,
          ...(c.arm !== undefined ? { arm: c.arm } : {}),
          measure: `${prefix}${c.measure ?? c.id}`,
          value,
        });
      }
    }
  }
  return toCsv(rows, { columns: CSV_COLUMNS, newline: '\n' });
}
