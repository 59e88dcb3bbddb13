/**
 * Text widths for vega's layout without a canvas. Vega's fallback estimate (0.8 em per
 * character) is nearly twice the width of Arial/Helvetica text, which truncates axis labels and
 * leaves gaps in legends. These are Helvetica's advance widths (Adobe AFM, in 1/1000 em; Arial
 * and Liberation Sans share them), so layout matches the chart font and stays deterministic.
 */

// Widths of the printable ASCII characters 32 (space) … 126 (~).
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
  611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
  222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

const OTHER: Readonly<Record<string, number>> = {
  '−': 584,
  '–': 556,
  '—': 1000,
  '…': 1000,
  '†': 556,
  '×': 584,
  '≥': 549,
  '≤': 549,
  '±': 584,
  '·': 278,
  '\u00a0': 278,
};

/** Width in em of `text` in Helvetica/Arial (bold text about 7 % wider). */
function textWidthEm(text: string, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII[code - 32]! : (OTHER[ch] ?? 556);
  }
  return (units / 1000) * (bold ? 1.07 : 1);
}

/** The shape of a vega scenegraph text item, as far as widths need it. */
interface TextItem {
  readonly text?: unknown;
  readonly fontSize?: number;
  readonly fontWeight?: string | number;
}

function textOf(item: TextItem, text: unknown): string {
  const value = text === undefined ? item.text : text;
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(' ') : String(value);
}

/** `textMetrics.width` for vega: Helvetica widths at the item's font size and weight. */
export function vegaTextWidth(item: TextItem, text?: unknown): number {
  const size = item.fontSize ?? 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || (typeof weight === 'number' && weight >= 600);
  return textWidthEm(textOf(item, text), bold) * size;
}
