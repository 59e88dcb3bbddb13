/**
 * The "published (report)" column of a reproduction: each headline figure as the study's report
 * printed it, next to the figure reproduced from the data with its confidence interval. The
 * published values come from the study's `targets` module and are read by the report modules
 * only, to be shown beside the reproduction; they never feed the analysis.
 */
import type { Language, Texts } from '../../language.js';
import { textOf } from '../../language.js';
import type { ModelTableBlock } from '../../table/index.js';
import { ciText, ppText, shareCiText, shareText } from './report-language.js';

/** One headline figure: what the report published and what the data give. */
export interface PublishedRow {
  readonly measure: Texts;
  /** `share` (a fraction shown in %) or `difference` (of shares, in percentage points). */
  readonly kind: 'share' | 'difference';
  /** The published value (a fraction), from the study's `targets`. */
  readonly published: number;
  /** Stars the report printed beside it (where it printed them). */
  readonly publishedStars?: string;
  readonly reproduced: number;
  readonly reproducedStars?: string;
  /** The reproduced value's confidence interval. */
  readonly ci: readonly [number, number];
  /**
   * The reproduced value rests on a count below the disclosure threshold: it and its interval
   * are shown as "x" (and left out of the CSV and JSON).
   */
  readonly hidden?: boolean;
}

const LABELS = {
  measure: { en: 'figure', nl: 'uitkomst' },
  published: { en: 'published (report)', nl: 'gepubliceerd (rapport)' },
  reproduced: { en: 'reproduced', nl: 'gereproduceerd' },
  ci: { en: '95 % CI (reproduced)', nl: '95%-betrouwbaarheidsinterval (gereproduceerd)' },
  title: { en: 'Published versus reproduced', nl: 'Gepubliceerd versus gereproduceerd' },
  note: {
    en: 'Published: the figure as printed in the study report (with its stars), shown for comparison only; it plays no part in the analysis. Reproduced: computed from the data of this report, with its 95 % confidence interval.',
    nl: 'Gepubliceerd: de uitkomst zoals het onderzoeksrapport die vermeldt (met de sterren), alleen ter vergelijking; die speelt geen rol in de analyse. Gereproduceerd: berekend uit de gegevens van dit rapport, met het 95%-betrouwbaarheidsinterval.',
  },
} satisfies Record<string, Texts>;

/**
 * The published-versus-reproduced table: per figure the published value, the reproduced one
 * and its interval, formatted in the language (shares "34.3 %", differences "−6.3 pp" /
 * "−6,3 procentpunt"); the CSV and JSON also carry the full numbers (`published_value`,
 * `reproduced_value`, `ci_lower`, `ci_upper`, fractions).
 *
 * @example
 * publishedTable('t52_published', [{ measure: { en: 'net effect, 12 months', nl: 'netto-effect, 12 maanden' },
 *   kind: 'difference', published: 0.027, publishedStars: '**', reproduced: 0.026, ci: [0.006, 0.046] }], 'nl');
 */
export function publishedTable(
  id: string,
  rows: readonly PublishedRow[],
  lang: Language,
): ModelTableBlock {
  const value = (kind: PublishedRow['kind'], x: number) =>
    kind === 'share' ? shareText(x, lang) : ppText(x, lang);
  const text = (key: string, label: Texts, displayOnly = true) => ({
    id: key,
    label: textOf(label, lang),
    format: 'text' as const,
    ...(displayOnly ? { displayOnly: true } : {}),
  });
  const number = (key: string) => ({
    id: key,
    label: key,
    format: 'number' as const,
    unit: 'fraction',
    csvOnly: true,
  });
  return {
    kind: 'table',
    table: {
      id,
      title: textOf(LABELS.title, lang),
      columns: [
        text('measure', LABELS.measure, false),
        text('published', LABELS.published),
        text('reproduced', LABELS.reproduced),
        text('ci', LABELS.ci),
        number('published_value'),
        number('reproduced_value'),
        number('ci_lower'),
        number('ci_upper'),
      ],
      rows: rows.map((r) => ({
        measure: textOf(r.measure, lang),
        published: `${value(r.kind, r.published)}${r.publishedStars ?? ''}`,
        reproduced: r.hidden ? 'x' : `${value(r.kind, r.reproduced)}${r.reproducedStars ?? ''}`,
        ci: r.hidden ? 'x' : r.kind === 'share' ? shareCiText(r.ci, lang) : ciText(r.ci, lang),
        published_value: r.published,
        reproduced_value: r.hidden ? 'x' : r.reproduced,
        ci_lower: r.hidden ? 'x' : r.ci[0],
        ci_upper: r.hidden ? 'x' : r.ci[1],
      })),
    },
    note: textOf(LABELS.note, lang),
  };
}
