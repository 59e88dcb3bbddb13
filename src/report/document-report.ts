/**
 * A whole document as the input of a self-contained HTML page: its level-1 heading is the page
 * title, each level-2 heading opens a section, blocks before the first one form an untitled
 * section. What `htmlReport` writes from a result's document (the yearly scan review).
 */

import type { Block, Document } from '../table/document.js';
import { type HtmlReport, type HtmlSection, htmlReport } from './html.js';

/**
 * The page of a document: title from its first level-1 heading (else `fallbackTitle`), one
 * section per level-2 heading; `options` adds the subtitle, footer and the rest.
 *
 * @example
 * htmlReport(documentReport(review.toDocument(), { footer: 'Source: synthetic data.' }));
 */
export function documentReport(
  document: Document,
  options: Omit<HtmlReport, 'title' | 'sections'> = {},
  fallbackTitle = 'Report',
): HtmlReport {
  let title: string | undefined;
  const sections: { title?: string; blocks: Block[] }[] = [];
  let current: { title?: string; blocks: Block[] } | undefined;
  for (const block of document) {
    if (block.kind === 'heading' && block.level === 1 && title === undefined) {
      title = block.text;
      continue;
    }
    if (block.kind === 'heading' && block.level === 2) {
      current = { title: block.text, blocks: [] };
      sections.push(current);
      continue;
    }
    if (!current) {
      current = { blocks: [] };
      sections.push(current);
    }
    current.blocks.push(block);
  }
  return { ...options, title: title ?? fallbackTitle, sections: sections as HtmlSection[] };
}

/**
 * A document as one self-contained HTML page: `htmlReport(documentReport(document, { footer }))`.
 *
 * @example
 * documentPage(intensive2012Document(result), 'Source: synthetic reconstruction.');
 * // "<!DOCTYPE html>…<h1>Intensive versus basic services, 2012–2013: reproduction</h1>…"
 */
export function documentPage(document: Document, footer?: string): string {
  return htmlReport(documentReport(document, footer ? { footer } : {}));
}
