/** A study report's document as one self-contained HTML page. */
import { type HtmlSection, htmlReport } from '../../report/html.js';
import type { Block, Document } from '../../report/table.js';

/**
 * A report document as a self-contained HTML page (`htmlReport`): the first level-1 heading is
 * the page title, each level-2 heading opens a section (in the contents), and blocks before the
 * first one form an untitled section.
 *
 * @example
 * documentPage(intensive2012Document(result), 'Source: synthetic reconstruction.');
 * // "<!DOCTYPE html>…<h1>Intensive versus basic services, 2012–2013: reproduction</h1>…"
 */
export function documentPage(document: Document, footer?: string): string {
  const titleBlock = document.find((b) => b.kind === 'heading' && b.level === 1);
  const title = titleBlock?.kind === 'heading' ? titleBlock.text : 'Report';
  const sections: { title?: string; blocks: Block[] }[] = [];
  let current: { title?: string; blocks: Block[] } = { blocks: [] };
  for (const block of document) {
    if (block === titleBlock) continue;
    if (block.kind === 'heading' && block.level === 2) {
      sections.push(current);
      current = { title: block.text, blocks: [] };
    } else current.blocks.push(block);
  }
  sections.push(current);
  const kept: HtmlSection[] = sections.filter((s) => s.title !== undefined || s.blocks.length > 0);
  return htmlReport({ title, sections: kept, ...(footer ? { footer } : {}) });
}
