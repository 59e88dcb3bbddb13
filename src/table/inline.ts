/**
 * Inline text of the document model: plain text with a little Markdown-ish markup (`**bold**`,
 * `*em*` / `_em_`, `` `code` ``), written to HTML escaped and to a terminal without the marks.
 */

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
 * Inline text to HTML: escapes everything, then `**bold**`, `*em*` / `_em_` and `` `code` ``;
 * `\*` and `\_` stay literal. Markers count only at word boundaries, so the reports' stars
 * ("−6.3 pp**", "* p < 0.10") stay text. Nothing else (no links, no raw HTML).
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
 * Inline text for a terminal: code ticks and backslash escapes go; the stars stay (they are
 * significance marks, not emphasis).
 *
 * @example
 * inlineText('`month_work`: −6.3 pp\\*\\*') // "month_work: −6.3 pp**"
 */
export function inlineText(text: string): string {
  return text.replace(/`([^`]+)`/g, '$1').replace(/\\([*_|\\])/g, '$1');
}
