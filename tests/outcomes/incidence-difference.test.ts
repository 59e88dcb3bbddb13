import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { incidenceDifference } from '../../src/outcomes/incidence-difference.js';
import { clientTable, type IncidenceRef, ref, worstRel } from './survival-reference.js';

type Result = ReturnType<typeof incidenceDifference>;

/** Compares months 1…24 with R's summary(survfit, times = 1:24, extend = TRUE). */
function compare(fit: Result, r: IncidenceRef): number {
  const rows = fit.months.filter((m) => m.month <= 24);
  const pick = (f: (m: Result['months'][number]) => number) => rows.map(f);
  const arm = (
    which: 'treatment' | 'control',
    key: 'incidence' | 'stdError' | 'lo' | 'hi' | 'atRisk',
  ) =>
    pick((m) => {
      const a = m[which];
      if (!a.estimable) return Number.NaN;
      if (key === 'lo') return a.ci[0];
      if (key === 'hi') return a.ci[1];
      return a[key];
    });
  expect(arm('treatment', 'atRisk')).toEqual(r.experiment.n_risk);
  expect(arm('control', 'atRisk')).toEqual(r.control.n_risk);
  const d = (k: 'estimate' | 'stdError' | 'statistic' | 'pValue') => pick((m) => m.difference![k]);
  const worst = Math.max(
    worstRel(arm('treatment', 'incidence'), r.experiment.incidence),
    worstRel(arm('treatment', 'stdError'), r.experiment.std_err),
    worstRel(arm('treatment', 'lo'), r.experiment.lower),
    worstRel(arm('treatment', 'hi'), r.experiment.upper),
    worstRel(arm('control', 'incidence'), r.control.incidence),
    worstRel(arm('control', 'stdError'), r.control.std_err),
    worstRel(arm('control', 'lo'), r.control.lower),
    worstRel(arm('control', 'hi'), r.control.upper),
    worstRel(d('estimate'), r.difference.estimate),
    worstRel(d('stdError'), r.difference.std_err),
    worstRel(d('statistic'), r.difference.statistic),
    worstRel(
      pick((m) => m.difference!.ci[0]),
      r.difference.ci_lower,
    ),
    worstRel(
      pick((m) => m.difference!.ci[1]),
      r.difference.ci_upper,
    ),
  );
  expect(worst).toBeLessThan(1e-8);
  expect(worstRel(d('pValue'), r.difference.p_value)).toBeLessThan(1e-6);
  return worst;
}

describe('incidenceDifference agrees with R survfit (summary, times, extend = TRUE)', () => {
  it('1 − Kaplan–Meier, integer months with ties and censoring', () => {
    const fit = incidenceDifference(clientTable(ref.clients), { event: 'month_work' });
    expect(compare(fit, ref.incidence.single)).toBeLessThan(1e-12);
    expect(fit.n).toEqual({ treatment: 214, control: 186 });
    expect(fit.method).toContain('Kaplan–Meier');
  });

  it('Aalen–Johansen with bijstand competing (infinitesimal-jackknife SE)', () => {
    const fit = incidenceDifference(clientTable(ref.clients), {
      event: 'month_work',
      competing: ['month_bijstand'],
    });
    compare(fit, ref.incidence.competing);
    expect(fit.method).toContain('Aalen–Johansen');
  });

  it('after the last event the curve keeps its last value, as extend = TRUE', () => {
    const fit = incidenceDifference(clientTable(ref.early), { event: 'month_work' });
    compare(fit, ref.incidence.early);
    const m10 = fit.get(10)!.control;
    const m24 = fit.get(24)!.control;
    expect(m10.estimable && m24.estimable).toBe(true);
    if (m10.estimable && m24.estimable) expect(m24.incidence).toBe(m10.incidence);
  });

  it('months after the longest follow-up are not estimable, with the reason, not refused', () => {
    const fit = incidenceDifference(clientTable(ref.clients), {
      event: 'month_work',
      months: [12, 24, 25, 30],
    });
    expect(fit.months.map((m) => m.month)).toEqual([12, 24, 25, 30]);
    expect(fit.get(24)!.difference).not.toBeNull();
    const m25 = fit.get(25)!;
    expect(m25.difference).toBeNull();
    expect(m25.treatment.estimable).toBe(false);
    expect(m25.reason).toBe(
      'experiment: after the longest follow-up (24 months); control: after the longest follow-up (24 months)',
    );
    const row = fit.toTable().find((r) => r.month === 25)!;
    expect(row.difference_estimate).toBeNull();
    expect(row.not_estimable).toBe(m25.reason);
    expect(fit.toMarkdown()).toContain('Month 25 not estimable');
  });

  it('shows itself as a table with the method', () => {
    const fit = incidenceDifference(clientTable(ref.clients), { event: 'month_work', months: 3 });
    const md = fit.toMarkdown();
    expect(md).toContain('Cumulative incidence of month_work');
    expect(md).toContain('Greenwood');
    expect(fit.toHTML()).toContain('<table');
    expect(fit.toTable()).toHaveLength(3);
  });

  it('bad input is an InputError naming the column, rows and value', () => {
    const c = ref.clients;
    expect(() =>
      incidenceDifference(clientTable(c), { event: 'month_work', monhts: 12 } as never),
    ).toThrow(/unknown key "monhts" \(did you mean "months"\?\)/);
    const bad = clientTable({ ...c, month_work: c.month_work.map((m, i) => (i === 4 ? 30 : m)) });
    expect(() => incidenceDifference(bad, { event: 'month_work' })).toThrow(InputError);
    expect(() => incidenceDifference(clientTable(c), { event: 'month_wrok' })).toThrow(
      /month_wrok/,
    );
    expect(() => incidenceDifference(clientTable(c), { event: 'month_work', months: [0] })).toThrow(
      /months must be whole numbers ≥ 1, got 0/,
    );
    expect(() =>
      incidenceDifference(clientTable(c), { event: 'month_work', treatment: 'intensive' }),
    ).toThrow(/intensive/);
  });

  it('same-month event and competing destination: an error unless tiePriority says', () => {
    const c = ref.clients;
    const i = c.month_work.findIndex((m) => m !== null);
    const tied = clientTable({
      ...c,
      month_bijstand: c.month_bijstand.map((m, j) => (j === i ? c.month_work[i]! : m)),
    });
    const spec = { event: 'month_work', competing: ['month_bijstand'], months: 3 };
    expect(() => incidenceDifference(tied, spec)).toThrow(new RegExp(`row ${i + 1}`));
    expect(() => incidenceDifference(tied, { ...spec, tiePriority: ['month_work'] })).not.toThrow();
  });
});
