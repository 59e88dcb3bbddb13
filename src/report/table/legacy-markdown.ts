/**
 * @deprecated Reading Markdown back into document blocks. Results build their documents
 * directly; this remains only for the study reports, which still write Markdown strings
 * (`markdownReportHtml`, the report's `markdown` block, `withDisplay` with a Markdown function,
 * `display()` of a Markdown string). The study reports will move to the document model, and
 * then this module goes.
 */
import type { Block } from './document.js';

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

const ITEM = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/;

/**
 * @deprecated Splits Markdown-ish text into document blocks: headings (Markdown levels),
 * blank-line-separated paragraphs, `-`/`*`/`1.` lists, and GitHub pipe tables.
 */
export function legacyMarkdownBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ kind: 'heading', text: heading[2]!.trim(), level });
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
    if (ITEM.test(line)) {
      const ordered = ITEM.exec(line)![1] !== undefined;
      const items: string[] = [];
      while (i < lines.length && ITEM.test(lines[i]!)) {
        let item = ITEM.exec(lines[i]!)![2]!;
        i++;
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]!) && !ITEM.test(lines[i]!)) {
          item += ` ${lines[i]!.trim()}`;
          i++;
        }
        items.push(item);
      }
      blocks.push({ kind: 'list', items, ordered });
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !/^#{1,6}\s/.test(lines[i]!) &&
      !ITEM.test(lines[i]!) &&
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

/**
 * @deprecated The blocks of Markdown placed inside a report section: `#` and `##` headings
 * become level 3, deeper ones level 4 (the section title is level 2).
 */
export function legacyReportBlocks(text: string): Block[] {
  return legacyMarkdownBlocks(text).map((b) =>
    b.kind === 'heading' ? { ...b, level: (b.level ?? 3) <= 2 ? 3 : 4 } : b,
  );
}
