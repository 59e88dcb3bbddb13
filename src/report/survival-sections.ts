/**
 * The survival analyses of an evaluation (`tests`, `rmst`, `cox` in the plan) as sections of
 * the result-table model: one table of the tests, one of the restricted means, one of the Cox
 * coefficients. Nothing is computed here.
 */
import type { SurvivalResults } from '../evaluate/index.js';
import { formatNumber } from '../format.js';
import { type Language, numberStyleOf, type Texts, textOf } from '../language.js';
import type { Section, SectionColumn } from '../table/index.js';
import { methodText } from './method-texts.js';

/** Every text of the survival sections in one language. */
interface SurvivalTexts {
  readonly testsTitle: string;
  readonly event: string;
  readonly test: string;
  readonly logRankNote: (method: string) => string;
  readonly observedExpected: (event: string, arms: string) => string;
  readonly grayNote: (event: string, method: string) => string;
  readonly rmstTitle: (tau: number, contrast: string) => string;
  readonly difference: string;
  readonly lower: string;
  readonly upper: string;
  readonly rmstNote: (tau: number, contrast: string, treatment: string) => string;
  readonly coxTitle: (treatment: string, control: string) => string;
  readonly term: string;
  readonly robustSe: string;
  readonly hrLower: string;
  readonly hrUpper: string;
  readonly method: (method: string) => string;
  readonly coxCount: (event: string, n: string, events: string) => string;
}

const TEXTS: Texts<SurvivalTexts> = {
  en: {
    testsTitle: 'Survival tests (treatment vs control)',
    event: 'event',
    test: 'test',
    logRankNote: (m) => `Log-rank: ${m}.`,
    observedExpected: (e, arms) => `${e}: observed / expected events ${arms}.`,
    grayNote: (e, m) => `Gray, ${e}: ${m}.`,
    rmstTitle: (tau, contrast) =>
      `Restricted mean months without the event up to month ${tau} (${contrast})`,
    difference: 'difference',
    lower: 'lower',
    upper: 'upper',
    rmstNote: (tau, contrast, t) =>
      `Method: months without the event in the first ${tau} months per arm (area under the Kaplan–Meier curve, SE as R survfit); difference ${contrast} with SE √(v₁ + v₀), z test. Positive: the event came later in ${t}.`,
    coxTitle: (t, c) => `Cox regression (${t} vs ${c})`,
    term: 'term',
    robustSe: 'robust SE',
    hrLower: 'HR lower',
    hrUpper: 'HR upper',
    method: (m) => `Method: ${m}.`,
    coxCount: (e, n, events) => `${e}: n = ${n}, ${events} events.`,
  },
  nl: {
    testsTitle: 'Overlevingstoetsen (behandeling tegen controle)',
    event: 'gebeurtenis',
    test: 'toets',
    logRankNote: (m) => `Log-rank: ${m}.`,
    observedExpected: (e, arms) => `${e}: waargenomen / verwachte gebeurtenissen ${arms}.`,
    grayNote: (e, m) => `Gray, ${e}: ${m}.`,
    rmstTitle: (tau, contrast) =>
      `Beperkt gemiddeld aantal maanden zonder de gebeurtenis tot en met maand ${tau} (${contrast})`,
    difference: 'verschil',
    lower: 'ondergrens',
    upper: 'bovengrens',
    rmstNote: (tau, contrast, t) =>
      `Methode: maanden zonder de gebeurtenis in de eerste ${tau} maanden per groep (oppervlakte onder de Kaplan–Meier-curve, SE als R survfit); verschil ${contrast} met SE √(v₁ + v₀), z-toets. Positief: de gebeurtenis kwam later in ${t}.`,
    coxTitle: (t, c) => `Cox-regressie (${t} tegen ${c})`,
    term: 'term',
    robustSe: 'robuuste SE',
    hrLower: 'HR ondergrens',
    hrUpper: 'HR bovengrens',
    method: (m) => `Methode: ${m}.`,
    coxCount: (e, n, events) => `${e}: n = ${n}, ${events} gebeurtenissen.`,
  },
};

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
 * survivalSections(result.survival!, 'nl')[0]!.title; // 'Overlevingstoetsen (behandeling tegen controle)'
 */
export function survivalSections(s: SurvivalResults, lang: Language = 'en'): Section[] {
  const t = textOf(TEXTS, lang);
  const style = numberStyleOf(lang);
  const sections: Section[] = [];
  if (s.logrank.length || s.gray.length) {
    sections.push({
      id: 'survival-tests',
      title: t.testsTitle,
      columns: [
        col('event', t.event, 'text', { key: 'event' }),
        col('test', t.test, 'text', { qualifier: true }),
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
        ...s.logrank.slice(0, 1).map((e) => t.logRankNote(methodText(e.result.method, lang))),
        ...s.logrank.map((e) =>
          t.observedExpected(
            e.event,
            e.result.arms
              .map((a) => `${a.arm} ${a.observed} / ${formatNumber(a.expected, 1, style)}`)
              .join(', '),
          ),
        ),
        ...s.gray.map((e) => t.grayNote(e.event, methodText(e.result.method, lang))),
      ],
    });
  }
  if (s.rmst.length) {
    const first = s.rmst[0]!.result;
    const [a0, c] = first.arms;
    const contrast = `${a0.arm} − ${c.arm}`;
    sections.push({
      id: 'rmst',
      title: t.rmstTitle(first.tau, contrast),
      columns: [
        col('event', t.event, 'text', { key: 'event' }),
        col('rmst_t', a0.arm, 'stat', { arm: a0.arm, measure: 'rmst' }),
        col('se_t', 'SE', 'stat', { arm: a0.arm, measure: 'std_error' }),
        col('rmst_c', c.arm, 'stat', { arm: c.arm, measure: 'rmst' }),
        col('se_c', 'SE', 'stat', { arm: c.arm, measure: 'std_error' }),
        col('difference', t.difference, 'stat', { measure: 'difference.estimate' }),
        col('difference_se', 'SE', 'stat', { measure: 'difference.std_error' }),
        col('lower', t.lower, 'stat', { measure: 'difference.ci_lower' }),
        col('upper', t.upper, 'stat', { measure: 'difference.ci_upper' }),
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
      notes: [t.rmstNote(first.tau, contrast, a0.arm)],
    });
  }
  if (s.cox.length) {
    const first = s.cox[0]!.result;
    sections.push({
      id: 'cox',
      title: t.coxTitle(first.arms.treatment, first.arms.control),
      columns: [
        col('event', t.event, 'text', { key: 'event' }),
        col('term', t.term, 'text', { qualifier: true }),
        col('estimate', 'log HR', 'number'),
        col('model_se', 'SE', 'number', { measure: 'model_std_error' }),
        col('robust_se', t.robustSe, 'number', { measure: 'robust_std_error' }),
        col('hr', 'HR', 'number', { measure: 'hazard_ratio' }),
        col('hr_lower', t.hrLower, 'number', { measure: 'hr_ci_lower' }),
        col('hr_upper', t.hrUpper, 'number', { measure: 'hr_ci_upper' }),
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
        t.method(methodText(first.method, lang)),
        ...s.cox.map((e) =>
          t.coxCount(
            e.event,
            formatNumber(e.result.n, 0, style),
            formatNumber(e.result.events, 0, style),
          ),
        ),
        ...s.cox.flatMap((e) =>
          e.result.warnings.map((w) => `${e.event}: ${methodText(w, lang)}.`),
        ),
      ],
    });
  }
  return sections;
}
