import { readFileSync } from 'node:fs';
import { op, table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { type EffectSeriesSpec, effectSeries } from '../../src/analysis/effect-series.js';
import { followupPattern } from '../../src/data/followup-pattern.js';
import { checkExperiment } from '../../src/data/validate.js';
import { InputError } from '../../src/errors.js';
import {
  censoringDistribution,
  ipcwWeights,
  survivalBefore,
} from '../../src/outcomes/censoring-weights.js';
import { createRng, type Rng } from '../../src/stats/random.js';

interface RefEstimate {
  estimate: number;
  stdError: number;
  pValue: number;
  ciLow?: number;
  ciHigh?: number;
  df?: number;
}
interface RefMonth {
  month: number;
  nTreated: number;
  nControl: number;
  eventsTreated: number;
  eventsControl: number;
  weightSumTreated: number;
  weightSumControl: number;
  shareTreated: number;
  shareControl: number;
  raw: RefEstimate;
  ols: RefEstimate;
  lin: RefEstimate;
}
interface RefCase {
  data: Record<string, (string | number | null)[]>;
  months: number[];
  results: RefMonth[];
}
const ref = JSON.parse(
  readFileSync(new URL('../reference/ipcw.json', import.meta.url), 'utf8'),
) as { wide: RefCase; strata: RefCase; colon: RefCase };

function close(actual: number, expected: number, rel = 1e-9) {
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected) / scale).toBeLessThan(rel);
}

function agrees(spec: EffectSeriesSpec, c: RefCase, estimator: 'ols' | 'lin') {
  const s = effectSeries(table(c.data), { ...spec, months: c.months, adjustment: estimator });
  expect(s.censoring).toBe('ipcw');
  s.months.forEach((m, i) => {
    const r = c.results[i]!;
    expect(m.month).toBe(r.month);
    expect([m.nTreated, m.nControl, m.eventsTreated, m.eventsControl]).toEqual([
      r.nTreated,
      r.nControl,
      r.eventsTreated,
      r.eventsControl,
    ]);
    close(m.shareTreated, r.shareTreated);
    close(m.shareControl, r.shareControl);
    close(m.raw.estimate, r.raw.estimate);
    close(m.raw.stdError, r.raw.stdError);
    close(m.raw.pValue, r.raw.pValue, 1e-7);
    const a = m.adjusted!;
    const e = r[estimator];
    close(a.estimate, e.estimate);
    close(a.stdError, e.stdError);
    close(a.pValue, e.pValue, 1e-7);
    close(a.ci[0], e.ciLow!);
    close(a.ci[1], e.ciHigh!);
    expect(a.df).toBe(e.df);
  });
  return s;
}

describe('effectSeries with IPCW agrees with R (survfit censoring KM, lm_robust / lm_lin weights, HC2)', () => {
  const wide: EffectSeriesSpec = {
    event: 'month_bijstand',
    covariates: ['age', 'gender'],
    censoring: 'ipcw',
  };
  it('wide form with survival-shaped follow-up and dropout: OLS', () => {
    const s = agrees(wide, ref.wide, 'ols');
    expect(s.method).toContain('weights treated as known');
    expect(s.warnings).toEqual([]);
  });
  it('wide form: Lin (covariates centred on the weighted mean, as lm_lin)', () => {
    agrees(wide, ref.wide, 'lin');
  });

  it('censoring that depends on gender: Ĝ within arm × gender, weighted raw and adjusted (OLS, Lin)', () => {
    const spec = { ...wide, censoringStrata: ['gender'] };
    const s = agrees(spec, ref.strata, 'ols');
    expect(s.method).toContain('within arm × gender');
    expect(s.method).toContain('raw: IPCW-weighted difference in shares');
    agrees(spec, ref.strata, 'lin');
  });

  const colon: EffectSeriesSpec = {
    time: 'time',
    status: 'status',
    event: 'recurrence',
    arm: 'rx',
    treatment: 'Lev+5FU',
    control: 'Obs',
    covariates: ['age', 'sex', 'obstruct'],
  };
  it('survival input (colon: recurrence, death competing), IPCW by default: Aalen–Johansen raw, OLS', () => {
    const s = agrees(colon, ref.colon, 'ols');
    expect(s.excluded).toEqual([{ reason: "arm not 'Lev+5FU' or 'Obs'", count: 310 }]);
    expect(s.method).toContain('Aalen–Johansen');
    // The figures: AJ 29.6 % vs 42.3 % at month 24.
    const m24 = s.months.find((m) => m.month === 24)!;
    expect(m24.shareTreated).toBeCloseTo(0.296, 3);
    expect(m24.shareControl).toBeCloseTo(0.423, 3);
  });
  it('survival input: Lin', () => {
    agrees(colon, ref.colon, 'lin');
  });
  it('complete follow-up on the same survival input is the biased rule, and says so', () => {
    const s = effectSeries(table(ref.colon.data), {
      ...colon,
      censoring: 'complete-followup',
      months: [24],
    });
    expect(s.months[0]!.shareControl).toBeLessThan(0.3); // vs 0.423 by Aalen–Johansen
    expect(s.warnings[0]).toMatch(/observation end.*censoring: 'ipcw'/);
  });
});

describe('IPCW weights (hand derivation)', () => {
  // T = [2, 3, 3, 5], status = [event, censored, event, censored]. Censoring KM with events
  // before censorings at month 3: at risk of censoring at 3 are the two clients with T ≥ 3 less
  // the event at 3, one is censored, Ĝ(3) = 1/2; at 5 the last client is censored, Ĝ(5) = 0.
  const time = [2, 3, 3, 5];
  const status = [1, 0, 1, 0];
  const g = censoringDistribution(time, status);
  it('Ĝ and Ĝ(t⁻)', () => {
    expect([...g.time]).toEqual([2, 3, 5]);
    expect([...g.surv]).toEqual([1, 0.5, 0]);
    expect(survivalBefore(g, 3)).toBe(1);
    expect(survivalBefore(g, 4)).toBe(0.5);
  });
  it('weights at month 4: events by 4 weigh 1/Ĝ(T⁻), the client observed at 4 weighs 1/Ĝ(4⁻), the one censored at 3 is unknown', () => {
    expect([...ipcwWeights(time, status, g, 4)]).toEqual([1, 0, 1, 2]);
    // Σ w = n and Σ w·y / n = 1 − KM(4) = 1 − (3/4)(2/3) = 1/2.
  });
});

describe('IPCW and complete follow-up', () => {
  const administrative = {
    arm: [
      'experiment',
      'control',
      'experiment',
      'control',
      'experiment',
      'control',
      'experiment',
      'control',
    ],
    followup_months: [6, 6, 6, 6, 6, 6, 6, 6],
    month_work: [1, 2, null, 3, 5, null, 2, null],
    x: [1, 2, 3, 1, 2, 5, 1, 4],
  };
  it('without censoring before the last month both rules give the same numbers', () => {
    for (const adjustment of ['ols', 'lin'] as const) {
      const spec = { event: 'month_work', covariates: ['x'], months: 6, adjustment };
      // The Wald interval (complete follow-up switches to Newcombe's for small counts by default;
      // the IPCW raw column is the Kaplan–Meier difference with its Greenwood SE).
      const a = effectSeries(table(administrative), { ...spec, rawInterval: 'wald' });
      const b = effectSeries(table(administrative), { ...spec, censoring: 'ipcw' });
      a.months.forEach((m, i) => {
        const n = b.months[i]!;
        expect([n.nTreated, n.nControl, n.eventsTreated, n.eventsControl]).toEqual([
          m.nTreated,
          m.nControl,
          m.eventsTreated,
          m.eventsControl,
        ]);
        for (const k of ['estimate', 'stdError', 'pValue'] as const) {
          expect(n.raw[k]).toBeCloseTo(m.raw[k], 12);
          expect(n.adjusted![k]).toBeCloseTo(m.adjusted![k], 12);
        }
        expect(n.adjusted!.df).toBe(m.adjusted!.df);
      });
    }
  });
  it('the Kaplan–Meier raw column matches R; Lin with a covariate is not the raw difference', () => {
    const data = table(ref.wide.data);
    const s = effectSeries(data, { event: 'month_bijstand', censoring: 'ipcw', months: 24 });
    const fit = effectSeries(data, {
      event: 'month_bijstand',
      censoring: 'ipcw',
      months: 24,
      covariates: ['age'],
      adjustment: 'lin',
    });
    // Lin with one covariate is not the raw difference; OLS on treatment alone is.
    expect(fit.months[23]!.adjusted!.estimate).not.toBeCloseTo(s.months[23]!.raw.estimate, 6);
    // (A constant covariate is refused since issue 12, so the weighted y ~ 1 + T fit is checked
    // against R's lm_robust with the same weights in the reference cases above.)
    expect(s.months[23]!.raw.estimate).toBeCloseTo(ref.wide.results[5]!.raw.estimate, 12);
  });
  it('censoringStrata: only with IPCW, and a missing stratum is named', () => {
    const t = table({ ...administrative, office: ['a', 'b', null, 'a', 'b', 'a', 'b', 'a'] });
    expect(() =>
      effectSeries(t, { event: 'month_work', censoringStrata: ['office'] }),
    ).toThrowError(/censoringStrata applies to censoring: 'ipcw' only/);
    expect(() =>
      effectSeries(t, { event: 'month_work', censoring: 'ipcw', censoringStrata: ['office'] }),
    ).toThrowError("censoring stratum column 'office' has missing values in row 3");
  });
  it('rejects an unknown censoring rule and an unknown destination', () => {
    const t = table(administrative);
    expect(() =>
      effectSeries(t, { event: 'month_work', censoring: 'kaplan' as 'ipcw' }),
    ).toThrowError(/censoring must be one of 'complete-followup', 'ipcw', got 'kaplan'/);
    const colon = table(ref.colon.data);
    try {
      effectSeries(colon, {
        time: 'time',
        status: 'status',
        event: 'relapse',
        arm: 'rx',
        treatment: 'Lev',
        control: 'Obs',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('unknown-level');
      expect((e as InputError).message).toContain('destinations present: recurrence, death');
    }
  });
  it('a month where an arm has nobody left is a clear error', () => {
    const t = table({
      arm: ['experiment', 'control', 'experiment', 'control'],
      followup_months: [2, 6, 2, 6],
      month_work: [null, 3, null, null],
    });
    expect(() =>
      effectSeries(t, { event: 'month_work', censoring: 'ipcw', months: [4] }),
    ).toThrowError(/no client of arm 'experiment' is still observed at month 4/);
  });
});

/**
 * Seeded simulation with independent censoring and a known effect. Two arms, a binary
 * prognostic covariate x, monthly event hazard h = 0.04 · (x ? 1.6 : 1) · (treated ? 0.7 : 1),
 * so the true P(event by 12) per arm is ½[1 − (1 − h₀)¹²] + ½[1 − (1 − h₁)¹²]. Censoring
 * (independent of the event; dropout differs by arm): potential follow-up uniform on 1…24
 * months and a monthly dropout of 3 % (experiment) or 5 % (control).
 *
 * - `survival`: the follow-up ends at the event (observation end) or at censoring;
 * - `potential`: administrative only (no dropout): the follow-up is the potential follow-up.
 */
function simulate(rng: Rng, n: number, shape: 'survival' | 'potential') {
  const arm: string[] = [];
  const x: number[] = [];
  const followup: number[] = [];
  const event: (number | null)[] = [];
  const geometric = (h: number) =>
    Math.max(1, Math.ceil(Math.log(1 - rng.next()) / Math.log(1 - h)));
  for (let i = 0; i < n; i++) {
    const treated = rng.bernoulli(0.5);
    const xi = rng.bernoulli(0.5) ? 1 : 0;
    const e = geometric(0.04 * (xi ? 1.6 : 1) * (treated ? 0.7 : 1));
    const potential = 1 + rng.int(24);
    const c =
      shape === 'survival' ? Math.min(potential, geometric(treated ? 0.03 : 0.05)) : potential;
    arm.push(treated ? 'experiment' : 'control');
    x.push(xi);
    event.push(e <= c ? e : null);
    followup.push(shape === 'survival' && e <= c ? e : c);
  }
  const id = arm.map((_, i) => `c${i + 1}`);
  return { id, arm, x, followup_months: followup, month_event: event };
}

const incidence = (h: number) => 1 - (1 - h) ** 12;
const truthControl = 0.5 * (incidence(0.04) + incidence(0.04 * 1.6));
const truth = 0.5 * (incidence(0.04 * 0.7) + incidence(0.04 * 1.6 * 0.7)) - truthControl;

describe('simulation: IPCW and Kaplan–Meier are unbiased, complete follow-up is not on survival-shaped follow-up', () => {
  const reps = 60;
  const n = 1200;
  const spec = { event: 'month_event', covariates: ['x'], months: [12] } as const;
  const summary = (values: number[], target = truth) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    return { bias: mean - target, mcse: sd / Math.sqrt(values.length) };
  };

  it('survival-shaped follow-up: the warning fires; IPCW and KM within Monte Carlo error; complete follow-up biased', () => {
    const rng = createRng('ipcw-survival');
    const ipcw: number[] = [];
    const km: number[] = [];
    const complete: number[] = [];
    let covered = 0;
    let warned = 0;
    for (let r = 0; r < reps; r++) {
      const data = table(simulate(rng, n, 'survival'));
      const w = effectSeries(data, { ...spec, censoring: 'ipcw' }).months[0]!;
      ipcw.push(w.adjusted!.estimate);
      km.push(w.raw.estimate);
      if (w.adjusted!.ci[0] <= truth && truth <= w.adjusted!.ci[1]) covered++;
      const c = effectSeries(data, spec);
      complete.push(c.months[0]!.adjusted!.estimate);
      if (c.warnings.length === 1 && checkExperiment(data).warnings.length === 1) warned++;
    }
    const a = summary(ipcw);
    const b = summary(km);
    const c = summary(complete);
    expect(Math.abs(a.bias)).toBeLessThan(3 * a.mcse);
    expect(Math.abs(b.bias)).toBeLessThan(3 * b.mcse);
    expect(Math.abs(c.bias)).toBeGreaterThan(10 * c.mcse); // toward 0: events are dropped
    expect(Math.abs(c.bias)).toBeGreaterThan(0.02);
    expect(warned).toBe(reps);
    expect(covered / reps).toBeGreaterThanOrEqual(0.9); // weights treated as known: ≥ nominal
  });

  it('potential follow-up: no warning; complete follow-up and IPCW within Monte Carlo error; counting the events of clients followed < m months (unweighted) is biased', () => {
    const rng = createRng('ipcw-potential');
    const ipcw: number[] = [];
    const complete: number[] = [];
    const completeControl: number[] = [];
    const neverDrop: number[] = [];
    let warned = 0;
    for (let r = 0; r < reps; r++) {
      const d = simulate(rng, n, 'potential');
      const data = table(d);
      ipcw.push(effectSeries(data, { ...spec, censoring: 'ipcw' }).months[0]!.raw.estimate);
      const c = effectSeries(data, spec);
      complete.push(c.months[0]!.raw.estimate);
      completeControl.push(c.months[0]!.shareControl);
      warned += c.warnings.length + checkExperiment(data).warnings.length;
      // The unweighted "known status" share: observed ≥ 12 months, or event by month 12.
      const share = (label: string) => {
        let k = 0;
        let y = 0;
        d.arm.forEach((a, i) => {
          const e = d.month_event[i];
          const known = d.followup_months[i]! >= 12 || (e !== null && e! <= 12);
          if (a !== label || !known) return;
          k++;
          if (e !== null && e! <= 12) y++;
        });
        return y / k;
      };
      neverDrop.push(share('control'));
      expect(
        followupPattern(
          Float64Array.from(d.followup_months),
          Float64Array.from(d.month_event, (e) => e ?? Number.NaN),
        ).survivalShaped,
      ).toBe(false);
    }
    const a = summary(ipcw);
    const c = summary(complete);
    const cc = summary(completeControl, truthControl);
    const u = summary(neverDrop, truthControl);
    expect(warned).toBe(0);
    expect(Math.abs(a.bias)).toBeLessThan(3 * a.mcse);
    expect(Math.abs(c.bias)).toBeLessThan(3 * c.mcse);
    expect(Math.abs(cc.bias)).toBeLessThan(3 * cc.mcse);
    // Keeping the events of clients followed < 12 months but not their non-events: too high.
    expect(u.bias).toBeGreaterThan(10 * u.mcse);
  });
});

describe('analyze: methods.censoring', () => {
  it('evaluate passes the rule to the effect series and the notes carry the warning of complete follow-up', async () => {
    const { evaluate, parsePlan } = await import('../../src/evaluate/index.js');
    const { evaluationSections } = await import('../../src/report/evaluation.js');
    const data = table(ref.wide.data).derive({ id: () => op.row_number() });
    const plan = (censoring: string) =>
      parsePlan({
        events: ['month_bijstand'],
        months: 12,
        covariates: ['age', 'gender'],
        methods: { censoring },
      });
    const ipcw = evaluate(data, plan('ipcw')).effects[0]!.series;
    expect(ipcw.censoring).toBe('ipcw');
    const direct = effectSeries(data, {
      event: 'month_bijstand',
      covariates: ['age', 'gender'],
      months: 12,
      censoring: 'ipcw',
    });
    expect(ipcw.months[11]!.adjusted!.estimate).toBe(direct.months[11]!.adjusted!.estimate);
    const result = evaluate(data, plan('complete-followup'));
    expect(result.effects[0]!.series.warnings).toHaveLength(1);
    const notes = evaluationSections(result).find((s) => s.id === 'effect')!.notes ?? [];
    expect(
      notes.some((n) =>
        n.startsWith("Warning: column 'followup_months' looks like an observation end"),
      ),
    ).toBe(true);
  });
});

describe('effectSeriesBy', () => {
  it('refuses IPCW rather than mixing it with a complete-follow-up heterogeneity test', async () => {
    const { effectSeriesBy } = await import('../../src/analysis/subgroups.js');
    expect(() =>
      effectSeriesBy(table(ref.wide.data), {
        event: 'month_bijstand',
        by: 'gender',
        censoring: 'ipcw',
      }),
    ).toThrowError(/does not support censoring: 'ipcw' yet/);
  });
});
