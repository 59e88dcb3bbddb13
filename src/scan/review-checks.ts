/**
 * The review's judgement: flags (a number outside its threshold) and the verdict table (each
 * check with its figure, interval, threshold and pass / attention / fail). A check fails when
 * its whole interval lies past the threshold, needs attention when only the point estimate does
 * (or, for the many subgroup and fairness flags, when its Holm-adjusted p-value is not below
 * `findingAlpha`), and passes otherwise.
 */
import { formatNumber, formatPercent, formatPp } from '../format.js';
import { pAdjust } from '../stats/multiplicity.js';
import { FAIRNESS_METRICS } from './fairness.js';
import type { ScanReviewData } from './review.js';

/** pass: within the threshold; attention: outside, but not clearly; fail: clearly outside. */
export type CheckStatus = 'pass' | 'attention' | 'fail';

/** A number outside its threshold. */
export interface ReviewFlag {
  /** The threshold key, e.g. `captureTop10Min`. */
  readonly threshold: string;
  /** What was measured, e.g. "capture in the top 10 % (2024)". */
  readonly metric: string;
  readonly value: number;
  /** The bound it crossed, as text ("≥ 55 %", "[0.8, 1.2]"). */
  readonly bound: string;
  readonly message: string;
  /** The p-value of the comparison behind a subgroup or fairness flag (null for the others). */
  readonly pValue: number | null;
  /** Holm-adjusted across all subgroup and fairness flags (null for the others). */
  readonly adjustedPValue: number | null;
  readonly status: Exclude<CheckStatus, 'pass'>;
}

/** How a verdict figure is written. */
export type VerdictFormat = 'percent' | 'pp' | 'number' | 'p' | 'count';

/** One row of the verdict table. */
export interface VerdictRow {
  readonly check: string;
  readonly value: number;
  readonly ci: readonly [number, number] | null;
  readonly format: VerdictFormat;
  /** The threshold as text. */
  readonly bound: string;
  readonly status: CheckStatus;
  /** The verdict in plain words. */
  readonly words: string;
}

type Partial = Omit<ScanReviewData, 'flags' | 'methods' | 'title' | 'verdict'>;
type Ci = readonly [number, number] | null;

const pct = (x: number) => formatPercent(x, 1);

/** Status of "value ≥ min". */
function atLeast(value: number, ci: Ci, min: number): CheckStatus {
  if (value >= min) return 'pass';
  return ci !== null && ci[1] < min ? 'fail' : 'attention';
}

/** Status of "lo ≤ value ≤ hi". */
function within(value: number, ci: Ci, lo: number, hi: number): CheckStatus {
  if (value >= lo && value <= hi) return 'pass';
  return ci !== null && (ci[1] < lo || ci[0] > hi) ? 'fail' : 'attention';
}

/**
 * Every number outside its threshold. The previous year's calibration is not flagged when the
 * scan was fitted on it (in-sample calibration is perfect by construction). Subgroup and
 * fairness flags carry the p-value of their comparison, Holm-adjusted across all of them.
 *
 * @example
 * reviewFlags(review).filter((f) => f.status === 'fail')
 */
export function reviewFlags(r: Partial): ReviewFlag[] {
  const t = r.config.thresholds;
  const out: ReviewFlag[] = [];
  const add = (
    threshold: string,
    metric: string,
    value: number,
    bound: string,
    message: string,
    status: CheckStatus,
    pValue: number | null = null,
  ) => {
    if (status === 'pass') return;
    out.push({ threshold, metric, value, bound, message, pValue, adjustedPValue: null, status });
  };
  for (const y of [r.current, r.previous]) {
    add(
      'captureTop10Min',
      `capture in the top 10 % (${y.label})`,
      y.capture10,
      `≥ ${pct(t.captureTop10Min)}`,
      `${y.label}: the top 10 % captures ${pct(y.capture10)} of the cases, below ${pct(t.captureTop10Min)}`,
      atLeast(y.capture10, y.top10.ci, t.captureTop10Min),
    );
    add(
      'captureTop20Min',
      `capture in the top 20 % (${y.label})`,
      y.capture20,
      `≥ ${pct(t.captureTop20Min)}`,
      `${y.label}: the top 20 % captures ${pct(y.capture20)} of the cases, below ${pct(t.captureTop20Min)}`,
      atLeast(y.capture20, y.top20.ci, t.captureTop20Min),
    );
    add(
      'aucMin',
      `AUC (${y.label})`,
      y.auc.estimate,
      `≥ ${t.aucMin}`,
      `${y.label}: AUC ${formatNumber(y.auc.estimate, 3)} is below ${t.aucMin}`,
      atLeast(y.auc.estimate, y.auc.ci, t.aucMin),
    );
    if (y.sample === 'in-sample') continue;
    const c = y.calibration;
    const [slo, shi] = t.calibrationSlopeRange;
    add(
      'calibrationSlopeRange',
      `calibration slope (${y.label})`,
      c.slope.estimate,
      `[${slo}, ${shi}]`,
      `${y.label}: calibration slope ${formatNumber(c.slope.estimate, 3)} outside [${slo}, ${shi}]`,
      within(c.slope.estimate, c.slope.ci, slo, shi),
    );
    const m = t.calibrationInterceptMaxAbs;
    add(
      'calibrationInterceptMaxAbs',
      `calibration intercept (${y.label})`,
      c.intercept.estimate,
      `|a| ≤ ${m}`,
      `${y.label}: calibration intercept ${formatNumber(c.intercept.estimate, 3)} (log-odds): the scan ${c.intercept.estimate > 0 ? 'under' : 'over'}estimates the risk on average`,
      within(c.intercept.estimate, c.intercept.ci, -m, m),
    );
    const [olo, ohi] = t.observedExpectedRange;
    add(
      'observedExpectedRange',
      `observed/expected (${y.label})`,
      c.observedExpectedRatio,
      `[${olo}, ${ohi}]`,
      `${y.label}: observed/expected cases ${formatNumber(c.observedExpectedRatio, 3)} outside [${olo}, ${ohi}]`,
      within(c.observedExpectedRatio, y.observedExpectedCi, olo, ohi),
    );
    const hl = c.hosmerLemeshow;
    add(
      'hosmerLemeshowPMin',
      `Hosmer–Lemeshow p (${y.label})`,
      hl.pValue,
      `≥ ${t.hosmerLemeshowPMin}`,
      `${y.label}: Hosmer–Lemeshow Ĉ = ${formatNumber(hl.statistic, 1)} on ${hl.df} df, p = ${hl.pValue.toPrecision(2)}: predicted and observed rates differ across deciles (at this sample size small misfit is detected; read the decile table)`,
      hl.pValue >= t.hosmerLemeshowPMin ? 'pass' : 'attention',
    );
  }
  for (const f of r.drift.features) {
    add(
      'psiFeatureMax',
      `PSI of ${f.variable}`,
      f.psi,
      `≤ ${t.psiFeatureMax}`,
      `feature ${f.variable} shifted: PSI ${formatNumber(f.psi, 3)} (${f.level})`,
      f.psi <= t.psiFeatureMax ? 'pass' : f.psi > 0.25 ? 'fail' : 'attention',
    );
  }
  const sp = r.drift.score.psi;
  add(
    'psiScoreMax',
    'PSI of the score',
    sp,
    `≤ ${t.psiScoreMax}`,
    `the score distribution shifted: PSI ${formatNumber(sp, 3)} (${r.drift.score.level})`,
    sp <= t.psiScoreMax ? 'pass' : sp > 0.25 ? 'fail' : 'attention',
  );
  const dc = r.drift.capture10;
  add(
    'captureDropMax',
    'change in capture in the top 10 %',
    dc.estimate,
    `≥ −${formatPp(t.captureDropMax)}`,
    `capture in the top 10 % fell by ${formatPp(-dc.estimate)} (p = ${dc.pValue.toPrecision(2)})`,
    atLeast(dc.estimate, dc.ci, -t.captureDropMax),
  );
  const da = r.drift.auc;
  add(
    'aucDropMax',
    'change in AUC',
    da.estimate,
    `≥ −${t.aucDropMax}`,
    `AUC fell by ${formatNumber(-da.estimate, 3)} (p = ${da.pValue.toPrecision(2)})`,
    atLeast(da.estimate, da.ci, -t.aucDropMax),
  );
  const family: ReviewFlag[] = [];
  const addTested = (
    threshold: string,
    metric: string,
    value: number,
    bound: string,
    message: string,
    pValue: number,
  ) =>
    family.push({
      threshold,
      metric,
      value,
      bound,
      message,
      pValue: Number.isFinite(pValue) ? pValue : 1,
      adjustedPValue: null,
      status: 'attention',
    });
  for (const s of r.subgroups) {
    const ref = s.rows.find((x) => x.group === s.reference)!;
    for (const row of s.rows) {
      if (row.cases < t.subgroupMinCases) continue;
      const where = `${s.variable} = ${row.group}`;
      const cd = row.captureDifference;
      if (cd && Math.abs(cd.estimate) > t.subgroupCaptureGapMax)
        addTested(
          'subgroupCaptureGapMax',
          `capture gap, ${where}`,
          cd.estimate,
          `|gap| ≤ ${formatPp(t.subgroupCaptureGapMax)}`,
          `${where}: capture ${pct(row.capture!)} vs ${pct(ref.capture!)} for ${s.reference} (${formatPp(cd.estimate)})`,
          cd.pValue,
        );
      const ad = row.aucDifference;
      if (ad && Math.abs(ad.estimate) > t.subgroupAucGapMax)
        addTested(
          'subgroupAucGapMax',
          `AUC gap, ${where}`,
          ad.estimate,
          `|gap| ≤ ${t.subgroupAucGapMax}`,
          `${where}: AUC ${formatNumber(row.auc!.estimate, 3)}, ${ad.estimate > 0 ? '+' : '−'}${formatNumber(Math.abs(ad.estimate), 3)} vs ${s.reference}`,
          ad.pValue,
        );
      const [lo, hi] = t.subgroupObservedExpectedRange;
      if (row.observedExpectedRatio < lo || row.observedExpectedRatio > hi)
        addTested(
          'subgroupObservedExpectedRange',
          `observed/expected, ${where}`,
          row.observedExpectedRatio,
          `[${lo}, ${hi}]`,
          `${where}: observed/expected ${formatNumber(row.observedExpectedRatio, 2)} (${row.cases} cases, risk ${row.meanPredicted < row.observedRate ? 'underestimated' : 'overestimated'})`,
          row.calibrationIntercept?.pValue ?? 1,
        );
    }
  }
  const [flo, fhi] = t.fairnessRatioRange;
  for (const f of r.fairness) {
    for (const row of f.rows) {
      if (row.cases < t.subgroupMinCases) continue;
      for (const { name, label, criterion } of FAIRNESS_METRICS) {
        const m = row.metrics[name];
        if (m.ratio === null || (m.ratio >= flo && m.ratio <= fhi)) continue;
        addTested(
          'fairnessRatioRange',
          `${label}, ${f.variable} = ${row.group}`,
          m.ratio,
          `ratio in [${flo}, ${fhi}]`,
          `${f.variable} = ${row.group}: ${label} ${pct(m.value)} against ${pct(f.overall[name])} overall (ratio ${formatNumber(m.ratio, 2)}; ${criterion})`,
          m.versusRest?.pValue ?? 1,
        );
      }
    }
  }
  const adjusted = pAdjust(
    family.map((f) => f.pValue!),
    'holm',
  );
  const alpha = t.findingAlpha;
  family.forEach((f, i) => {
    const p = adjusted[i]!;
    out.push({
      ...f,
      adjustedPValue: p,
      status: p < alpha ? 'fail' : 'attention',
      message: `${f.message}; p = ${f.pValue!.toPrecision(2)}, Holm-adjusted over ${family.length} subgroup and fairness flags ${p.toPrecision(2)}`,
    });
  });
  return out;
}

function worst(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.includes('fail') ? 'fail' : statuses.includes('attention') ? 'attention' : 'pass';
}

/**
 * The verdict table: the checks a model-review board reads first, on the current year scored
 * by the scan under review (out of sample when it was fitted on the previous year), each with
 * its figure, interval, threshold and status in plain words.
 *
 * @example
 * reviewVerdict(review, review.flags).map((v) => `${v.check}: ${v.status}`)
 */
export function reviewVerdict(r: Partial, flags: readonly ReviewFlag[]): VerdictRow[] {
  const t = r.config.thresholds;
  const c = r.current;
  const k = c.calibration;
  const rows: VerdictRow[] = [];
  const row = (v: VerdictRow) => rows.push(v);
  const say = (s: CheckStatus, pass: string, attention: string, fail: string) =>
    s === 'pass' ? pass : s === 'attention' ? attention : fail;
  let s = atLeast(c.auc.estimate, c.auc.ci, t.aucMin);
  row({
    check: `discrimination: AUC (${c.label})`,
    value: c.auc.estimate,
    ci: c.auc.ci,
    format: 'number',
    bound: `≥ ${t.aucMin}`,
    status: s,
    words: say(
      s,
      'the scan ranks cases above non-cases well enough',
      'the AUC is below the threshold, but its interval reaches it',
      'the scan ranks cases clearly worse than required',
    ),
  });
  for (const [top, min, q] of [
    [c.top10, t.captureTop10Min, '10'],
    [c.top20, t.captureTop20Min, '20'],
  ] as const) {
    s = atLeast(top.capture, top.ci, min);
    row({
      check: `capture in the top ${q} % (${c.label})`,
      value: top.capture,
      ci: top.ci,
      format: 'percent',
      bound: `≥ ${pct(min)}`,
      status: s,
      words: say(
        s,
        `the top ${q} % holds enough of the cases`,
        'below the threshold, within the interval',
        `the top ${q} % holds clearly too few of the cases`,
      ),
    });
  }
  const m = t.calibrationInterceptMaxAbs;
  s = within(k.intercept.estimate, k.intercept.ci, -m, m);
  row({
    check: `calibration intercept (${c.label})`,
    value: k.intercept.estimate,
    ci: k.intercept.ci,
    format: 'number',
    bound: `|a| ≤ ${m}`,
    status: s,
    words: say(
      s,
      'the predicted risk is right on average',
      'the average risk may be off',
      `the scan ${k.intercept.estimate < 0 ? 'over' : 'under'}estimates the risk on average`,
    ),
  });
  const [slo, shi] = t.calibrationSlopeRange;
  s = within(k.slope.estimate, k.slope.ci, slo, shi);
  row({
    check: `calibration slope (${c.label})`,
    value: k.slope.estimate,
    ci: k.slope.ci,
    format: 'number',
    bound: `[${slo}, ${shi}]`,
    status: s,
    words: say(
      s,
      'predictions are neither too extreme nor too flat',
      'the spread of the predictions may be off',
      k.slope.estimate < slo ? 'predictions are too extreme' : 'predictions are too flat',
    ),
  });
  const [olo, ohi] = t.observedExpectedRange;
  s = within(k.observedExpectedRatio, c.observedExpectedCi, olo, ohi);
  row({
    check: `observed / expected cases (${c.label})`,
    value: k.observedExpectedRatio,
    ci: c.observedExpectedCi,
    format: 'number',
    bound: `[${olo}, ${ohi}]`,
    status: s,
    words: say(
      s,
      'as many cases as predicted',
      'the number of cases may differ from the prediction',
      k.observedExpectedRatio < olo ? 'fewer cases than predicted' : 'more cases than predicted',
    ),
  });
  const hl = k.hosmerLemeshow;
  s = hl.pValue >= t.hosmerLemeshowPMin ? 'pass' : 'attention';
  row({
    check: `Hosmer–Lemeshow p (${c.label})`,
    value: hl.pValue,
    ci: null,
    format: 'p',
    bound: `≥ ${t.hosmerLemeshowPMin}`,
    status: s,
    words: say(
      s,
      'no misfit across the deciles',
      'observed and predicted rates differ across deciles; read the decile table (large samples detect small misfit)',
      '',
    ),
  });
  const sp = r.drift.score.psi;
  s = sp <= t.psiScoreMax ? 'pass' : sp > 0.25 ? 'fail' : 'attention';
  row({
    check: 'drift of the score (PSI)',
    value: sp,
    ci: null,
    format: 'number',
    bound: `≤ ${t.psiScoreMax}`,
    status: s,
    words: say(s, 'the score distribution is stable', 'moderate shift', 'large shift'),
  });
  const top = [...r.drift.features].sort((a, b) => b.psi - a.psi)[0];
  if (top) {
    s = top.psi <= t.psiFeatureMax ? 'pass' : top.psi > 0.25 ? 'fail' : 'attention';
    row({
      check: `drift of the features (largest PSI: ${top.variable})`,
      value: top.psi,
      ci: null,
      format: 'number',
      bound: `≤ ${t.psiFeatureMax}`,
      status: s,
      words: say(
        s,
        'no feature shifted',
        `${top.variable} shifted moderately`,
        `${top.variable} shifted strongly`,
      ),
    });
  }
  const da = r.drift.auc;
  s = atLeast(da.estimate, da.ci, -t.aucDropMax);
  row({
    check: `change in AUC, ${r.previous.label} → ${c.label}`,
    value: da.estimate,
    ci: da.ci,
    format: 'number',
    bound: `≥ −${t.aucDropMax}`,
    status: s,
    words: say(s, 'discrimination held up', 'AUC fell, within noise', 'AUC fell clearly'),
  });
  const dc = r.drift.capture10;
  s = atLeast(dc.estimate, dc.ci, -t.captureDropMax);
  row({
    check: `change in capture (top 10 %), ${r.previous.label} → ${c.label}`,
    value: dc.estimate,
    ci: dc.ci,
    format: 'pp',
    bound: `≥ −${formatPp(t.captureDropMax)}`,
    status: s,
    words: say(s, 'capture held up', 'capture fell, within noise', 'capture fell clearly'),
  });
  if (r.refit) {
    const d = r.refit.comparison.difference;
    s = d.estimate <= t.aucDropMax ? 'pass' : d.ci[0] > t.aucDropMax ? 'fail' : 'attention';
    row({
      check: `refit on ${c.label} against the scan (paired AUC difference)`,
      value: d.estimate,
      ci: d.ci,
      format: 'number',
      bound: `≤ ${t.aucDropMax}`,
      status: s,
      words: say(
        s,
        `a refit on ${c.label} would not rank clearly better (its AUC is in-sample, so optimistic)`,
        'a refit may rank better: consider re-estimating the scan',
        'a refit ranks clearly better: re-estimate the scan',
      ),
    });
  }
  for (const [label, keys] of [
    [
      'subgroups: capture, AUC and calibration per group',
      ['subgroupCaptureGapMax', 'subgroupAucGapMax', 'subgroupObservedExpectedRange'],
    ],
    ['fairness: selection, TPR, PPV and FPR ratios per group', ['fairnessRatioRange']],
  ] as const) {
    const own = flags.filter((f) => (keys as readonly string[]).includes(f.threshold));
    const findings = own.filter((f) => f.status === 'fail').length;
    s = worst(own.map((f) => f.status));
    row({
      check: label,
      value: findings,
      ci: null,
      format: 'count',
      bound: `Holm-adjusted p < ${t.findingAlpha}`,
      status: s,
      words:
        own.length === 0
          ? 'no group outside the thresholds'
          : `${own.length} flag${own.length === 1 ? '' : 's'}, ${findings} of them ${findings === 1 ? 'a finding' : 'findings'} after Holm's correction`,
    });
  }
  const levels = [...(r.separation?.levels ?? []), ...(r.refit?.separation.levels ?? [])];
  if (r.separation || r.refit) {
    s = levels.length === 0 && !r.separation?.maximumLikelihoodProblem ? 'pass' : 'attention';
    row({
      check: 'separation and rare levels in the fits',
      value: levels.length,
      ci: null,
      format: 'count',
      bound: 'none',
      status: s,
      words:
        s === 'pass'
          ? 'every factor level has cases and non-cases; maximum-likelihood fits'
          : [
              r.separation ? `${r.previous.label} fit: ${r.separation.note}` : '',
              r.refit ? `${r.current.label} refit: ${r.refit.separation.note}` : '',
            ]
              .filter(Boolean)
              .join('; '),
    });
  }
  return rows;
}
