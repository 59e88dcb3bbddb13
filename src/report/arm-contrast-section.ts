/**
 * The presentation of an evaluation's several-arm contrasts (issue #14, `result.armContrasts`):
 * one section per event with every contrast per month, shares and counts of the contrast's two
 * arms (disclosure-controlled as the effect tables), the raw difference and the adjusted
 * contrast with their tests and, with `config.arms.pAdjust`, the p-values adjusted across the
 * contrasts of each month. Nothing is computed here.
 */
import type { AnalysisResult } from '../evaluate/index.js';
import type { Section, SectionColumn } from '../table/index.js';

const col = (
  id: string,
  label: string,
  format: SectionColumn['format'],
  extra: Partial<SectionColumn> = {},
): SectionColumn => ({ id, label, format, ...extra });

/**
 * The section of one event's contrasts: columns `n_t`/`n_c`, `share_t`/`share_c` (the first and
 * second arm of the row's contrast, so that `protectSections` treats them as the effect tables'
 * counts and shares) and the raw and adjusted estimates.
 *
 * @example
 * const sections = (result.armContrasts ?? []).map(armContrastSection);
 */
export function armContrastSection(
  e: NonNullable<AnalysisResult['armContrasts']>[number],
): Section {
  const s = e.series;
  const adjusted = s.adjustment !== 'none';
  const q = s.pAdjust !== undefined;
  const columns: SectionColumn[] = [
    col('month', 'month', 'int', { key: 'month' }),
    col('contrast', 'contrast', 'text', { qualifier: true }),
    col('n_t', 'first n', 'int', { measure: 'first.n' }),
    col('n_c', 'second n', 'int', { measure: 'second.n' }),
    col('share_t', 'first', 'percent', { measure: 'first.share' }),
    col('share_c', 'second', 'percent', { measure: 'second.share' }),
    col('raw', 'raw difference', 'pp', { measure: 'raw.estimate' }),
    col('raw_se', 'raw SE', 'points', { measure: 'raw.std_error', csvOnly: true }),
    col('raw_p', 'p', 'p', { measure: 'raw.p_value' }),
    col('raw_stars', '', 'text', { measure: 'raw.stars', displayOnly: true }),
    ...(q ? [col('raw_q', `p ${s.pAdjust}`, 'p', { measure: 'raw.p_adjusted' })] : []),
    ...(adjusted
      ? [
          col('adj', 'adjusted', 'pp', { measure: 'adjusted.estimate' }),
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
        raw_se: c.raw.stdError,
        raw_p: c.raw.pValue,
        raw_stars: c.raw.stars,
        raw_q: c.pAdjusted?.raw ?? null,
        adj: c.adjusted?.estimate ?? null,
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
    title: `Contrasts between arms on ${e.event} per month (column ${e.column})`,
    keys: { event: e.event },
    columns,
    rows,
    notes: [
      'First and second: the shares of the contrast’s first and second arm (first − second).',
      `Method: ${s.method}.`,
      ...(s.family ? [`Multiplicity: ${s.pAdjust} across ${s.family}.`] : []),
      ...s.warnings.map((w) => `Warning: ${w}.`),
      ...(s.aliased.length ? [`Dropped as aliased in some month: ${s.aliased.join(', ')}.`] : []),
    ],
  };
}
