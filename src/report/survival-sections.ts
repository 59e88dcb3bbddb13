/**
 * The survival analyses of an evaluation (`tests`, `rmst`, `cox` in the plan) as sections of
 * the result-table model: one table of the tests, one of the restricted means, one of the Cox
 * coefficients. Nothing is computed here.
 */
import type { SurvivalResults } from '../evaluate/index.js';
import { formatNumber } from '../format.js';
import type { Section, SectionColumn } from '../table/index.js';

const col = (
  id: string,
  label: string,
  format: SectionColumn['format'],
  extra: Partial<SectionColumn> = {},
): SectionColumn => ({ id, label, format, ...extra });

/**
 * Sections for the survival results (none when the plan asked for none): `survival-tests`
 * (log-rank and Gray per event), `rmst` (per event: both arms and the difference) and `cox`
 * (per event and term: log hazard ratio, model and robust SE, hazard ratio with its interval).
 *
 * @example
 * survivalSections(result.survival!).map((s) => s.id); // ['survival-tests', 'rmst', 'cox']
 */
export function survivalSections(s: SurvivalResults): Section[] {
  const sections: Section[] = [];
  if (s.logrank.length || s.gray.length) {
    sections.push({
      id: 'survival-tests',
      title: 'Survival tests (treatment vs control)',
      columns: [
        col('event', 'event', 'text', { key: 'event' }),
        col('test', 'test', 'text', { qualifier: true }),
        col('statistic', 'χ²', 'stat'),
        col('df', 'df', 'int'),
        col('p', 'p', 'p', { measure: 'p_value' }),
      ],
      rows: [
        ...s.logrank.map((e) => ({
          event: e.event,
          test: 'log-rank',
          statistic: e.result.statistic,
          df: e.result.df,
          p: e.result.pValue,
        })),
        ...s.gray.map((e) => ({
          event: e.event,
          test: 'Gray',
          statistic: e.result.statistic,
          df: e.result.df,
          p: e.result.pValue,
        })),
      ],
      notes: [
        ...s.logrank.slice(0, 1).map((e) => `Log-rank: ${e.result.method}.`),
        ...s.logrank.map(
          (e) =>
            `${e.event}: observed / expected events ${e.result.arms.map((a) => `${a.arm} ${a.observed} / ${formatNumber(a.expected, 1)}`).join(', ')}.`,
        ),
        ...s.gray.map((e) => `Gray, ${e.event}: ${e.result.method}.`),
      ],
    });
  }
  if (s.rmst.length) {
    const first = s.rmst[0]!.result;
    const [t, c] = first.arms;
    sections.push({
      id: 'rmst',
      title: `Restricted mean months without the event up to month ${first.tau} (${t.arm} − ${c.arm})`,
      columns: [
        col('event', 'event', 'text', { key: 'event' }),
        col('rmst_t', t.arm, 'stat', { arm: t.arm, measure: 'rmst' }),
        col('se_t', 'SE', 'stat', { arm: t.arm, measure: 'std_error' }),
        col('rmst_c', c.arm, 'stat', { arm: c.arm, measure: 'rmst' }),
        col('se_c', 'SE', 'stat', { arm: c.arm, measure: 'std_error' }),
        col('difference', 'difference', 'stat', { measure: 'difference.estimate' }),
        col('difference_se', 'SE', 'stat', { measure: 'difference.std_error' }),
        col('lower', 'lower', 'stat', { measure: 'difference.ci_lower' }),
        col('upper', 'upper', 'stat', { measure: 'difference.ci_upper' }),
        col('p', 'p', 'p', { measure: 'difference.p_value' }),
        col('stars', '', 'text', { displayOnly: true }),
      ],
      rows: s.rmst.map((e) => {
        const [a, b] = e.result.arms;
        const d = e.result.difference;
        return {
          event: e.event,
          rmst_t: a.rmean,
          se_t: a.stdError,
          rmst_c: b.rmean,
          se_c: b.stdError,
          difference: d.estimate,
          difference_se: d.stdError,
          lower: d.ci[0],
          upper: d.ci[1],
          p: d.pValue,
          stars: d.stars,
        };
      }),
      notes: [
        `Method: months without the event in the first ${first.tau} months per arm (area under the Kaplan–Meier curve, SE as R survfit); difference ${t.arm} − ${c.arm} with SE √(v₁ + v₀), z test. Positive: the event came later in ${t.arm}.`,
      ],
    });
  }
  if (s.cox.length) {
    const first = s.cox[0]!.result;
    sections.push({
      id: 'cox',
      title: `Cox regression (${first.arms.treatment} vs ${first.arms.control})`,
      columns: [
        col('event', 'event', 'text', { key: 'event' }),
        col('term', 'term', 'text', { qualifier: true }),
        col('estimate', 'log HR', 'number'),
        col('model_se', 'SE', 'number', { measure: 'model_std_error' }),
        col('robust_se', 'robust SE', 'number', { measure: 'robust_std_error' }),
        col('hr', 'HR', 'number', { measure: 'hazard_ratio' }),
        col('hr_lower', 'HR lower', 'number', { measure: 'hr_ci_lower' }),
        col('hr_upper', 'HR upper', 'number', { measure: 'hr_ci_upper' }),
        col('p', 'p', 'p', { measure: 'p_value' }),
        col('stars', '', 'text', { displayOnly: true }),
      ],
      rows: s.cox.flatMap((e) =>
        e.result.coefficients.map((x) => ({
          event: e.event,
          term: x.term,
          estimate: x.estimate,
          model_se: x.modelStdError,
          robust_se: x.robustStdError,
          hr: x.hazardRatio,
          hr_lower: x.hazardRatioCi[0],
          hr_upper: x.hazardRatioCi[1],
          p: x.pValue,
          stars: x.stars,
        })),
      ),
      notes: [
        `Method: ${first.method}.`,
        ...s.cox.map((e) => `${e.event}: n = ${e.result.n}, ${e.result.events} events.`),
        ...s.cox.flatMap((e) => e.result.warnings.map((w) => `${e.event}: ${w}.`)),
      ],
    });
  }
  return sections;
}
