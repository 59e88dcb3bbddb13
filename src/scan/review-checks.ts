/**
 * The review's judgement: flags (a number outside its threshold) and the verdict table (each
 * check with its figure, interval, threshold and pass / attention / fail). A check fails when
 * its whole interval lies past the threshold, needs attention when only the point estimate does
 * (or, for the many subgroup and fairness flags, when its Holm-adjusted p-value is not below
 * `findingAlpha`), and passes otherwise.
 */
import { type Language, textOf } from '../language.js';
import { pAdjust } from '../stats/multiplicity.js';
import { FAIRNESS_METRICS } from './fairness.js';
import type { ScanReviewData } from './review.js';
import { CHECK_TEXTS } from './review-check-texts.js';
import { driftLevelText, fairnessText, separationNoteText } from './review-data-texts.js';
import { reviewFormat } from './review-format.js';

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
 * `lang` (default `en`) is the language of the texts (metric, bound, message); the review's
 * own flags, and its JSON, are English, its Dutch document calls this with `nl`.
 *
 * @example
 * reviewFlags(review).filter((f) => f.status === 'fail')
 * reviewFlags(review, 'nl')[0]?.message // "2024: kalibratie-intercept −0,290 (log-odds): …"
 */
export function reviewFlags(r: Partial, lang: Language = 'en'): ReviewFlag[] {
  const t = r.config.thresholds;
  const x = textOf(CHECK_TEXTS, lang);
  const fm = reviewFormat(lang);
  const { pct, raw } = fm;
  const num = fm.num;
  const level = (l: Parameters<typeof driftLevelText>[0]) => driftLevelText(l, lang);
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
      x.captureIn('10', y.label),
      y.capture10,
      `≥ ${pct(t.captureTop10Min)}`,
      x.captureMessage(y.label, '10', pct(y.capture10), pct(t.captureTop10Min)),
      atLeast(y.capture10, y.top10.ci, t.captureTop10Min),
    );
    add(
      'captureTop20Min',
      x.captureIn('20', y.label),
      y.capture20,
      `≥ ${pct(t.captureTop20Min)}`,
      x.captureMessage(y.label, '20', pct(y.capture20), pct(t.captureTop20Min)),
      atLeast(y.capture20, y.top20.ci, t.captureTop20Min),
    );
    add(
      'aucMin',
      x.aucOf(y.label),
      y.auc.estimate,
      `≥ ${raw(t.aucMin)}`,
      x.aucMessage(y.label, num(y.auc.estimate, 3), raw(t.aucMin)),
      atLeast(y.auc.estimate, y.auc.ci, t.aucMin),
    );
    if (y.sample === 'in-sample') continue;
    const c = y.calibration;
    const [slo, shi] = t.calibrationSlopeRange;
    const slopeRange = fm.pair(raw(slo), raw(shi));
    add(
      'calibrationSlopeRange',
      x.slopeOf(y.label),
      c.slope.estimate,
      slopeRange,
      x.slopeMessage(y.label, num(c.slope.estimate, 3), slopeRange),
      within(c.slope.estimate, c.slope.ci, slo, shi),
    );
    const m = t.calibrationInterceptMaxAbs;
    add(
      'calibrationInterceptMaxAbs',
      x.interceptOf(y.label),
      c.intercept.estimate,
      `|a| ≤ ${raw(m)}`,
      x.interceptMessage(
        y.label,
        num(c.intercept.estimate, 3),
        c.intercept.estimate > 0 ? 'under' : 'over',
      ),
      within(c.intercept.estimate, c.intercept.ci, -m, m),
    );
    const [olo, ohi] = t.observedExpectedRange;
    const oeRange = fm.pair(raw(olo), raw(ohi));
    add(
      'observedExpectedRange',
      x.oeOf(y.label),
      c.observedExpectedRatio,
      oeRange,
      x.oeMessage(y.label, num(c.observedExpectedRatio, 3), oeRange),
      within(c.observedExpectedRatio, y.observedExpectedCi, olo, ohi),
    );
    const hl = c.hosmerLemeshow;
    add(
      'hosmerLemeshowPMin',
      x.hlOf(y.label),
      hl.pValue,
      `≥ ${raw(t.hosmerLemeshowPMin)}`,
      x.hlMessage(y.label, num(hl.statistic, 1), raw(hl.df), fm.precision2(hl.pValue)),
      hl.pValue >= t.hosmerLemeshowPMin ? 'pass' : 'attention',
    );
  }
  for (const f of r.drift.features) {
    add(
      'psiFeatureMax',
      x.psiOf(f.variable),
      f.psi,
      `≤ ${raw(t.psiFeatureMax)}`,
      x.psiMessage(f.variable, num(f.psi, 3), level(f.level)),
      f.psi <= t.psiFeatureMax ? 'pass' : f.psi > 0.25 ? 'fail' : 'attention',
    );
  }
  const sp = r.drift.score.psi;
  add(
    'psiScoreMax',
    x.psiScore,
    sp,
    `≤ ${raw(t.psiScoreMax)}`,
    x.psiScoreMessage(num(sp, 3), level(r.drift.score.level)),
    sp <= t.psiScoreMax ? 'pass' : sp > 0.25 ? 'fail' : 'attention',
  );
  const dc = r.drift.capture10;
  add(
    'captureDropMax',
    x.captureChange,
    dc.estimate,
    `≥ −${fm.pp(t.captureDropMax)}`,
    x.captureFell(fm.pp(-dc.estimate), fm.precision2(dc.pValue)),
    atLeast(dc.estimate, dc.ci, -t.captureDropMax),
  );
  const da = r.drift.auc;
  add(
    'aucDropMax',
    x.aucChange,
    da.estimate,
    `≥ −${raw(t.aucDropMax)}`,
    x.aucFell(num(-da.estimate, 3), fm.precision2(da.pValue)),
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
    const ref = s.rows.find((g) => g.group === s.reference)!;
    for (const row of s.rows) {
      if (row.cases < t.subgroupMinCases) continue;
      const where = `${s.variable} = ${row.group}`;
      const cd = row.captureDifference;
      if (cd && Math.abs(cd.estimate) > t.subgroupCaptureGapMax)
        addTested(
          'subgroupCaptureGapMax',
          x.captureGap(where),
          cd.estimate,
          x.gap(fm.pp(t.subgroupCaptureGapMax)),
          x.captureGapMessage(
            where,
            pct(row.capture!),
            pct(ref.capture!),
            s.reference,
            fm.pp(cd.estimate),
          ),
          cd.pValue,
        );
      const ad = row.aucDifference;
      if (ad && Math.abs(ad.estimate) > t.subgroupAucGapMax)
        addTested(
          'subgroupAucGapMax',
          x.aucGap(where),
          ad.estimate,
          x.gap(raw(t.subgroupAucGapMax)),
          x.aucGapMessage(where, num(row.auc!.estimate, 3), fm.signed(ad.estimate, 3), s.reference),
          ad.pValue,
        );
      const [lo, hi] = t.subgroupObservedExpectedRange;
      if (row.observedExpectedRatio < lo || row.observedExpectedRatio > hi)
        addTested(
          'subgroupObservedExpectedRange',
          x.oeGroup(where),
          row.observedExpectedRatio,
          fm.pair(raw(lo), raw(hi)),
          x.oeGroupMessage(
            where,
            num(row.observedExpectedRatio, 2),
            fm.int(row.cases),
            row.meanPredicted < row.observedRate ? 'under' : 'over',
          ),
          row.calibrationIntercept?.pValue ?? 1,
        );
    }
  }
  const [flo, fhi] = t.fairnessRatioRange;
  for (const f of r.fairness) {
    for (const row of f.rows) {
      if (row.cases < t.subgroupMinCases) continue;
      for (const { name } of FAIRNESS_METRICS) {
        const m = row.metrics[name];
        if (m.ratio === null || (m.ratio >= flo && m.ratio <= fhi)) continue;
        const { label, criterion } = fairnessText(name, lang);
        const where = `${f.variable} = ${row.group}`;
        addTested(
          'fairnessRatioRange',
          `${label}, ${where}`,
          m.ratio,
          x.ratioIn(fm.pair(raw(flo), raw(fhi))),
          x.fairnessMessage(
            where,
            label,
            pct(m.value),
            pct(f.overall[name]),
            num(m.ratio, 2),
            criterion,
          ),
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
      message: x.holm(f.message, fm.precision2(f.pValue!), family.length, fm.precision2(p)),
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
 * its figure, interval, threshold and status in plain words. `lang` (default `en`) is the
 * language of its texts, as in {@link reviewFlags}.
 *
 * @example
 * reviewVerdict(review, review.flags).map((v) => `${v.check}: ${v.status}`)
 * reviewVerdict(review, reviewFlags(review, 'nl'), 'nl')[0]?.check // "onderscheidend vermogen: AUC (2024)"
 */
export function reviewVerdict(
  r: Partial,
  flags: readonly ReviewFlag[],
  lang: Language = 'en',
): VerdictRow[] {
  const t = r.config.thresholds;
  const c = r.current;
  const k = c.calibration;
  const x = textOf(CHECK_TEXTS, lang);
  const fm = reviewFormat(lang);
  const { pct, raw } = fm;
  const rows: VerdictRow[] = [];
  const row = (v: VerdictRow) => rows.push(v);
  const say = (s: CheckStatus, [pass, attention, fail]: readonly [string, string, string]) =>
    s === 'pass' ? pass : s === 'attention' ? attention : fail;
  let s = atLeast(c.auc.estimate, c.auc.ci, t.aucMin);
  row({
    check: x.discrimination(c.label),
    value: c.auc.estimate,
    ci: c.auc.ci,
    format: 'number',
    bound: `≥ ${raw(t.aucMin)}`,
    status: s,
    words: say(s, x.aucWords),
  });
  for (const [top, min, q] of [
    [c.top10, t.captureTop10Min, '10'],
    [c.top20, t.captureTop20Min, '20'],
  ] as const) {
    s = atLeast(top.capture, top.ci, min);
    row({
      check: x.captureIn(q, c.label),
      value: top.capture,
      ci: top.ci,
      format: 'percent',
      bound: `≥ ${pct(min)}`,
      status: s,
      words: say(s, x.captureWords(q)),
    });
  }
  const m = t.calibrationInterceptMaxAbs;
  s = within(k.intercept.estimate, k.intercept.ci, -m, m);
  row({
    check: x.interceptOf(c.label),
    value: k.intercept.estimate,
    ci: k.intercept.ci,
    format: 'number',
    bound: `|a| ≤ ${raw(m)}`,
    status: s,
    words: say(s, x.interceptWords(k.intercept.estimate < 0 ? 'over' : 'under')),
  });
  const [slo, shi] = t.calibrationSlopeRange;
  s = within(k.slope.estimate, k.slope.ci, slo, shi);
  row({
    check: x.slopeOf(c.label),
    value: k.slope.estimate,
    ci: k.slope.ci,
    format: 'number',
    bound: fm.pair(raw(slo), raw(shi)),
    status: s,
    words: say(s, x.slopeWords(k.slope.estimate < slo)),
  });
  const [olo, ohi] = t.observedExpectedRange;
  s = within(k.observedExpectedRatio, c.observedExpectedCi, olo, ohi);
  row({
    check: x.observedExpected(c.label),
    value: k.observedExpectedRatio,
    ci: c.observedExpectedCi,
    format: 'number',
    bound: fm.pair(raw(olo), raw(ohi)),
    status: s,
    words: say(s, x.oeWords(k.observedExpectedRatio < olo)),
  });
  const hl = k.hosmerLemeshow;
  s = hl.pValue >= t.hosmerLemeshowPMin ? 'pass' : 'attention';
  row({
    check: x.hlOf(c.label),
    value: hl.pValue,
    ci: null,
    format: 'p',
    bound: `≥ ${raw(t.hosmerLemeshowPMin)}`,
    status: s,
    words: say(s, [...x.hlWords, '']),
  });
  const sp = r.drift.score.psi;
  s = sp <= t.psiScoreMax ? 'pass' : sp > 0.25 ? 'fail' : 'attention';
  row({
    check: x.scoreDrift,
    value: sp,
    ci: null,
    format: 'number',
    bound: `≤ ${raw(t.psiScoreMax)}`,
    status: s,
    words: say(s, x.scoreDriftWords),
  });
  const top = [...r.drift.features].sort((a, b) => b.psi - a.psi)[0];
  if (top) {
    s = top.psi <= t.psiFeatureMax ? 'pass' : top.psi > 0.25 ? 'fail' : 'attention';
    row({
      check: x.featureDrift(top.variable),
      value: top.psi,
      ci: null,
      format: 'number',
      bound: `≤ ${raw(t.psiFeatureMax)}`,
      status: s,
      words: say(s, x.featureDriftWords(top.variable)),
    });
  }
  const da = r.drift.auc;
  s = atLeast(da.estimate, da.ci, -t.aucDropMax);
  row({
    check: x.aucChangeCheck(r.previous.label, c.label),
    value: da.estimate,
    ci: da.ci,
    format: 'number',
    bound: `≥ −${raw(t.aucDropMax)}`,
    status: s,
    words: say(s, x.aucChangeWords),
  });
  const dc = r.drift.capture10;
  s = atLeast(dc.estimate, dc.ci, -t.captureDropMax);
  row({
    check: x.captureChangeCheck(r.previous.label, c.label),
    value: dc.estimate,
    ci: dc.ci,
    format: 'pp',
    bound: `≥ −${fm.pp(t.captureDropMax)}`,
    status: s,
    words: say(s, x.captureChangeWords),
  });
  if (r.refit) {
    const d = r.refit.comparison.difference;
    s = d.estimate <= t.aucDropMax ? 'pass' : d.ci[0] > t.aucDropMax ? 'fail' : 'attention';
    row({
      check: x.refitCheck(c.label),
      value: d.estimate,
      ci: d.ci,
      format: 'number',
      bound: `≤ ${raw(t.aucDropMax)}`,
      status: s,
      words: say(s, x.refitWords(c.label)),
    });
  }
  for (const [label, keys] of [
    [
      x.subgroupsCheck,
      ['subgroupCaptureGapMax', 'subgroupAucGapMax', 'subgroupObservedExpectedRange'],
    ],
    [x.fairnessCheck, ['fairnessRatioRange']],
  ] as const) {
    const own = flags.filter((f) => (keys as readonly string[]).includes(f.threshold));
    const findings = own.filter((f) => f.status === 'fail').length;
    s = worst(own.map((f) => f.status));
    row({
      check: label,
      value: findings,
      ci: null,
      format: 'count',
      bound: x.holmBound(raw(t.findingAlpha)),
      status: s,
      words: own.length === 0 ? x.noGroup : x.groupFlags(own.length, findings),
    });
  }
  const levels = [...(r.separation?.levels ?? []), ...(r.refit?.separation.levels ?? [])];
  if (r.separation || r.refit) {
    s = levels.length === 0 && !r.separation?.maximumLikelihoodProblem ? 'pass' : 'attention';
    row({
      check: x.separationCheck,
      value: levels.length,
      ci: null,
      format: 'count',
      bound: x.none,
      status: s,
      words:
        s === 'pass'
          ? x.separationPass
          : [
              r.separation
                ? x.previousFit(r.previous.label, separationNoteText(r.separation, lang))
                : '',
              r.refit ? x.currentRefit(c.label, separationNoteText(r.refit.separation, lang)) : '',
            ]
              .filter(Boolean)
              .join('; '),
    });
  }
  return rows;
}
