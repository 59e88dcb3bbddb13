/**
 * Restricted mean event-free time up to τ (RMST): the area under the Kaplan–Meier curve, per arm
 * and as a treatment − control difference, as R's `print(survfit(...), rmean = tau)`.
 */
import type { TableInput } from '../data/columns.js';
import type { ExperimentIntake } from '../data/intake.js';
import { type DocumentConvertible, displayResult, type HtmlConvertible } from '../display.js';
import { InputError } from '../errors.js';
import { type Estimate, estimateFromSe } from '../stats/estimate.js';
import { checkLevel, checkPositive } from '../stats/validate.js';
import { type Column, type Document, tidyEstimate } from '../table/index.js';
import { kaplanMeier } from './kaplan-meier.js';
import type { OutflowExclusion } from './outflow-input.js';
import { checkSpecKeys } from './survival-options.js';
import { type SurvivalSpec, survivalSample } from './survival-sample.js';

/** The restricted mean of one Kaplan–Meier curve. */
export interface RestrictedMean {
  /** ∫₀^τ Ŝ(u) du (R: `rmean`). */
  readonly rmean: number;
  /** Its standard error (R: `se(rmean)`). */
  readonly stdError: number;
  readonly tau: number;
}

/**
 * Restricted mean μ(τ) = ∫₀^τ Ŝ(u) du of the Kaplan–Meier curve, with the variance R's
 * `survival:::survmean` uses: var μ = Σ_{tⱼ≤τ} Aⱼ²·dⱼ/(nⱼ(nⱼ − dⱼ)), where Aⱼ = ∫_{tⱼ}^τ Ŝ(u) du
 * is the area after tⱼ (a term is 0 where nⱼ = dⱼ). Klein & Moeschberger (2003), §4.5; Royston
 * & Parmar (2013). Times start at 0; Ŝ is carried from the last time ≤ τ to τ. O(n log n).
 *
 * @param time - observed time per subject.
 * @param event - 1 event, 0 censored.
 * @example
 * restrictedMean([1, 2, 2, 3], [1, 1, 0, 1], 3).rmean; // 1 + 0.75 + 0.5 = 2.25
 */
export function restrictedMean(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  tau: number,
): RestrictedMean {
  checkPositive(tau, 'tau', { fn: 'restrictedMean' });
  const km = kaplanMeier(time, event);
  // Pieces of the area: from the previous time (0 at the start) to tⱼ at Ŝ(tⱼ₋₁), then to τ.
  const keep: number[] = [];
  for (let j = 0; j < km.time.length && km.time[j]! <= tau; j++) keep.push(j);
  const m = keep.length;
  if (m === 0) return { rmean: tau, stdError: 0, tau };
  // rect[k]: area from point k−1 to point k, points = kept times then τ.
  const rect = new Float64Array(m + 1);
  let prevT = 0;
  let prevS = 1;
  for (let k = 0; k < m; k++) {
    const j = keep[k]!;
    rect[k] = (km.time[j]! - prevT) * prevS;
    prevT = km.time[j]!;
    prevS = km.surv[j]!;
  }
  rect[m] = (tau - prevT) * prevS;
  let rmean = 0;
  for (let k = 0; k <= m; k++) rmean += rect[k]!;
  let variance = 0;
  let after = 0; // Aⱼ: the area from kept time k to τ
  for (let k = m - 1; k >= 0; k--) {
    after += rect[k + 1]!;
    const j = keep[k]!;
    const n = km.nRisk[j]!;
    const d = km.nEvent[j]!;
    if (n > d) variance += (after * after * d) / (n * (n - d));
  }
  return { rmean, stdError: Math.sqrt(variance), tau };
}

/** Options of {@link rmstDifference}. */
export interface RmstSpec extends Omit<SurvivalSpec, 'competing' | 'tiePriority'> {
  /** Horizon τ in months (> 0, at most the longest follow-up of each arm). */
  readonly tau: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
}

/** One arm of an {@link RmstDifference}. */
export interface RmstArm extends RestrictedMean {
  readonly arm: string;
  readonly n: number;
}

/** The result of {@link rmstDifference}. */
export interface RmstDifference extends HtmlConvertible, DocumentConvertible {
  readonly event: string;
  readonly tau: number;
  /** Treatment first, then control. */
  readonly arms: readonly [RmstArm, RmstArm];
  /** Treatment − control in months, SE √(v₁ + v₀), z test. */
  readonly difference: Estimate;
  readonly level: number;
  readonly excluded: readonly OutflowExclusion[];
  readonly method: string;
  /** One row: per-arm means and SEs, and the tidy `difference_*` columns. */
  toTable(): Record<string, number | string>[];
  toMarkdown(): string;
}

/**
 * Restricted mean months without `event` up to τ per arm (see {@link restrictedMean}) and the
 * treatment − control difference Δ = μ₁(τ) − μ₀(τ), SE √(se₁² + se₀²), z = Δ/SE, normal CI.
 * A positive Δ means the treated arm took longer to reach the event (for work: slower). Use it
 * next to the month-by-month curves as one summary over the whole horizon that needs no
 * proportional hazards. τ beyond an arm's longest follow-up is refused (`beyond-followup`):
 * the curve is not known there.
 *
 * @example
 * const r = rmstDifference(clients, { event: 'month_work', tau: 12 });
 * r.difference.estimate; // e.g. −0.95 months
 */
export function rmstDifference(
  data: TableInput | ExperimentIntake,
  spec: RmstSpec,
): RmstDifference {
  checkSpecKeys(
    spec,
    ['arm', 'treatment', 'control', 'followup', 'event', 'tau', 'level'],
    'rmstDifference',
  );
  const level = checkLevel(spec.level, 'rmstDifference');
  const tau = checkPositive(spec.tau, 'tau', { fn: 'rmstDifference' });
  const sample = survivalSample(data, { ...spec, competing: [] });
  const arms = sample.arms.map((a): RmstArm => {
    let max = Number.NEGATIVE_INFINITY;
    for (const t of a.time) if (t > max) max = t;
    if (tau > max) {
      throw new InputError(
        `rmstDifference: tau = ${tau} is after the longest follow-up in arm '${a.label}' (${max} months); ask for tau ≤ ${max}`,
        { code: 'beyond-followup', column: sample.followup, value: String(tau) },
      );
    }
    return { arm: a.label, n: a.time.length, ...restrictedMean(a.time, a.status, tau) };
  }) as unknown as [RmstArm, RmstArm];
  const [t, c] = arms;
  const method = `restricted mean months without ${sample.event} up to τ = ${tau} (area under Kaplan–Meier, SE as R survfit), difference with SE √(v₁ + v₀), z test`;
  const difference = estimateFromSe(
    t.rmean - c.rmean,
    Math.sqrt(t.stdError ** 2 + c.stdError ** 2),
    Number.POSITIVE_INFINITY,
    level,
    t.n + c.n,
    method,
  );
  const base = {
    event: sample.event,
    tau,
    arms,
    difference,
    level,
    excluded: sample.excluded,
    method,
  };
  // Display methods from `base` alone: inline closures would hold this scope's arrays.
  return displayResult(base, rmstRows, rmstDocument);
}

type RmstBase = Omit<RmstDifference, 'toTable' | 'toMarkdown' | 'toHTML' | 'toDocument'>;

function rmstRows({ tau, arms: [t, c], difference }: RmstBase): Record<string, number | string>[] {
  return [
    {
      tau,
      treatment: t.arm,
      treatment_rmst: t.rmean,
      treatment_std_error: t.stdError,
      control: c.arm,
      control_rmst: c.rmean,
      control_std_error: c.stdError,
      ...tidyEstimate(difference, 'difference'),
    },
  ];
}

function rmstDocument(base: RmstBase): Document {
  const { tau, arms, difference, method } = base;
  const [t, c] = arms;
  return [
    {
      kind: 'table',
      table: {
        id: 'rmst',
        title: `Restricted mean months without ${base.event}, τ = ${tau}`,
        columns: RMST_COLUMNS,
        rows: [
          ...arms.map((a) => ({ arm: a.arm, n: a.n, rmst: a.rmean, std_error: a.stdError })),
          {
            arm: 'difference',
            n: t.n + c.n,
            rmst: difference.estimate,
            std_error: difference.stdError,
            p_value: difference.pValue,
            stars: difference.stars,
          },
        ],
        keys: { event: base.event },
      },
      caption: `Restricted mean months without ${base.event} up to month ${tau}`,
      note: `Method: ${method}.`,
    },
  ];
}

const RMST_COLUMNS: readonly Column[] = [
  { id: 'arm', label: 'arm', format: 'text', key: 'arm' },
  { id: 'n', label: 'n', format: 'int', unit: 'clients' },
  { id: 'rmst', label: 'months', format: 'stat', unit: 'months' },
  { id: 'std_error', label: 'SE', format: 'stat', unit: 'months' },
  { id: 'p_value', label: 'p', format: 'p' },
  { id: 'stars', label: '', format: 'text' },
];
