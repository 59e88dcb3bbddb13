/**
 * Several arms in one model (issue #14): the arms and their contrasts, the sample of every arm
 * with its covariates, the design y ~ arm dummies [+ covariates] (or Lin's, each dummy interacted
 * with the centred covariates), and the contrasts between arms from the joint covariance of the
 * arm coefficients. Shared by the several-arm effect series (`arm-contrasts.ts`) and the
 * several-arm `compareArms` (`compare-several-arms.ts`).
 *
 * Internal to `src/analysis/` (the public names are re-exported from the entries).
 */

import type { ColumnTable } from 'arquero';
import type { TableInput } from '../data/columns.js';
import {
  type Exclusion,
  type ExperimentIntake,
  experimentIntake,
  isExperimentIntake,
} from '../data/intake.js';
import { InputError } from '../errors.js';
import type { ClusterTermWeights } from '../estimate/cluster-vcov.js';
import { linearContrast } from '../estimate/contrast.js';
import { type OlsPrepared, olsInfluence, olsLeverages, olsSolve } from '../estimate/ols.js';
import { meatWeights, type SeType } from '../estimate/vcov.js';
import { type DesignMatrix, type Estimate, estimateFromSe } from '../stats/estimate.js';
import { gather } from '../stats/gather.js';
import { type PAdjustMethod, pAdjust } from '../stats/multiplicity.js';
import { blockDummies } from './series-design.js';
import { type GroupingSpec, type Groupings, readGroupings } from './series-groupings.js';

/**
 * Which contrasts to estimate: `'reference'` (default), every arm against the reference arm;
 * `'all-pairs'`, every pair of arms (the earlier arm of `arms` first); or a list of pairs
 * `[a, b]`, each the contrast a − b.
 */
export type ArmContrastsSpec = 'reference' | 'all-pairs' | readonly (readonly [string, string])[];

/** The several-arm keys every several-arm analysis shares. */
export interface SeveralArmsSpec {
  /** The arm labels to analyse, in display order, e.g. `['service', 'control_enforcement', 'control_none']`. */
  readonly arms: readonly string[];
  /** The reference arm of the model's dummies (default: the last of `arms`). */
  readonly reference?: string;
  /** The contrasts (default `'reference'`). */
  readonly contrasts?: ArmContrastsSpec;
  /**
   * Multiple-testing adjustment across the contrasts: the family is the contrasts of one month
   * (one outcome in `compareArms`), raw and adjusted estimates adjusted separately.
   */
  readonly pAdjust?: Exclude<PAdjustMethod, 'none'>;
}

/** The column roles and covariate coding of a several-arm sample, with its design. */
export interface SeveralArmsSampleSpec extends SeveralArmsSpec, GroupingSpec {
  /** Arm column (default `arm`). */
  readonly arm?: string;
  /** Covariates for adjustment: numbers as-is, strings as factors with dummies. */
  readonly covariates?: readonly string[];
  /**
   * Reference level per factor covariate (default: the first level in sorted order, as R); in a
   * several-arm spec `reference` names the reference arm.
   */
  readonly covariateReference?: Readonly<Record<string, string>>;
  /** Numeric covariates to treat as factors (e.g. an office code). */
  readonly factors?: readonly string[];
  /** Rows with a missing covariate: `'drop'` (default, reported) or `'error'`. */
  readonly missing?: 'drop' | 'error';
  /** Follow-up column (default `followup_months`; read only with an event). */
  readonly followup?: string;
}

/** One contrast: `first − second`. */
export interface ArmPair {
  readonly first: string;
  readonly second: string;
  /** `first − second`, as shown in tables. */
  readonly label: string;
}

/** The arms, the reference and the contrasts of a several-arm spec, checked. */
export interface ResolvedArms {
  readonly arms: readonly string[];
  readonly reference: string;
  readonly pairs: readonly ArmPair[];
}

const P_ADJUST: readonly string[] = ['holm', 'BH', 'bonferroni'];

/**
 * Checks the several-arm keys and lists the contrasts: at least two distinct arms, the reference
 * among them, every contrast between two different listed arms and none twice (`invalid-option`
 * naming the key). `'reference'`: a − reference for each other arm a, in the order of `arms`;
 * `'all-pairs'`: arms[i] − arms[j] for i < j.
 *
 * @example
 * resolveArms({ arms: ['service', 'control_enforcement', 'control_none'], contrasts: 'all-pairs' }, 'effectSeries').pairs.map((p) => p.label);
 * // ['service − control_enforcement', 'service − control_none', 'control_enforcement − control_none']
 */
export function resolveArms(spec: SeveralArmsSpec, fn: string): ResolvedArms {
  const fail = (message: string, value?: string): never => {
    throw new InputError(`${fn}: ${message}`, {
      code: 'invalid-option',
      ...(value === undefined ? {} : { value }),
    });
  };
  const arms = spec.arms;
  if (!Array.isArray(arms) || arms.length < 2 || !arms.every((a) => typeof a === 'string')) {
    fail('arms: expected a list of at least two arm labels, e.g. ["service", "control"]');
  }
  const seen = new Set<string>();
  for (const a of arms) {
    if (seen.has(a)) fail(`arms: '${a}' is listed twice`, a);
    seen.add(a);
  }
  const reference = spec.reference ?? arms[arms.length - 1]!;
  if (typeof reference !== 'string') {
    fail('reference: expected the label of the reference arm (a text)');
  }
  if (!seen.has(reference)) {
    fail(`reference: '${reference}' is not one of arms (${arms.join(', ')})`, reference);
  }
  if (spec.pAdjust !== undefined && !P_ADJUST.includes(spec.pAdjust)) {
    fail(`pAdjust: expected one of ${P_ADJUST.join(', ')}; got '${String(spec.pAdjust)}'`);
  }
  const pair = (first: string, second: string): ArmPair => ({
    first,
    second,
    label: `${first} − ${second}`,
  });
  const contrasts = spec.contrasts ?? 'reference';
  let pairs: ArmPair[];
  if (contrasts === 'reference') {
    pairs = arms.filter((a) => a !== reference).map((a) => pair(a, reference));
  } else if (contrasts === 'all-pairs') {
    pairs = arms.flatMap((a, i) => arms.slice(i + 1).map((b) => pair(a, b)));
  } else if (Array.isArray(contrasts) && contrasts.length > 0) {
    const keys = new Set<string>();
    pairs = contrasts.map((c, i) => {
      if (!Array.isArray(c) || c.length !== 2) {
        return fail(`contrasts[${i}]: expected a pair of arm labels [a, b] (the contrast a − b)`);
      }
      const [a, b] = c as unknown as readonly [string, string];
      for (const x of [a, b]) {
        if (!seen.has(x))
          fail(`contrasts[${i}]: '${x}' is not one of arms (${arms.join(', ')})`, x);
      }
      if (a === b) fail(`contrasts[${i}]: compares '${a}' with itself`, a);
      const key = [a, b].sort().join('\u0000');
      if (keys.has(key)) fail(`contrasts[${i}]: the pair '${a}', '${b}' is listed twice`, a);
      keys.add(key);
      return pair(a, b);
    });
  } else {
    pairs = fail(
      "contrasts: expected 'reference', 'all-pairs' or a non-empty list of pairs [a, b]",
    );
  }
  return { arms, reference, pairs };
}

/** The rows of every listed arm with complete covariates, aligned row by row. */
export interface SeveralArmsSample {
  readonly table: ColumnTable;
  /** 0-based table row of each analysed client. */
  readonly rows: Int32Array;
  /** The arm column. */
  readonly armColumn: string;
  /** The analysed arms (the spec's order). */
  readonly arms: readonly string[];
  /** Index into `arms` of each client. */
  readonly armIndex: Int32Array;
  /** Covariate columns (factor dummies expanded), without intercept. */
  readonly covariateNames: readonly string[];
  readonly covariates: readonly Float64Array[];
  /** Months of follow-up and event month (NaN: none), when an event was read. */
  readonly followup?: Float64Array;
  readonly eventMonth?: Float64Array;
  /** Clusters and blocks of the design, read on `rows` (when the spec names them). */
  readonly groupings?: Groupings;
  readonly excluded: readonly Exclusion[];
}

/**
 * Builds the several-arm sample through the experiment intake (built here, or passed in): rows
 * whose arm is one of `arms`, with a follow-up (when `event` is read) and complete covariates;
 * the rows left out are counted by reason, never silent. Throws `unknown-arm` for a listed arm
 * that does not occur in the arm column (listing the labels present), and the intake's errors
 * (unknown column, an event after the end of follow-up, naming column and rows).
 *
 * @example
 * const s = severalArmsSample(table, { arms: ['service', 'control_enforcement', 'control_none'], covariates: ['age'] }, 'month_job');
 * s.armIndex; // 0, 1 or 2 per client
 */
export function severalArmsSample(
  data: TableInput | ExperimentIntake,
  spec: SeveralArmsSampleSpec,
  event?: string,
): SeveralArmsSample {
  const { arms } = resolveArms(spec, 'severalArmsSample');
  const intake = isExperimentIntake(data)
    ? data
    : experimentIntake(
        data,
        {
          ...(spec.arm ? { arm: spec.arm } : {}),
          treatment: arms[0]!,
          control: arms[1]!,
          ...(spec.followup ? { followup: spec.followup } : {}),
          ...(spec.covariates ? { covariates: spec.covariates } : {}),
          ...(spec.covariateReference ? { reference: spec.covariateReference } : {}),
          ...(spec.factors ? { factors: spec.factors } : {}),
          ...(spec.missing ? { missing: spec.missing } : {}),
        },
        event === undefined ? {} : { events: [event] },
      );
  const armColumn = intake.roles.arm;
  for (const name of intake.roles.covariates) {
    if (name === armColumn) {
      throw new InputError(
        `covariate '${name}' is the arm column: adjusting for the assignment itself leaves no arm contrast to estimate; remove it from the covariates`,
        { code: 'invalid-option', column: name },
      );
    }
  }
  const present = new Set(intake.arms.filter((a): a is string => a !== null));
  for (const a of arms) {
    if (!present.has(a)) {
      throw new InputError(
        `arm '${a}' does not occur in column '${armColumn}'; labels present: ${[...present].sort().join(', ') || '(none)'}`,
        { code: 'unknown-arm', column: armColumn, value: a },
      );
    }
  }
  const eventAll = event === undefined ? undefined : intake.events[event];
  if (event !== undefined && (!eventAll || !intake.followup)) {
    throw new InputError(`the intake passed in was built without the event '${event}'`, {
      code: 'invalid-option',
      value: event,
    });
  }
  const missingFollowup = event === undefined ? undefined : intake.missingFollowup;
  let otherArm = 0;
  let noFollowup = 0;
  let noCovariates = 0;
  const keep: number[] = [];
  const armOf: number[] = [];
  for (let i = 0; i < intake.n; i++) {
    const a = intake.arms[i];
    const index = a === null || a === undefined ? -1 : arms.indexOf(a);
    if (index < 0) otherArm++;
    else if (missingFollowup?.rows[i]) noFollowup++;
    else if (intake.designRow[i]! < 0) noCovariates++;
    else {
      keep.push(i);
      armOf.push(index);
    }
  }
  const excluded: Exclusion[] = [];
  if (otherArm) {
    excluded.push({
      reason: `arm not one of ${arms.map((a) => `'${a}'`).join(', ')}`,
      count: otherArm,
    });
  }
  if (noFollowup && missingFollowup) {
    excluded.push({ reason: missingFollowup.reason, count: noFollowup });
  }
  if (noCovariates) {
    const by = Object.entries(intake.covariates.dropped.byColumn)
      .filter(([, k]) => k > 0)
      .map(([c, k]) => `${c}: ${k}`)
      .join(', ');
    excluded.push({ reason: `missing covariate (${by})`, count: noCovariates });
  }
  const rows = Int32Array.from(keep);
  const armIndex = Int32Array.from(armOf);
  const groupings =
    spec.clusters !== undefined || spec.blocks !== undefined
      ? readGroupings(intake.table, rows, spec)
      : undefined;
  if (groupings?.clusters) checkClustersOneArm(groupings, armIndex, arms);
  const source = intake.covariates.matrix.columns.slice(1);
  const covariates = source.map((col) =>
    Float64Array.from(rows, (r) => col[intake.designRow[r]!]!),
  );
  return {
    table: intake.table,
    rows,
    armColumn,
    arms,
    armIndex,
    covariateNames: intake.covariates.matrix.names.slice(1),
    covariates,
    ...(eventAll && intake.followup
      ? {
          followup: Float64Array.from(rows, (r) => intake.followup![r]!),
          eventMonth: gather(eventAll, rows),
        }
      : {}),
    ...(groupings ? { groupings } : {}),
    excluded,
  };
}

/**
 * Refuses a cluster with clients of more than one arm: clusters are the unit of randomisation
 * (every client of a cluster has the same arm), as the clustered difference in means of each
 * pair requires (`invalid-option` naming the column and up to five clusters).
 */
function checkClustersOneArm(g: Groupings, armIndex: Int32Array, arms: readonly string[]): void {
  const c = g.clusters!;
  const arm = new Int32Array(c.labels.length).fill(-1);
  const mixed = new Set<number>();
  for (let i = 0; i < armIndex.length; i++) {
    const id = c.ids[i]!;
    if (arm[id] === -1) arm[id] = armIndex[i]!;
    else if (arm[id] !== armIndex[i]) mixed.add(id);
  }
  if (mixed.size === 0) return;
  const names = [...mixed].slice(0, 5).map((id) => `'${c.labels[id]}'`);
  throw new InputError(
    `cluster column '${c.column}': ${mixed.size} cluster${mixed.size > 1 ? 's' : ''} (${names.join(', ')}${mixed.size > 5 ? ', …' : ''}) hold${mixed.size > 1 ? '' : 's'} clients of more than one of the arms ${arms.join(', ')}; clusters are the unit of randomisation (every client of a cluster has the same arm)`,
    { code: 'invalid-option', column: c.column, value: c.labels[[...mixed][0]!]! },
  );
}

/** The name of the dummy of arm `a` in the several-arm design: `arm[a]`. */
export function armTerm(armColumn: string, arm: string): string {
  return `${armColumn}[${arm}]`;
}

/** What {@link severalArmsDesign} reads of a sample. */
export type SeveralArmsDesignSource = Pick<
  SeveralArmsSample,
  'armColumn' | 'arms' | 'armIndex' | 'covariateNames' | 'covariates' | 'groupings'
>;

/**
 * The design of the clients at positions `index` of the sample: (Intercept), one dummy
 * `arm[a]` per arm a other than the reference (in the order of `arms`), then the covariates; for
 * Lin (2013) with several arms, as `estimatr::lm_lin` with a factor treatment, the covariates
 * centred on the sample mean x̄ and every dummy times every centred covariate,
 * `arm[a]:x` = 1{arm = a}·(x − x̄), in estimatr's order (covariate by covariate, each dummy). Then each dummy's coefficient is the effect
 * of arm a against the reference (at the covariate means, for Lin). With blocks, one dummy per
 * block present but the first follows (block fixed effects, not interacted; see `blockDummies`),
 * as `lm_robust(fixed_effects = ~block)`.
 *
 * @example
 * const X = severalArmsDesign(sample, Int32Array.of(0, 1, 2, 3), 'control_none', 'ols');
 * X.names; // ['(Intercept)', 'arm[service]', 'arm[control_enforcement]', 'age', …]
 */
export function severalArmsDesign(
  s: SeveralArmsDesignSource,
  index: Int32Array,
  reference: string,
  adjustment: 'ols' | 'lin' | 'none',
): DesignMatrix {
  const n = index.length;
  const names = ['(Intercept)'];
  const columns: Float64Array[] = [new Float64Array(n).fill(1)];
  const dummies: Float64Array[] = [];
  s.arms.forEach((a, k) => {
    if (a === reference) return;
    const d = new Float64Array(n);
    for (let j = 0; j < n; j++) d[j] = s.armIndex[index[j]!] === k ? 1 : 0;
    names.push(armTerm(s.armColumn, a));
    columns.push(d);
    dummies.push(d);
  });
  const withBlocks = (): DesignMatrix => {
    const blocks = s.groupings?.blocks;
    if (blocks) {
      const dummies = blockDummies(blocks, index);
      names.push(...dummies.names);
      columns.push(...dummies.columns);
    }
    return { names, columns, n };
  };
  if (adjustment === 'none') return withBlocks();
  const covariates = s.covariates.map((col) => gather(col, index));
  if (adjustment === 'ols') {
    covariates.forEach((col, k) => {
      names.push(s.covariateNames[k]!);
      columns.push(col);
    });
    return withBlocks();
  }
  const centred = covariates.map((col) => {
    let mean = 0;
    for (let j = 0; j < n; j++) mean += col[j]!;
    mean /= n;
    return col.map((v) => v - mean);
  });
  centred.forEach((col, k) => {
    names.push(s.covariateNames[k]!);
    columns.push(col);
  });
  const dummyNames = names.slice(1, 1 + dummies.length);
  centred.forEach((col, k) => {
    dummies.forEach((d, a) => {
      names.push(`${dummyNames[a]}:${s.covariateNames[k]}`);
      columns.push(col.map((v, j) => v * d[j]!));
    });
  });
  return withBlocks();
}

/** The arm coefficients of one fit: estimates and their joint covariance. */
export interface ArmCoefficients {
  /** β̂ of each arm dummy (order of `terms`). */
  readonly beta: Float64Array;
  /** Their joint covariance (row-major, terms × terms). */
  readonly vcov: Float64Array;
  /** Residual df n − k. */
  readonly df: number;
  readonly n: number;
}

/**
 * The coefficients of the dummies `terms` (estimable: in `prepared.terms`) for outcome y, and
 * their joint covariance in O(n·q²) for q dummies: with v_a = X·a_a (row a of (X'X)⁻¹, see
 * `olsInfluence`), Cov(β̂_a, β̂_b) = Σᵢ ωᵢ·v_ai·v_bi, ωᵢ = eᵢ² (HC0), eᵢ²/(1 − hᵢ) (HC2),
 * eᵢ²/(1 − hᵢ)² (HC3), times n/(n − k) for HC1; classical: σ̂²·[(X'X)⁻¹]_ab. The same block as
 * the full sandwich of `olsRobustVcov`. A client with leverage 1 under HC2/HC3 is an
 * `InputError` (`leverage-one`, its 1-based position in the design).
 *
 * @example
 * const c = armCoefficients(olsPrepare(X), y, ['arm[service]', 'arm[control_enforcement]'], 'HC2');
 * c.vcov[1]; // Cov(β̂_service, β̂_control_enforcement)
 */
export function armCoefficients(
  prepared: OlsPrepared,
  y: Float64Array,
  terms: readonly string[],
  se: SeType,
): ArmCoefficients {
  const { n, k, weights, bread } = prepared;
  const positions = terms.map((t) => {
    const p = prepared.terms.indexOf(t);
    if (p < 0) {
      throw new InputError(`term "${t}" is not estimable in this model (aliased or absent)`, {
        code: 'aliased',
        column: t,
      });
    }
    return p;
  });
  const { beta, residuals } = olsSolve(prepared, y);
  const q = terms.length;
  const df = n - k;
  const vcov = new Float64Array(q * q);
  if (se === 'classical') {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += (weights ? weights[i]! : 1) * residuals[i]! ** 2;
    positions.forEach((pa, a) => {
      positions.forEach((pb, b) => {
        vcov[a * q + b] = (rss / df) * bread[pa * k + pb]!;
      });
    });
  } else {
    const h = se === 'HC2' || se === 'HC3' ? olsLeverages(prepared) : undefined;
    const omega = meatWeights(se, residuals, h, weights);
    const v = positions.map((p) => olsInfluence(prepared, p));
    const scale = se === 'HC1' ? n / df : 1;
    for (let a = 0; a < q; a++) {
      for (let b = 0; b <= a; b++) {
        const va = v[a]!;
        const vb = v[b]!;
        let s = 0;
        for (let i = 0; i < n; i++) s += omega[i]! * va[i]! * vb[i]!;
        vcov[a * q + b] = s * scale;
        vcov[b * q + a] = s * scale;
      }
    }
  }
  return { beta: gather(beta, positions), vcov, df, n };
}

/**
 * The contrasts `pairs` from the arm coefficients of a model with `reference` as its base: for
 * a − b the weights c = e_a − e_b over the dummies (the reference's dummy is 0), estimate c'β̂
 * and SE √(c'V̂c), t test on the fit's df (see `linearContrast`).
 *
 * @example
 * armContrasts(coefs, ['arm[service]', 'arm[control_enforcement]'], resolved, 'arm', 0.95, method);
 */
export function armContrasts(
  coefficients: ArmCoefficients,
  terms: readonly string[],
  resolved: ResolvedArms,
  armColumn: string,
  level: number,
  method: string,
): Estimate[] {
  const q = terms.length;
  return resolved.pairs.map((p) => {
    const c = new Float64Array(q);
    if (p.first !== resolved.reference) c[terms.indexOf(armTerm(armColumn, p.first))]! += 1;
    if (p.second !== resolved.reference) c[terms.indexOf(armTerm(armColumn, p.second))]! -= 1;
    return linearContrast(
      coefficients.beta,
      coefficients.vcov,
      c,
      coefficients.df,
      level,
      coefficients.n,
      method,
    );
  });
}

/**
 * The weights c of each contrast over the terms of a prepared design (c = e_a − e_b at the arm
 * dummies, the reference's dummy 0), for {@link clusteredArmContrasts}.
 *
 * @example
 * contrastVectors(prepared, resolved, 'arm'); // one Float64Array of prepared.k weights per pair
 */
export function contrastVectors(
  prepared: OlsPrepared,
  resolved: ResolvedArms,
  armColumn: string,
): Float64Array[] {
  const position = (arm: string): number => {
    const p = prepared.terms.indexOf(armTerm(armColumn, arm));
    if (p < 0) {
      throw new InputError(
        `term "${armTerm(armColumn, arm)}" is not estimable in this model (aliased or absent)`,
        { code: 'aliased', column: armTerm(armColumn, arm) },
      );
    }
    return p;
  };
  return resolved.pairs.map((p) => {
    const c = new Float64Array(prepared.k);
    if (p.first !== resolved.reference) c[position(p.first)]! += 1;
    if (p.second !== resolved.reference) c[position(p.second)]! -= 1;
    return c;
  });
}

/**
 * The contrasts of one outcome y under clusters: estimate c'β̂ and the cluster-robust
 * Var(c'β̂) = scale · Σ_c (Σ_{i∈c} u_i ê_i)² = c'V̂c from the outcome-free weights u of each
 * contrast (`clusterContrastWeights`: CR2 with its own Satterthwaite df, as
 * `clubSandwich::linear_contrast(…, "CR2", test = "Satterthwaite")`; CR0 / stata on S − 1 df,
 * as estimatr), t test.
 *
 * @example
 * const w = clusterContrastWeights(prepared, clusters, 'CR2', contrastVectors(prepared, resolved, 'arm'));
 * clusteredArmContrasts(prepared, y, contrastVectors(prepared, resolved, 'arm'), w, clusters.index, 0.95, method);
 */
export function clusteredArmContrasts(
  prepared: OlsPrepared,
  y: Float64Array,
  contrasts: readonly Float64Array[],
  weights: readonly ClusterTermWeights[],
  clusterIndex: Int32Array,
  level: number,
  method: (df: number) => string,
): Estimate[] {
  const { beta, residuals } = olsSolve(prepared, y);
  return contrasts.map((c, j) => {
    const w = weights[j]!;
    let estimate = 0;
    for (let p = 0; p < c.length; p++) if (c[p] !== 0) estimate += c[p]! * beta[p]!;
    const g = new Float64Array(w.nClusters);
    for (let i = 0; i < prepared.n; i++) g[clusterIndex[i]!]! += w.u[i]! * residuals[i]!;
    let variance = 0;
    for (let h = 0; h < w.nClusters; h++) variance += g[h]! * g[h]!;
    return estimateFromSe(
      estimate,
      Math.sqrt(variance * w.scale),
      w.df,
      level,
      prepared.n,
      method(w.df),
    );
  });
}

/**
 * p-values adjusted within one family (the contrasts of one month or one outcome); entries
 * without a p-value (`undefined`: not estimable) stay `undefined` and are not counted in the
 * family.
 *
 * @example
 * adjustWithinFamily([0.01, undefined, 0.04], 'holm'); // [0.02, undefined, 0.04]
 */
export function adjustWithinFamily(
  p: readonly (number | undefined)[],
  method: Exclude<PAdjustMethod, 'none'>,
): (number | undefined)[] {
  const present = p.flatMap((v, i) => (v === undefined || Number.isNaN(v) ? [] : [i]));
  const adjusted = pAdjust(
    present.map((i) => p[i]!),
    method,
  );
  const out: (number | undefined)[] = p.map(() => undefined);
  present.forEach((i, j) => {
    out[i] = adjusted[j]!;
  });
  return out;
}
