/**
 * The presentation of an evaluation's several-arm contrasts (issue #14, `result.armContrasts`):
 * one section per event with every contrast per month, shares and counts of the contrast's two
 * arms (disclosure-controlled as the effect tables), the raw difference and the adjusted
 * contrast with their tests and, with `config.arms.pAdjust`, the p-values adjusted across the
 * contrasts of each month. Nothing is computed here.
 */
import type { AnalysisResult } from '../evaluate/index.js';
import { formatNumber, type NumberStyle } from '../format.js';
import { type Language, numberStyleOf, type Texts, textOf } from '../language.js';
import type { Section, SectionColumn } from '../table/index.js';
import { methodText } from './method-texts.js';

/** Every text of the several-arm section in one language. */
interface ContrastTexts {
  readonly month: string;
  readonly contrast: string;
  readonly firstN: string;
  readonly secondN: string;
  readonly first: string;
  readonly second: string;
  readonly rawDifference: string;
  readonly adjusted: string;
  readonly ci: (level: string) => string;
  readonly to: string;
  readonly title: (event: string, column: string) => string;
  readonly firstSecond: string;
  readonly method: string;
  readonly multiplicity: (pAdjust: string, family: string) => string;
  readonly warning: string;
  readonly aliased: (names: string) => string;
}

const TEXTS: Texts<ContrastTexts> = {
  en: {
    month: 'month',
    contrast: 'contrast',
    firstN: 'first n',
    secondN: 'second n',
    first: 'first',
    second: 'second',
    rawDifference: 'raw difference',
    adjusted: 'adjusted',
    ci: (level) => `${level} CI (pp)`,
    to: 'to',
    title: (e, c) => `Contrasts between arms on ${e} per month (column ${c})`,
    firstSecond:
      'First and second: the shares of the contrast’s first and second arm (first − second).',
    method: 'Method',
    multiplicity: (m, f) => `Multiplicity: ${m} across ${f}.`,
    warning: 'Warning',
    aliased: (names) => `Dropped as aliased in some month: ${names}.`,
  },
  nl: {
    month: 'maand',
    contrast: 'contrast',
    firstN: 'eerste n',
    secondN: 'tweede n',
    first: 'eerste',
    second: 'tweede',
    rawDifference: 'ruw verschil',
    adjusted: 'gecorrigeerd',
    ci: (level) => `${level}-BI (procentpunt)`,
    to: 'tot',
    title: (e, c) => `Contrasten tussen de groepen op ${e} per maand (kolom ${c})`,
    firstSecond:
      'Eerste en tweede: de aandelen van de eerste en de tweede groep van het contrast (eerste − tweede).',
    method: 'Methode',
    multiplicity: (m, f) => `Meervoudig toetsen: ${m} over ${f}.`,
    warning: 'Waarschuwing',
    aliased: (names) => `Weggelaten wegens samenvallende kolommen in een maand: ${names}.`,
  },
};

/** A CI in percentage points: "−1.2 to 3.4" / "−1,2 tot 3,4". */
const interval = (ci: readonly [number, number], to: string, style: NumberStyle) =>
  `${formatNumber(100 * ci[0], 1, style)} ${to} ${formatNumber(100 * ci[1], 1, style)}`;

const col = (
  id: string,
  label: string,
  format: SectionColumn['format'],
  extra: Partial<SectionColumn> = {},
): SectionColumn => ({ id, label, format, ...extra });

/**
 * The section of one event's contrasts: columns `n_t`/`n_c`, `share_t`/`share_c` (the first and
 * second arm of the row's contrast, so that `protectSections` treats them as the effect tables'
 * counts and shares) and the raw and adjusted estimates, each with its confidence interval (the
 * adjusted one, or the raw one when there is no adjustment), in `lang` (default `en`).
 *
 * @example
 * const sections = (result.armContrasts ?? []).map((e) => armContrastSection(e, 'nl'));
 */
export function armContrastSection(
  e: NonNullable<AnalysisResult['armContrasts']>[number],
  lang: Language = 'en',
): Section {
  const t = textOf(TEXTS, lang);
  const style = numberStyleOf(lang);
  const s = e.series;
  const adjusted = s.adjustment !== 'none';
  const q = s.pAdjust !== undefined;
  const level = `${Math.round(s.level * 100)}${style.percent}`;
  const columns: SectionColumn[] = [
    col('month', t.month, 'int', { key: 'month' }),
    col('contrast', t.contrast, 'text', { qualifier: true }),
    col('n_t', t.firstN, 'int', { measure: 'first.n' }),
    col('n_c', t.secondN, 'int', { measure: 'second.n' }),
    col('share_t', t.first, 'percent', { measure: 'first.share' }),
    col('share_c', t.second, 'percent', { measure: 'second.share' }),
    col('raw', t.rawDifference, 'pp', { measure: 'raw.estimate' }),
    ...(adjusted ? [] : [col('raw_ci', t.ci(level), 'text', { displayOnly: true })]),
    col('raw_se', 'raw SE', 'points', { measure: 'raw.std_error', csvOnly: true }),
    col('raw_p', 'p', 'p', { measure: 'raw.p_value' }),
    col('raw_stars', '', 'text', { measure: 'raw.stars', displayOnly: true }),
    ...(q ? [col('raw_q', `p ${s.pAdjust}`, 'p', { measure: 'raw.p_adjusted' })] : []),
    ...(adjusted
      ? [
          col('adj', t.adjusted, 'pp', { measure: 'adjusted.estimate' }),
          col('adj_ci', t.ci(level), 'text', { displayOnly: true }),
          col('adj_lower', 'lower', 'pp', { measure: 'adjusted.ci_lower', csvOnly: true }),
          col('adj_upper', 'upper', 'pp', { measure: 'adjusted.ci_upper', csvOnly: true }),
          col('adj_se', 'SE', 'points', { measure: 'adjusted.std_error' }),
          col('adj_p', 'p', 'p', { measure: 'adjusted.p_value' }),
          col('adj_stars', '', 'text', { measure: 'adjusted.stars', displayOnly: true }),
          ...(q ? [col('adj_q', `p ${s.pAdjust}`, 'p', { measure: 'adjusted.p_adjusted' })] : []),
        ]
      : []),
  ];
  const rows = s.months.flatMap((m) =>
    m.contrasts.map((c) => {
      const a = m.arms.find((x) => x.arm === c.first)!;
      const b = m.arms.find((x) => x.arm === c.second)!;
      return {
        month: m.month,
        contrast: c.contrast,
        n_t: a.n,
        n_c: b.n,
        share_t: a.share,
        share_c: b.share,
        raw: c.raw.estimate,
        raw_ci: interval(c.raw.ci, t.to, style),
        raw_se: c.raw.stdError,
        raw_p: c.raw.pValue,
        raw_stars: c.raw.stars,
        raw_q: c.pAdjusted?.raw ?? null,
        adj: c.adjusted?.estimate ?? null,
        adj_ci: c.adjusted ? interval(c.adjusted.ci, t.to, style) : null,
        adj_lower: c.adjusted?.ci[0] ?? null,
        adj_upper: c.adjusted?.ci[1] ?? null,
        adj_se: c.adjusted?.stdError ?? null,
        adj_p: c.adjusted?.pValue ?? null,
        adj_stars: c.adjusted?.stars ?? null,
        adj_q: c.pAdjusted?.adjusted ?? null,
      };
    }),
  );
  return {
    id: 'arm-contrasts',
    title: t.title(e.event, e.column),
    keys: { event: e.event },
    columns,
    rows,
    notes: [
      t.firstSecond,
      `${t.method}: ${methodText(s.method, lang)}.`,
      ...(s.family ? [t.multiplicity(s.pAdjust ?? '', methodText(s.family, lang))] : []),
      ...s.warnings.map((w) => `${t.warning}: ${methodText(w, lang)}.`),
      ...(s.aliased.length ? [t.aliased(s.aliased.join(', '))] : []),
    ],
  };
}
