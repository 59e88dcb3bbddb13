/**
 * The JSON config of `effectmeting analyze`: its schema, defaults and validation. Every problem
 * is collected and reported at once, each naming the field (`config.months: expected a whole
 * number ≥ 1, got "24"`), and unknown keys are named together with the allowed ones, so a typo
 * never silently falls back to a default. Documented key by key in `docs/cli.md`.
 */
import { InputError } from '../errors.js';
import type { SeType } from '../estimate/vcov.js';
import type { OutflowMethod } from '../outcomes/cumulative-outflow.js';

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
export interface ParticipationConfig {
  /** Participation column (default `participation`). */
  readonly column: string;
  /** Values of the column that count as receiving the service. */
  readonly received: readonly string[];
  /** Categories in display order (default: the values present, sorted). */
  readonly categories?: readonly string[];
  /** Month at which the complier effect of each event is estimated (default: `months`). */
  readonly month: number;
}

/** Method choices. */
export interface MethodsConfig {
  /** Censoring method of the outflow curves (default `complete`, the reports' method). */
  readonly outflow: OutflowMethod;
  /** Standard errors of adjusted effects and the complier analysis (default `HC2`). */
  readonly se: SeType;
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
}

/** A validated `analyze` config with its defaults filled in. */
export interface AnalysisConfig {
  readonly title: string;
  readonly columns: { readonly id: string; readonly arm: string; readonly followup: string };
  readonly arms: {
    readonly treatment: string;
    readonly control: string;
    /** Intended assignment weights over all arms of the file (for the sample-ratio check). */
    readonly weights?: Readonly<Record<string, number>>;
  };
  /** Rows kept: all conditions hold. Empty: every row. */
  readonly filter: readonly FilterCondition[];
  readonly events: readonly EventColumn[];
  readonly months: number;
  readonly covariates: readonly string[];
  readonly factors: readonly string[];
  readonly subgroups: readonly string[];
  readonly participation?: ParticipationConfig;
  readonly methods: MethodsConfig;
}

/** The keys each object of the config allows (also the documentation's list). */
export const CONFIG_KEYS = {
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
    'methods',
  ],
  columns: ['id', 'arm', 'followup'],
  arms: ['treatment', 'control', 'weights'],
  filter: ['column', 'equals', 'in'],
  participation: ['column', 'received', 'categories', 'month'],
  methods: ['outflow', 'se', 'adjustment', 'level', 'significance', 'pAdjust', 'missing'],
} as const;

const OUTFLOW_METHODS = ['complete', 'kaplan-meier', 'aalen-johansen'] as const;
const SE_TYPES = ['HC2', 'HC0', 'HC1', 'HC3', 'classical'] as const;
const ADJUSTMENTS = ['ols', 'lin', 'none'] as const;
const P_ADJUST = ['none', 'holm', 'BH', 'bonferroni'] as const;
const MISSING = ['drop', 'error'] as const;

/** Thrown for an invalid config: an `InputError` (exit code 1) listing every problem. */
export class ConfigError extends InputError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], source = 'config') {
    super(
      problems.length === 1
        ? `invalid ${source}: ${problems[0]}`
        : `invalid ${source}, ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { code: 'invalid-option' },
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A value as shown in a message: JSON, shortened. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** ` (did you mean "x"?)` when one candidate is close to `name`, else empty. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3))
    ? ` (did you mean "${best}"?)`
    : '';
}

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects problems while reading the config. */
class Reader {
  readonly problems: string[] = [];

  fail(path: string, message: string): undefined {
    this.problems.push(`${path}: ${message}`);
    return undefined;
  }

  object(value: unknown, path: string, allowed: readonly string[]): Json | undefined {
    if (!isObject(value)) return this.fail(path, `expected an object, got ${show(value)}`);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(
          path,
          `unknown key "${key}"${didYouMean(key, allowed)}; allowed keys: ${allowed.join(', ')}`,
        );
      }
    }
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      return this.fail(path, `expected a non-empty text, got ${show(value)}`);
    }
    return value;
  }

  optionalString(value: unknown, path: string, fallback: string): string {
    return value === undefined ? fallback : (this.string(value, path) ?? fallback);
  }

  strings(value: unknown, path: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(path, `expected a list of column names, got ${show(value)}`);
      return [];
    }
    const out: string[] = [];
    value.forEach((v, i) => {
      const s = this.string(v, `${path}[${i}]`);
      if (s === undefined) return;
      if (out.includes(s)) this.fail(`${path}[${i}]`, `"${s}" is listed twice`);
      else out.push(s);
    });
    return out;
  }

  wholeNumber(value: unknown, path: string): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return this.fail(path, `expected a whole number ≥ 1, got ${show(value)}`);
    }
    return value;
  }

  fraction(value: unknown, path: string, fallback: number): number {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !(value > 0 && value < 1)) {
      return this.fail(path, `expected a number between 0 and 1, got ${show(value)}`) ?? fallback;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      return (
        this.fail(path, `expected one of ${allowed.join(', ')}, got ${show(value)}${hint}`) ??
        fallback
      );
    }
    return value as T;
  }
}

function readFilter(r: Reader, value: unknown): FilterCondition[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: FilterCondition[] = [];
  list.forEach((item, i) => {
    const path = Array.isArray(value) ? `config.filter[${i}]` : 'config.filter';
    const o = r.object(item, path, CONFIG_KEYS.filter);
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

function readEvents(r: Reader, value: unknown): EventColumn[] {
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
  if (isObject(value)) {
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

function readWeights(r: Reader, value: unknown): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const path = 'config.arms.weights';
  if (!isObject(value)) {
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

/**
 * Validates a parsed JSON config and fills in the defaults; throws a {@link ConfigError} listing
 * every problem, each naming its field.
 */
export function parseAnalysisConfig(json: unknown): AnalysisConfig {
  const r = new Reader();
  const root = r.object(json, 'config', CONFIG_KEYS.config);
  if (!root) throw new ConfigError(r.problems);

  const c =
    root.columns === undefined
      ? {}
      : (r.object(root.columns, 'config.columns', CONFIG_KEYS.columns) ?? {});
  const columns = {
    id: r.optionalString(c.id, 'config.columns.id', 'id'),
    arm: r.optionalString(c.arm, 'config.columns.arm', 'arm'),
    followup: r.optionalString(c.followup, 'config.columns.followup', 'followup_months'),
  };

  const a =
    root.arms === undefined ? {} : (r.object(root.arms, 'config.arms', CONFIG_KEYS.arms) ?? {});
  const treatment = r.optionalString(a.treatment, 'config.arms.treatment', 'experiment');
  const control = r.optionalString(a.control, 'config.arms.control', 'control');
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

  let participation: ParticipationConfig | undefined;
  if (root.participation !== undefined) {
    const p = r.object(root.participation, 'config.participation', CONFIG_KEYS.participation);
    if (p) {
      const received = r.strings(p.received, 'config.participation.received');
      if (p.received === undefined || (Array.isArray(p.received) && p.received.length === 0)) {
        r.fail(
          'config.participation.received',
          'missing: list the participation values that count as receiving the service',
        );
      }
      const categories =
        p.categories === undefined
          ? undefined
          : r.strings(p.categories, 'config.participation.categories');
      if (categories) {
        received.forEach((v, i) => {
          if (!categories.includes(v)) {
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

  const m =
    root.methods === undefined
      ? {}
      : (r.object(root.methods, 'config.methods', CONFIG_KEYS.methods) ?? {});
  const adjustment = r.oneOf(
    m.adjustment,
    'config.methods.adjustment',
    ADJUSTMENTS,
    covariates.length > 0 ? 'ols' : 'none',
  );
  if (adjustment !== 'none' && covariates.length === 0) {
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
  const methods: MethodsConfig = {
    outflow: r.oneOf(m.outflow, 'config.methods.outflow', OUTFLOW_METHODS, 'complete'),
    se: r.oneOf(m.se, 'config.methods.se', SE_TYPES, 'HC2'),
    adjustment,
    level: r.fraction(m.level, 'config.methods.level', 0.95),
    significance,
    pAdjust: r.oneOf(m.pAdjust, 'config.methods.pAdjust', P_ADJUST, 'none'),
    missing: r.oneOf(m.missing, 'config.methods.missing', MISSING, 'drop'),
  };

  const title =
    root.title === undefined ? 'Effect analysis' : (r.string(root.title, 'config.title') ?? '');
  if (root.$schema !== undefined && typeof root.$schema !== 'string') {
    r.fail('config.$schema', `expected a text, got ${show(root.$schema)}`);
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return {
    title,
    columns,
    arms: { treatment, control, ...(weights ? { weights } : {}) },
    filter,
    events,
    months,
    covariates,
    factors,
    subgroups,
    ...(participation ? { participation } : {}),
    methods,
  };
}

/** Every column the config names, with the field that names it (for the check against the data). */
export function configColumns(config: AnalysisConfig): { field: string; column: string }[] {
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
  ];
}
