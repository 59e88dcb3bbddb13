/**
 * Separation in the scan's refit (issue 12: a municipality without cases gave a coefficient of
 * −13 and an O/E of 551,803): the levels are named, and the fit falls back to Firth's penalty or
 * pools them, agreeing with the R iteration in tests/reference/firth.R (firth.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitScan, InputError, scoreClients } from '../../src/index.js';
import { dataTable } from '../fixtures/shared.js';

const root = join(import.meta.dirname, '..', '..');
const ref = JSON.parse(readFileSync(join(root, 'tests/reference/firth.json'), 'utf8')).scan6000;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const name = (t: string) =>
  t.replace(/^household(.+)$/, 'household[$1]').replace(/^municipality(.+)$/, 'municipality[$1]');

describe('fitScan on 6,000 clients where Enschede and Zwolle have no cases', () => {
  let t: ColumnTable;
  beforeAll(async () => {
    t = (await dataTable('scan-population-2023.csv')).slice(0, 6000);
  });
  it('names the separated levels and refits with Firth (default), as the R iteration', () => {
    const fit = fitScan(t);
    const s = fit.separation;
    expect(s.fit).toBe('firth');
    const separated = s.levels.filter((l) => l.reason === 'no cases').map((l) => l.level);
    expect(separated).toEqual(['Enschede', 'Zwolle']);
    expect(s.levels.find((l) => l.level === 'Zwolle')).toMatchObject({ clients: 43, cases: 0 });
    expect(s.note).toContain('municipality = Enschede (67 clients, 0 cases: no cases)');
    expect(s.note).toContain('Firth');
    expect(fit.model.source).toMatch(/^Firth's penalised/);
    ref.terms.forEach((term: string, j: number) => {
      const c = fit.coefficients.find((x) => x.term === name(term))!;
      expect(rel(c.estimate, ref.firth[j])).toBeLessThan(1e-6);
      expect(rel(c.stdError, ref.firthSe[j])).toBeLessThan(1e-6);
    });
    // maximum likelihood (separation: 'none') gives glm's runaway coefficients
    const ml = fitScan(t, { separation: 'none' });
    expect(ml.separation.fit).toBe('ml');
    const zwolle = ml.coefficients.find((c) => c.term === 'municipality[Zwolle]')!.estimate;
    expect(zwolle).toBeLessThan(-10);
    expect(rel(zwolle, ref.ml[ref.terms.indexOf('municipalityZwolle')])).toBeLessThan(1e-3);
    expect(ml.separation.note).toContain('not meaningful');
  });
  it('pool: the levels are scored as the reference level, as glm without their dummies', () => {
    const fit = fitScan(t, { separation: 'pool', rareLevelMinCases: 0 });
    expect(fit.separation.fit).toBe('pooled');
    expect(fit.separation.note).toContain('municipality[Enschede], municipality[Zwolle]');
    ref.pooledTerms.forEach((term: string, j: number) => {
      const c = fit.coefficients.find((x) => x.term === name(term))!;
      expect(rel(c.estimate, ref.pooled[j])).toBeLessThan(1e-6);
    });
    expect(fit.model.terms.some((x) => x.name === 'municipality[Zwolle]')).toBe(false);
    // a Zwolle client scores as the same client in the reference municipality (Almere)
    const client = { ...t.object(0), municipality: 'Zwolle' };
    const [a] = scoreClients(fit.model, [client]);
    const [b] = scoreClients(fit.model, [{ ...client, municipality: 'Almere' }]);
    expect(a).toBe(b);
  });
  it('bad options are InputErrors', () => {
    expect(() => fitScan(t, { separation: 'drop' as never })).toThrow(InputError);
    expect(() => fitScan(t, { rareLevelMinCases: -1 })).toThrow(/rareLevelMinCases/);
  });
});
