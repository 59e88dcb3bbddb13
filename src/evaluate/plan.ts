/**
 * The analysis plan that `evaluate` runs — the JSON config of `effectmeting analyze`: its
 * schema, defaults and validation. Every problem is collected and reported at once, each naming
 * the field (`config.months: expected a whole number ≥ 1, got "24"`), and unknown keys are named
 * together with the allowed ones, so a typo never silently falls back to a default. Documented
 * key by key in `docs/cli.md`.
 */
import type { ColumnTable } from 'arquero';
import type { Censoring } from '../analysis/effect-series.js';
import type { ParticipationCategory } from '../analysis/participation.js';
import { isJsonObject, type JsonObject, SpecError, SpecReader, show } from '../data/spec-reader.js';
import type { ClusterSeType } from '../estimate/cluster-vcov.js';
import type { CoxSe, CoxTies } from '../estimate/cox.js';
import type { SeType } from '../estimate/vcov.js';
import type { OutflowMethod } from '../outcomes/cumulative-outflow.js';
import { type StarLevels, starLevelsProblem } from '../stats/stars.js';
import {
  readSeveralArms,
  SEVERAL_ARMS_PLAN_KEYS,
  type SeveralArmsPlan,
} from './several-arms-plan.js';

/**
 * Randomisation inference of a plan (`methods.randomizationInference`): per event, the
 * randomisation p-value of the raw and the adjusted effect at `month`, re-drawing the
 * assignment as the study assigned it.
 */
export interface RandomizationPlan {
  /** Monte Carlo draws (default 2,000; at least 100). */
  readonly draws: number;
  /** Seed of the re-draws (default 1): the same seed gives the same p-values. */
  readonly seed: number | string;
  /**
   * How the assignment is re-drawn over the analysed clients: `complete` (default: the realised
   * arm sizes re-dealt — for a ratio rule, conditional on the arm sizes), `blocked` (re-dealt
   * within each level of `block`), `parity` (each client odd or even with probability ½, as a
   * uniform last BSN digit), `hashed` (each client treated with the share of `arms.weights`).
   */
  readonly design: 'complete' | 'blocked' | 'parity' | 'hashed';
  /** Block column of the `blocked` design. */
  readonly block?: string;
  /** Month tested (default: `months`, the primary month). */
  readonly month: number;
}

/** A value a filter compares with. */
export type FilterValue = string | number | boolean;

/** Keep the rows whose `column` equals `equals` (or is one of `in`). */
export interface FilterCondition {
  readonly column: string;
  /** The allowed values (one for `equals`, several for `in`). */
  readonly values: readonly FilterValue[];
}

/** One event: its label in the output and its event-month column. */
export interface EventColumn {
  readonly label: string;
  readonly column: string;
}

/** Participation and the complier analysis. */
export interface ParticipationPlan {
  /** Participation column (default `participation`). */
  readonly column: string;
  /** Values of the column (or groups of `categories`) that count as receiving the service. */
  readonly received: readonly string[];
  /**
   * Categories in display order (default: the values present, sorted): a value, or
   * `{ value, label, parent }` for a labelled row or a group (a group's `value` need not occur
   * in the data; its count includes the categories naming it as `parent`).
   */
  readonly categories?: readonly (string | ParticipationCategory)[];
  /** Month at which the complier effect of each event is estimated (default: `months`). */
  readonly month: number;
}

/** Method choices. */
export interface MethodsPlan {
  /** Censoring method of the outflow curves (default `complete`, the reports' method). */
  readonly outflow: OutflowMethod;
  /**
   * Censoring rule of the effects per month (default `complete-followup`, the reports' method;
   * `ipcw` for a follow-up that ends at or after the event — see `effectSeries`).
   */
  readonly censoring: Censoring;
  /**
   * Standard errors of adjusted effects and the complier analysis (default `HC2`; with
   * `design.clusters`: `CR2`, or `stata` / `CR0`).
   */
  readonly se: SeType | ClusterSeType;
  /** Covariate adjustment of the effects: `ols` (default with covariates), `lin` or `none`. */
  readonly adjustment: 'ols' | 'lin' | 'none';
  /** Confidence level (default 0.95). */
  readonly level: number;
  /** Levels for the first significant month (default [0.1, 0.05]). */
  readonly significance: readonly number[];
  /** Multiple-testing adjustment across months (default `none`). */
  readonly pAdjust: 'none' | 'holm' | 'BH' | 'bonferroni';
  /** Rows with a missing covariate: `drop` (default, reported) or `error`. */
  readonly missing: 'drop' | 'error';
  /**
   * `sup-t`: a simultaneous confidence band over the months at `level` (see `effectSeries`),
   * and the first significant month read off it next to the pointwise ones; default `none`.
   */
  readonly band: 'none' | 'sup-t';
  /** A factor level held by one client under HC2/HC3: `error` (default), `pool` or `drop`. */
  readonly rareLevels?: 'error' | 'pool' | 'drop';
  /** Raw difference: `auto` (default: Newcombe where an expected count is below 5), `wald`, `newcombe`. */
  readonly rawInterval?: 'auto' | 'wald' | 'newcombe';
  /** Randomisation inference at the primary month (absent: not run). */
  readonly randomizationInference?: RandomizationPlan;
  /** Levels of the stars † * ** (default 0.20 / 0.10 / 0.05; every legend states them). */
  readonly stars?: StarLevels;
}

/**
 * The randomisation design: the unit of randomisation (clusters) and the strata it was
 * randomised within (blocks), with where the blocks came from.
 */
export interface DesignPlan {
  /** Cluster column (office, caseworker): CR standard errors, clustered difference in means. */
  readonly clusters?: string;
  /** Block column (risk decile, office): block fixed effects, blocked difference in means. */
  readonly blocks?: string;
  /**
   * Where `blocks` came from: the config, or the assignment record (`assign --record`) whose
   * blocked rule names the block column (`analyze --record`, `planWithAssignment`).
   */
  readonly blocksFrom?: 'config' | 'assignment record';
}

/** A validated analysis plan (the `analyze` config) with its defaults filled in. */
export interface AnalysisPlan {
  readonly title: string;
  readonly columns: { readonly id: string; readonly arm: string; readonly followup: string };
  readonly arms: {
    readonly treatment: string;
    readonly control: string;
    /** Intended assignment weights over all arms of the file (for the sample-ratio check). */
    readonly weights?: Readonly<Record<string, number>>;
    /** Several arms in one model (`labels`, `reference`, `contrasts`, `pAdjust`; issue #14). */
    readonly several?: SeveralArmsPlan;
  };
  /** Rows kept: all conditions hold. Empty: every row. */
  readonly filter: readonly FilterCondition[];
  readonly events: readonly EventColumn[];
  readonly months: number;
  readonly covariates: readonly string[];
  readonly factors: readonly string[];
  readonly subgroups: readonly string[];
  readonly participation?: ParticipationPlan;
  /** Clusters and blocks of the randomisation (absent: individually randomised, unblocked). */
  readonly design?: DesignPlan;
  readonly methods: MethodsPlan;
  /** Survival tests per event (absent: none); see {@link SurvivalTestName}. */
  readonly tests?: readonly SurvivalTestName[];
  /** Restricted mean months without each event up to `tau` (absent: not run). */
  readonly rmst?: { readonly tau: number };
  /** Cox regression of each event on the arm and the covariates (absent: not run). */
  readonly cox?: { readonly ties: CoxTies; readonly se: CoxSe };
}

/**
 * A survival test of a plan: `logrank` (survdiff, ρ = 0; other events do not censor) or `gray`
 * (Gray's test of the cumulative incidence; the plan's other events compete, so it needs two).
 */
export type SurvivalTestName = 'logrank' | 'gray';

/** The survival estimators' keys of the plan (read by {@link readSurvival}). */
const SURVIVAL_KEYS = ['tests', 'rmst', 'cox'] as const;

/** The keys each object of the plan allows (also the documentation's list). */
const PLAN_KEYS = {
  config: [
    '$schema',
    'title',
    'columns',
    'arms',
    'filter',
    'events',
    'months',
    'covariates',
    'factors',
    'subgroups',
    'participation',
    'design',
    'methods',
    ...SURVIVAL_KEYS,
  ],
  design: ['clusters', 'blocks'],
  columns: ['id', 'arm', 'followup'],
  arms: ['treatment', 'control', 'weights', ...SEVERAL_ARMS_PLAN_KEYS],
  filter: ['column', 'equals', 'in'],
  participation: ['column', 'received', 'categories', 'month'],
  participationCategory: ['value', 'label', 'parent'],
  methods: [
    'outflow',
    'censoring',
    'se',
    'adjustment',
    'level',
    'significance',
    'pAdjust',
    'missing',
    'band',
    'rareLevels',
    'rawInterval',
    'randomizationInference',
    'stars',
  ],
  randomizationInference: ['draws', 'seed', 'design', 'block', 'month'],
  rmst: ['tau'],
  cox: ['ties', 'se'],
} as const;

const OUTFLOW_METHODS = ['complete', 'kaplan-meier', 'aalen-johansen'] as const;
const CENSORING = ['complete-followup', 'ipcw'] as const;
const SE_TYPES = ['HC2', 'HC0', 'HC1', 'HC3', 'classical'] as const;
const CLUSTER_SE = ['CR2', 'stata', 'CR0'] as const;
const ADJUSTMENTS = ['ols', 'lin', 'none'] as const;
const P_ADJUST = ['none', 'holm', 'BH', 'bonferroni'] as const;
const MISSING = ['drop', 'error'] as const;
const RARE_LEVELS = ['error', 'pool', 'drop'] as const;
const RAW_INTERVALS = ['auto', 'wald', 'newcombe'] as const;
const SURVIVAL_TESTS = ['logrank', 'gray'] as const;
const RI_DESIGNS = ['complete', 'blocked', 'parity', 'hashed'] as const;

/**
 * The survival keys: `tests` (a list of `logrank`, `gray`), `rmst` (`{ tau }`, default tau =
 * `months`; `true` for the default) and `cox` (`{ ties: efron | breslow, se: model | robust }`;
 * `true` for the defaults). Each is absent from the plan unless given.
 */
function readSurvival(
  r: SpecReader,
  root: JsonObject,
  months: number,
  events: readonly EventColumn[],
): Pick<AnalysisPlan, 'tests' | 'rmst' | 'cox'> {
  const out: { tests?: SurvivalTestName[]; rmst?: { tau: number }; cox?: AnalysisPlan['cox'] } = {};
  if (root.tests !== undefined) {
    const names = r.strings(root.tests, 'config.tests');
    const tests = names.map((t, i) => r.oneOf(t, `config.tests[${i}]`, SURVIVAL_TESTS, 'logrank'));
    if (tests.includes('gray') && events.length < 2) {
      r.fail(
        'config.tests',
        '"gray" needs at least two config.events: the other events are the competing destinations',
      );
    }
    out.tests = [...new Set(tests)];
  }
  if (root.rmst !== undefined) {
    const o = root.rmst === true ? {} : r.object(root.rmst, 'config.rmst', PLAN_KEYS.rmst);
    if (o) {
      out.rmst = {
        tau: r.number(
          o.tau,
          'config.rmst.tau',
          months,
          (x) => x > 0 && x <= months,
          `a number in (0, config.months = ${months}]`,
        ),
      };
    }
  }
  if (root.cox !== undefined) {
    const o = root.cox === true ? {} : r.object(root.cox, 'config.cox', PLAN_KEYS.cox);
    if (o) {
      out.cox = {
        ties: r.oneOf(o.ties, 'config.cox.ties', ['efron', 'breslow'] as const, 'efron'),
        se: r.oneOf(o.se, 'config.cox.se', ['model', 'robust'] as const, 'model'),
      };
    }
  }
  return out;
}

/**
 * `methods.randomizationInference`: `true` for the defaults, or `{ draws, seed, design, block,
 * month }` (strict keys); absent: not run.
 */
function readRandomization(
  r: SpecReader,
  value: unknown,
  months: number,
  weights: Readonly<Record<string, number>> | undefined,
): { randomizationInference?: RandomizationPlan } {
  if (value === undefined || value === false) return {};
  const path = 'config.methods.randomizationInference';
  const o = value === true ? {} : r.object(value, path, PLAN_KEYS.randomizationInference);
  if (!o) return {};
  const draws = r.number(
    o.draws,
    `${path}.draws`,
    2000,
    (x) => Number.isInteger(x) && x >= 100 && x <= 1_000_000,
    'a whole number of draws from 100 to 1,000,000',
  );
  let seed: number | string = 1;
  if (o.seed !== undefined) {
    if (typeof o.seed === 'string' || (typeof o.seed === 'number' && Number.isInteger(o.seed))) {
      seed = o.seed;
    } else r.fail(`${path}.seed`, `expected a whole number or a text, got ${show(o.seed)}`);
  }
  const design = r.oneOf(o.design, `${path}.design`, RI_DESIGNS, 'complete');
  const block = o.block === undefined ? undefined : r.string(o.block, `${path}.block`);
  if (design === 'blocked' && block === undefined) {
    r.fail(`${path}.block`, 'missing: the "blocked" design needs the block column');
  }
  if (design !== 'blocked' && o.block !== undefined) {
    r.fail(`${path}.block`, `only the "blocked" design has a block column (design is "${design}")`);
  }
  if (design === 'hashed' && !weights) {
    r.fail(`${path}.design`, '"hashed" needs config.arms.weights (the share of each arm)');
  }
  const month = r.number(
    o.month,
    `${path}.month`,
    months,
    (x) => Number.isInteger(x) && x >= 1 && x <= months,
    `a whole month from 1 to config.months (${months})`,
  );
  return {
    randomizationInference: {
      draws,
      seed,
      design,
      ...(block !== undefined ? { block } : {}),
      month,
    },
  };
}

/** `methods.stars`: `{ "†": 0.2, "*": 0.1, "**": 0.05 }` (checked by `checkStarLevels`). */
function readStars(r: SpecReader, value: unknown): { stars?: StarLevels } {
  if (value === undefined) return {};
  const problem = starLevelsProblem(value);
  if (problem) {
    r.fail('config.methods.stars', problem);
    return {};
  }
  return { stars: value as StarLevels };
}

function readFilter(r: SpecReader, value: unknown): FilterCondition[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: FilterCondition[] = [];
  list.forEach((item, i) => {
    const path = Array.isArray(value) ? `config.filter[${i}]` : 'config.filter';
    const o = r.object(item, path, PLAN_KEYS.filter);
    if (!o) return;
    const column = r.string(o.column, `${path}.column`);
    const isValue = (v: unknown): v is FilterValue =>
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v));
    let values: FilterValue[] | undefined;
    if ((o.equals === undefined) === (o.in === undefined)) {
      r.fail(path, 'give exactly one of "equals" (a value) or "in" (a list of values)');
    } else if (o.equals !== undefined) {
      if (isValue(o.equals)) values = [o.equals];
      else r.fail(`${path}.equals`, `expected a text, number or true/false, got ${show(o.equals)}`);
    } else if (!Array.isArray(o.in) || o.in.length === 0 || !o.in.every(isValue)) {
      r.fail(`${path}.in`, `expected a non-empty list of texts or numbers, got ${show(o.in)}`);
    } else {
      values = [...o.in];
    }
    if (column !== undefined && values) out.push({ column, values });
  });
  return out;
}

function readEvents(r: SpecReader, value: unknown): EventColumn[] {
  const path = 'config.events';
  if (value === undefined) {
    r.fail(path, 'missing: name the event-month columns, e.g. ["month_bijstand"]');
    return [];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) r.fail(path, 'expected at least one event column');
    return r
      .strings(value, path)
      .map((column) => ({ label: column.replace(/^month_/, ''), column }));
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) r.fail(path, 'expected at least one event');
    return entries.flatMap(([label, column]) => {
      const c = r.string(column, `${path}.${label}`);
      return c === undefined ? [] : [{ label, column: c }];
    });
  }
  r.fail(
    path,
    `expected a list of columns or an object label → column, got ${show(value)} (e.g. ["month_bijstand"] or { "bijstand": "month_bijstand" })`,
  );
  return [];
}

function readWeights(r: SpecReader, value: unknown): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const path = 'config.arms.weights';
  if (!isJsonObject(value)) {
    return r.fail(
      path,
      `expected an object arm → share, e.g. { "experiment": 0.8, "control": 0.2 }, got ${show(value)}`,
    );
  }
  const weights: Record<string, number> = {};
  let ok = true;
  for (const [arm, w] of Object.entries(value)) {
    if (typeof w !== 'number' || !(w >= 0 && w <= 1)) {
      r.fail(`${path}.${arm}`, `expected a share between 0 and 1, got ${show(w)}`);
      ok = false;
    } else weights[arm] = w;
  }
  if (!ok) return undefined;
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  if (Object.keys(weights).length < 2) return r.fail(path, 'expected at least two arms');
  if (Math.abs(total - 1) > 1e-9) return r.fail(path, `shares must sum to 1, they sum to ${total}`);
  return weights;
}

function readCategories(
  r: SpecReader,
  value: unknown,
): (string | ParticipationCategory)[] | undefined {
  if (value === undefined) return undefined;
  const path = 'config.participation.categories';
  if (!Array.isArray(value)) {
    return r.fail(
      path,
      `expected a list of values or { value, label, parent }, got ${show(value)}`,
    );
  }
  return value.flatMap((item, i): (string | ParticipationCategory)[] => {
    if (typeof item === 'string') return [item];
    const o = r.object(item, `${path}[${i}]`, PLAN_KEYS.participationCategory);
    const v = o && r.string(o.value, `${path}[${i}].value`);
    if (!o || v === undefined) return [];
    const label = o.label === undefined ? undefined : r.string(o.label, `${path}[${i}].label`);
    const parent = o.parent === undefined ? undefined : r.string(o.parent, `${path}[${i}].parent`);
    return [{ value: v, ...(label ? { label } : {}), ...(parent ? { parent } : {}) }];
  });
}

/** The data value of a participation category. */
function categoryValue(c: string | ParticipationCategory): string {
  return typeof c === 'string' ? c : c.value;
}

/**
 * The values of the participation column that count as received: the `received` entries and,
 * for a received group, every category below it (what the complier analysis reads).
 *
 * @example
 * receivedValues({
 *   column: 'participation', month: 24, received: ['conversation'],
 *   categories: ['none', 'conversation', { value: 'uwv', parent: 'conversation' }],
 * }); // ['conversation', 'uwv']
 */
export function receivedValues(p: ParticipationPlan): string[] {
  const parent = new Map(
    (p.categories ?? []).flatMap((c) =>
      typeof c === 'string' || c.parent === undefined ? [] : [[c.value, c.parent] as const],
    ),
  );
  const isReceived = (v: string | undefined): boolean =>
    v !== undefined && (p.received.includes(v) || isReceived(parent.get(v)));
  const listed = (p.categories ?? []).map(categoryValue);
  return [...new Set([...p.received, ...listed.filter((v) => isReceived(v))])];
}

/** Where {@link parsePlan} reports its problems. */
export interface ParsePlanOptions {
  /** What was read, named in the message: `invalid <source>: …` (default `config`). */
  readonly source?: string;
  /**
   * The block column of the assignment (see `assignmentBlocks`): the default of
   * `config.design.blocks`, used when the config does not name it (`blocks: null` opts out).
   */
  readonly assignmentBlocks?: string;
}

/**
 * Validates a parsed JSON plan (the `analyze` config, keys documented in docs/cli.md) and fills
 * in the defaults. Throws a `SpecError` (an `InputError`, code `invalid-option`) listing every
 * problem, each naming its field: unknown keys with a did-you-mean, wrong types, values out of
 * range, cross-field conflicts (a factor that is not a covariate, `participation.month` after
 * `months`). The columns are checked later, against the data, by `evaluate`.
 *
 * Only `events` and `months` are required.
 *
 * @example
 * const plan = parsePlan({ events: ['month_bijstand'], months: 24, covariates: ['age'] });
 * plan.events; // [{ label: 'bijstand', column: 'month_bijstand' }]
 * plan.methods.adjustment; // 'ols' (the default with covariates)
 * parsePlan({ events: ['month_bijstand'], months: 24, covariats: [] });
 * // throws: invalid config: config: unknown key "covariats" (did you mean "covariates"?); …
 */
export function parsePlan(json: unknown, options: ParsePlanOptions = {}): AnalysisPlan {
  const source = options.source ?? 'config';
  const r = new SpecReader();
  const root = r.object(json, 'config', PLAN_KEYS.config);
  if (!root) throw new SpecError(r.problems, source);

  const c = r.optionalObject(root.columns, 'config.columns', PLAN_KEYS.columns);
  const columns = {
    id: r.optionalString(c.id, 'config.columns.id', 'id'),
    arm: r.optionalString(c.arm, 'config.columns.arm', 'arm'),
    followup: r.optionalString(c.followup, 'config.columns.followup', 'followup_months'),
  };

  const a = r.optionalObject(root.arms, 'config.arms', PLAN_KEYS.arms);
  // Several arms (issue #14): several-arms-plan.ts; the two-arm pair defaults from its labels.
  const several = readSeveralArms(r, a);
  const treatment = r.optionalString(
    a.treatment,
    'config.arms.treatment',
    several?.treatment ?? 'experiment',
  );
  const control = r.optionalString(a.control, 'config.arms.control', several?.control ?? 'control');
  for (const [key, label] of [
    ['treatment', treatment],
    ['control', control],
  ] as const) {
    if (several && !several.plan.labels.includes(label)) {
      r.fail(`config.arms.${key}`, `"${label}" is not one of config.arms.labels`);
    }
  }
  if (treatment === control) {
    r.fail('config.arms', `treatment and control must differ, both are "${treatment}"`);
  }
  const weights = readWeights(r, a.weights);
  if (weights) {
    for (const [key, label] of [
      ['treatment', treatment],
      ['control', control],
    ] as const) {
      if (!(label in weights)) {
        r.fail('config.arms.weights', `has no share for the ${key} arm "${label}"`);
      }
    }
  }

  const filter = readFilter(r, root.filter);
  const events = readEvents(r, root.events);
  const months =
    root.months === undefined
      ? (r.fail('config.months', 'missing: the last month to analyse, e.g. 24') ?? 1)
      : (r.wholeNumber(root.months, 'config.months') ?? 1);
  const covariates = r.strings(root.covariates, 'config.covariates');
  const factors = r.strings(root.factors, 'config.factors');
  factors.forEach((f, i) => {
    if (!covariates.includes(f)) {
      r.fail(`config.factors[${i}]`, `"${f}" is not one of config.covariates`);
    }
  });
  const subgroups = r.strings(root.subgroups, 'config.subgroups');

  let participation: ParticipationPlan | undefined;
  if (root.participation !== undefined) {
    const p = r.object(root.participation, 'config.participation', PLAN_KEYS.participation);
    if (p) {
      const received = r.strings(p.received, 'config.participation.received');
      if (p.received === undefined || (Array.isArray(p.received) && p.received.length === 0)) {
        r.fail(
          'config.participation.received',
          'missing: list the participation values that count as receiving the service',
        );
      }
      const categories = readCategories(r, p.categories);
      if (categories) {
        const values = categories.map(categoryValue);
        received.forEach((v, i) => {
          if (!values.includes(v)) {
            r.fail(
              `config.participation.received[${i}]`,
              `"${v}" is not one of config.participation.categories`,
            );
          }
        });
      }
      const month =
        p.month === undefined
          ? months
          : (r.wholeNumber(p.month, 'config.participation.month') ?? months);
      if (month > months) {
        r.fail(
          'config.participation.month',
          `must be at most config.months (${months}), got ${month}`,
        );
      }
      participation = {
        column: r.optionalString(p.column, 'config.participation.column', 'participation'),
        received,
        ...(categories ? { categories } : {}),
        month,
      };
    }
  }

  const m = r.optionalObject(root.methods, 'config.methods', PLAN_KEYS.methods);
  const statedBlocks = isJsonObject(root.design) && root.design.blocks !== undefined;
  const fromRecord = statedBlocks ? undefined : options.assignmentBlocks;
  const blocked =
    fromRecord !== undefined ||
    (isJsonObject(root.design) && typeof root.design.blocks === 'string');
  const adjustment = r.oneOf(
    m.adjustment,
    'config.methods.adjustment',
    ADJUSTMENTS,
    covariates.length > 0 || blocked ? 'ols' : 'none',
  );
  if (adjustment === 'lin' && covariates.length === 0) {
    r.fail('config.methods.adjustment', '"lin" needs covariates; config.covariates is empty');
  } else if (adjustment === 'ols' && covariates.length === 0 && !blocked) {
    r.fail(
      'config.methods.adjustment',
      `"${adjustment}" needs covariates; config.covariates is empty`,
    );
  }
  let significance: number[] = [0.1, 0.05];
  if (m.significance !== undefined) {
    if (!Array.isArray(m.significance) || m.significance.length === 0) {
      r.fail(
        'config.methods.significance',
        `expected a list of levels such as [0.1, 0.05], got ${show(m.significance)}`,
      );
    } else {
      significance = m.significance.map((v, i) =>
        r.fraction(v, `config.methods.significance[${i}]`, 0.05),
      );
    }
  }
  const censoring = r.oneOf(
    m.censoring,
    'config.methods.censoring',
    CENSORING,
    'complete-followup',
  );
  if (censoring === 'ipcw' && several) {
    r.fail(
      'config.methods.censoring',
      '"ipcw" is not available with config.arms.labels yet (the several-arm contrasts use complete follow-up)',
    );
  }
  if (censoring === 'ipcw') {
    // Their estimators (the interaction test, 2SLS) use complete follow-up: not mixed silently.
    if (subgroups.length > 0) {
      r.fail(
        'config.methods.censoring',
        '"ipcw" is not available with config.subgroups yet (the heterogeneity test uses complete follow-up); run the subgroups separately or remove them',
      );
    }
    if (participation) {
      r.fail(
        'config.methods.censoring',
        '"ipcw" is not available with config.participation yet (the complier effect uses complete follow-up); remove participation or analyse it separately',
      );
    }
  }
  const design = readDesign(r, root.design, fromRecord);
  const clustered = design?.clusters !== undefined;
  const se = r.oneOf(
    m.se,
    'config.methods.se',
    [...SE_TYPES, ...CLUSTER_SE],
    clustered ? 'CR2' : 'HC2',
  );
  if (clustered && (SE_TYPES as readonly string[]).includes(se)) {
    r.fail(
      'config.methods.se',
      `"${se}" ignores config.design.clusters; with clusters use one of ${CLUSTER_SE.join(', ')} (default CR2)`,
    );
  }
  if (!clustered && (CLUSTER_SE as readonly string[]).includes(se)) {
    r.fail('config.methods.se', `"${se}" is cluster-robust and needs config.design.clusters`);
  }
  if (design && censoring === 'ipcw') {
    r.fail(
      'config.methods.censoring',
      '"ipcw" is not available with config.design (clusters or blocks): the IPCW variance treats clients as independent; use "complete-followup"',
    );
  }
  const methods: MethodsPlan = {
    outflow: r.oneOf(m.outflow, 'config.methods.outflow', OUTFLOW_METHODS, 'complete'),
    censoring,
    se,
    adjustment,
    level: r.fraction(m.level, 'config.methods.level', 0.95),
    significance,
    pAdjust: r.oneOf(m.pAdjust, 'config.methods.pAdjust', P_ADJUST, 'none'),
    missing: r.oneOf(m.missing, 'config.methods.missing', MISSING, 'drop'),
    band: r.oneOf(m.band, 'config.methods.band', ['none', 'sup-t'] as const, 'none'),
    rareLevels: r.oneOf(m.rareLevels, 'config.methods.rareLevels', RARE_LEVELS, 'error'),
    rawInterval: r.oneOf(m.rawInterval, 'config.methods.rawInterval', RAW_INTERVALS, 'auto'),
    ...readRandomization(r, m.randomizationInference, months, weights),
    ...readStars(r, m.stars),
  };

  const title =
    root.title === undefined ? 'Effect analysis' : (r.string(root.title, 'config.title') ?? '');
  if (root.$schema !== undefined && typeof root.$schema !== 'string') {
    r.fail('config.$schema', `expected a text, got ${show(root.$schema)}`);
  }
  const survival = readSurvival(r, root, months, events);
  if (clustered) {
    for (const key of SURVIVAL_KEYS) {
      if (root[key] !== undefined) {
        r.fail(
          `config.${key}`,
          'not available with config.design.clusters: the survival tests, RMST and Cox regression treat clients as independent (no cluster-robust version is implemented)',
        );
      }
    }
  }
  r.done(source);
  return {
    title,
    columns,
    arms: {
      treatment,
      control,
      ...(weights ? { weights } : {}),
      ...(several ? { several: several.plan } : {}),
    },
    filter,
    events,
    months,
    covariates,
    factors,
    subgroups,
    ...(participation ? { participation } : {}),
    ...(design ? { design } : {}),
    methods,
    ...survival,
  };
}

/**
 * `config.design`: `{ clusters?, blocks? }`, each a column name; `blocks: null` says the design
 * is not blocked (also when an assignment record would name blocks).
 */
function readDesign(
  r: SpecReader,
  value: unknown,
  fromRecord: string | undefined,
): DesignPlan | undefined {
  if (value === undefined) {
    return fromRecord === undefined
      ? undefined
      : { blocks: fromRecord, blocksFrom: 'assignment record' };
  }
  const o = r.object(value, 'config.design', PLAN_KEYS.design);
  if (!o) return undefined;
  if (o.blocks === undefined && fromRecord !== undefined) {
    const clusters =
      o.clusters === undefined ? undefined : r.string(o.clusters, 'config.design.clusters');
    return {
      ...(clusters === undefined ? {} : { clusters }),
      blocks: fromRecord,
      blocksFrom: 'assignment record',
    };
  }
  const clusters =
    o.clusters === undefined ? undefined : r.string(o.clusters, 'config.design.clusters');
  const blocks =
    o.blocks === undefined || o.blocks === null
      ? undefined
      : r.string(o.blocks, 'config.design.blocks');
  if (clusters !== undefined && clusters === blocks) {
    r.fail('config.design', `clusters and blocks are both "${clusters}"; name two columns`);
  }
  const out: DesignPlan = {
    ...(clusters === undefined ? {} : { clusters }),
    ...(blocks === undefined ? {} : { blocks, blocksFrom: 'config' as const }),
  };
  // `blocks: null` is kept as an empty design so that an assignment record does not add blocks.
  return o.blocks === null || clusters !== undefined || blocks !== undefined ? out : undefined;
}

/**
 * Every column a plan names, with the field that names it (for the check against the data).
 *
 * @example
 * planColumns(parsePlan({ events: ['month_work'], months: 6 }))[2];
 * // { field: 'config.events (work)', column: 'month_work' }
 */
export function planColumns(config: AnalysisPlan): { field: string; column: string }[] {
  return [
    { field: 'config.columns.arm', column: config.columns.arm },
    { field: 'config.columns.followup', column: config.columns.followup },
    ...config.filter.map((f, i) => ({
      field: config.filter.length === 1 ? 'config.filter.column' : `config.filter[${i}].column`,
      column: f.column,
    })),
    ...config.events.map((e) => ({ field: `config.events (${e.label})`, column: e.column })),
    ...config.covariates.map((column, i) => ({ field: `config.covariates[${i}]`, column })),
    ...config.subgroups.map((column, i) => ({ field: `config.subgroups[${i}]`, column })),
    ...(config.participation
      ? [{ field: 'config.participation.column', column: config.participation.column }]
      : []),
    ...(config.design?.clusters === undefined
      ? []
      : [{ field: 'config.design.clusters', column: config.design.clusters }]),
    ...(config.design?.blocks === undefined
      ? []
      : [
          {
            field:
              config.design.blocksFrom === 'assignment record'
                ? 'config.design.blocks (from the assignment record)'
                : 'config.design.blocks',
            column: config.design.blocks,
          },
        ]),
    ...(config.methods.randomizationInference?.block === undefined
      ? []
      : [
          {
            field: 'config.methods.randomizationInference.block',
            column: config.methods.randomizationInference.block,
          },
        ]),
  ];
}

/**
 * The table with only the columns {@link planColumns} names and the id column (when present):
 * what an analysis of the plan reads. A caller that owns the table (the CLI) drops the others
 * before the analysis, so that their memory is freed; the row count is the table's. When a named
 * column is missing, the table is returned whole, so that the check of the columns can list the
 * data's columns.
 *
 * @example
 * let table = await loadTable('clients.csv');
 * table = planTable(table, plan); // 16 of the file's 24 columns
 */
export function planTable(table: ColumnTable, config: AnalysisPlan): ColumnTable {
  const names = table.columnNames();
  const named = planColumns(config).map((c) => c.column);
  if (named.some((c) => !names.includes(c))) return table;
  const wanted = new Set([config.columns.id, ...named]);
  const kept = names.filter((n) => wanted.has(n));
  return kept.length === names.length ? table : table.select(kept);
}
