/**
 * Disclosure control of the personal-services report (every format: Markdown, HTML, JSON), by the
 * one rule of `report/disclosure.ts` (`suppressCells`, threshold default 10, `--min-cell`).
 *
 * The counts behind the report, per arm and month m (complete follow-up): n (clients observed ≥ m
 * months), the clients with a job by m, and the clients still on WW at m — the count a published
 * share gives back with n (round(share × n)). The pooled control arm is the sum of the two control
 * arms (n, jobs and on-WW alike), so a count suppressed in one control arm also suppresses a second
 * cell of that relation ("x"). A share cell, a difference and its p-value that rest on a suppressed
 * count are suppressed with it; adjusted estimates and the mean months on WW are published (they do
 * not determine a count), as in `analyze`. The sample-ratio table goes through `protectSampleRatio`.
 */
import type { EffectSeries } from '../../analysis/effect-series.js';
import {
  type AdditiveRelation,
  type DisclosureOptions,
  disclosureNote,
  suppressCells,
} from '../../report/disclosure.js';
import type { SuppressionMark } from '../../table/index.js';
import type { PersonalServicesComparison, PersonalServicesResult } from './report.js';

type Marks = Record<string, SuppressionMark>;
/** The outcome of a share: job-finding (jobs by m) or WW reliance (still on WW at m). */
export type PersonalServicesOutcome = 'job' | 'onww';

/** Which cells of the personal-services report are published (see the module comment). */
export interface PersonalServicesDisclosure {
  readonly threshold: number;
  /** The note under a table with a suppressed cell. */
  readonly note: string;
  /** Marks of the headline row of comparison `x`, outcome `o`, at the headline month. */
  headline(x: PersonalServicesComparison, o: PersonalServicesOutcome): Marks;
  /** Marks of the enforcement-by-month row of month m (columns job, jobP, reliance, relianceP). */
  enforcementMonth(x: PersonalServicesComparison, month: number): Marks;
  /** Marks of the curve row of month m (columns `<arm> job`, `<arm> on WW`). */
  curves(arms: readonly string[], month: number): Marks;
  /** Whether the raw difference of `x` on `o` at month m is suppressed. */
  rawHidden(x: PersonalServicesComparison, o: PersonalServicesOutcome, month: number): boolean;
}

const key = (what: 'n' | PersonalServicesOutcome, arm: string, month: number) =>
  `${what}\u0000${arm}\u0000${month}`;

/**
 * The suppression pattern of the personal-services report: primary suppression of each count
 * 0 < c < threshold, secondary suppression over the pooled-control relations (see the module
 * comment). `threshold: 0` publishes everything.
 *
 * @example
 * const s = personalServicesDisclosure(result, { threshold: 10 });
 * s.headline(result.comparisons.enforcement, 'job'); // e.g. { control: 'primary', raw: 'secondary', … }
 */
export function personalServicesDisclosure(
  r: PersonalServicesResult,
  d: DisclosureOptions = {},
): PersonalServicesDisclosure {
  const threshold = d.threshold ?? 10;
  const c = r.config;
  const cells = new Map<string, number>();
  const addSeries = (s: EffectSeries, x: PersonalServicesComparison, o: 'job' | 'exit') => {
    for (const m of s.months) {
      for (const [arm, n, events] of [
        [x.treatment, m.nTreated, m.eventsTreated],
        [x.control, m.nControl, m.eventsControl],
      ] as const) {
        cells.set(key('n', arm, m.month), n);
        if (o === 'job') cells.set(key('job', arm, m.month), events);
        else cells.set(key('onww', arm, m.month), n - events);
      }
    }
  };
  const list = Object.values(r.comparisons);
  for (const x of list) {
    addSeries(x.jobFinding, x, 'job');
    addSeries(x.wwExit, x, 'exit');
  }
  for (const row of r.outflow.rows) {
    if (row.destination === 'job') cells.set(key('job', row.group, row.month), row.events);
    else cells.set(key('onww', row.group, row.month), row.atRisk - row.events);
    cells.set(key('n', row.group, row.month), row.atRisk);
  }
  const relations: AdditiveRelation[] = [];
  for (let m = 1; m <= c.months; m++) {
    for (const what of ['n', 'job', 'onww'] as const) {
      const members = [c.pooledControl, c.controlEnforcement, c.controlNone].map((a) =>
        key(what, a, m),
      );
      if (members.every((k) => cells.has(k))) {
        relations.push({ total: members[0]!, parts: members.slice(1) });
      }
    }
  }
  const s = suppressCells(cells, relations, { ...d, threshold });
  const status = (k: string): SuppressionMark | null => {
    const v = s.status(k);
    return v === 'published' ? null : v;
  };
  /** 'primary' when one of the cell's counts is primary, 'secondary' when one is suppressed. */
  const worst = (keys: readonly string[]): SuppressionMark | null => {
    const all = keys.map(status);
    return all.includes('primary') ? 'primary' : all.includes('secondary') ? 'secondary' : null;
  };
  const armCell = (arm: string, o: PersonalServicesOutcome, m: number) =>
    worst([key('n', arm, m), key(o, arm, m)]);
  const rawHidden = (x: PersonalServicesComparison, o: PersonalServicesOutcome, m: number) =>
    armCell(x.treatment, o, m) !== null || armCell(x.control, o, m) !== null;
  return {
    threshold,
    note: disclosureNote(threshold),
    headline(x, o) {
      const marks: Marks = {};
      const t = armCell(x.treatment, o, c.month);
      const k = armCell(x.control, o, c.month);
      if (t) marks.treatment = t;
      if (k) marks.control = k;
      if (t || k) {
        marks.raw = 'secondary';
        marks.rawP = 'secondary';
      }
      return marks;
    },
    enforcementMonth(x, m) {
      const marks: Marks = {};
      if (rawHidden(x, 'job', m)) {
        marks.job = 'secondary';
        marks.jobP = 'secondary';
      }
      if (rawHidden(x, 'onww', m)) {
        marks.reliance = 'secondary';
        marks.relianceP = 'secondary';
      }
      return marks;
    },
    curves(arms, m) {
      const marks: Marks = {};
      for (const a of arms) {
        if (armCell(a, 'job', m)) marks[`${a} job`] = 'secondary';
        if (armCell(a, 'onww', m)) marks[`${a} on WW`] = 'secondary';
      }
      return marks;
    },
    rawHidden,
  };
}
