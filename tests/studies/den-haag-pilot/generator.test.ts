import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { studyDatasets } from '../../../src/studies/registry.js';
import {
  DEN_HAAG_COLUMNS,
  DEN_HAAG_COUNTS,
  DEN_HAAG_PARAMS,
  DEN_HAAG_SEEDS,
  type DenHaagRow,
  generateDenHaag,
  generateNationalBenchmark,
} from '../../../src/studies.js';

const dataDir = join(import.meta.dirname, '..', '..', '..', 'data');
const sums = new Map(
  readFileSync(join(dataDir, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [hash, file] = line.split(/\s+/);
      return [file!, hash!] as const;
    }),
);

describe('data files', () => {
  it('SHA256SUMS lists every generated file', () => {
    expect([...sums.keys()].sort()).toEqual(
      studyDatasets()
        .map((d) => d.file)
        .sort(),
    );
  });

  for (const d of studyDatasets()) {
    it(`regenerates ${d.file} byte for byte`, () => {
      const text = d.generate();
      const hash = createHash('sha256').update(text).digest('hex');
      expect(hash).toBe(sums.get(d.file));
      const committed = createHash('sha256')
        .update(readFileSync(join(dataDir, d.file)))
        .digest('hex');
      expect(committed).toBe(hash);
    });
  }
});

describe('den-haag-pilot', () => {
  const rows = generateDenHaag(DEN_HAAG_SEEDS, DEN_HAAG_PARAMS);
  const count = (f: (r: DenHaagRow) => boolean) => rows.filter(f).length;

  it('has the published sizes', () => {
    expect(rows).toHaveLength(12_191);
    expect(count((r) => r.arm === 'experiment')).toBe(9_788);
    expect(count((r) => r.arm === 'control')).toBe(2_403);
    expect(count((r) => r.decile === 1 && r.arm === 'experiment')).toBe(978);
    expect(count((r) => r.decile === 1 && r.arm === 'control')).toBe(240);
    for (let d = 2; d <= 10; d++) {
      const n = count((r) => r.decile === d);
      expect(n).toBeGreaterThanOrEqual(1219);
      expect(n).toBeLessThanOrEqual(1220);
    }
  });

  it('has the Table 2 participation counts in decile 1', () => {
    for (const arm of ['experiment', 'control'] as const) {
      const expected = DEN_HAAG_COUNTS.participationDecile1[arm];
      for (const [status, n] of Object.entries(expected)) {
        expect(count((r) => r.decile === 1 && r.arm === arm && r.participation === status)).toBe(n);
      }
    }
    expect(
      count((r) => r.arm === 'control' && r.decile > 1 && r.participation !== 'not_assessed'),
    ).toBe(0);
  });

  it('has unique pseudonymous ids, sorted', () => {
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^DH\d{6}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('has well-typed columns in range', () => {
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(DEN_HAAG_COLUMNS);
      expect(r.followup_months).toBeGreaterThanOrEqual(1);
      expect(r.followup_months).toBeLessThanOrEqual(24);
      for (const m of [r.month_bijstand, r.month_work]) {
        if (m !== null) {
          expect(Number.isInteger(m)).toBe(true);
          expect(m).toBeGreaterThanOrEqual(1);
          expect(m).toBeLessThanOrEqual(r.followup_months);
        }
      }
      expect(r.risk).toBeGreaterThan(0);
      expect(r.risk).toBeLessThan(1);
      expect(r.ww_months_left).toBeLessThanOrEqual(r.ww_entitlement_months);
      expect(r.ww_entitlement_months).toBeGreaterThanOrEqual(3);
      expect(r.ww_entitlement_months).toBeLessThanOrEqual(24);
      expect([0, 1]).toContain(r.prior_bijstand);
      expect([0, 1]).toContain(r.ww_supplement);
      expect([0, 1]).toContain(r.other_income);
      expect(r.household === 'single').toBe(
        r.household_type === 'single' || r.household_type === 'single_parent',
      );
    }
  });

  it('orders deciles by risk (decile 1 = highest)', () => {
    const minRisk = (d: number) =>
      Math.min(...rows.filter((r) => r.decile === d).map((r) => r.risk));
    const maxRisk = (d: number) =>
      Math.max(...rows.filter((r) => r.decile === d).map((r) => r.risk));
    for (let d = 1; d < 10; d++) expect(minRisk(d)).toBeGreaterThanOrEqual(maxRisk(d + 1));
  });

  it('has the complete-follow-up month-24 counts of decile 1 (95/229 and 322/938)', () => {
    const at24 = (arm: string) =>
      rows.filter((r) => r.decile === 1 && r.arm === arm && r.followup_months >= 24);
    const c = at24('control');
    const e = at24('experiment');
    expect(c).toHaveLength(229);
    expect(e).toHaveLength(938);
    expect(c.filter((r) => r.month_bijstand !== null).length).toBe(95);
    expect(e.filter((r) => r.month_bijstand !== null).length).toBe(322);
  });

  it('is a pure function of seeds and parameters', () => {
    const again = generateDenHaag(DEN_HAAG_SEEDS, DEN_HAAG_PARAMS);
    expect(again).toEqual(rows);
    const other = generateDenHaag({ ...DEN_HAAG_SEEDS, experiment: 1 }, DEN_HAAG_PARAMS);
    expect(other).not.toEqual(rows);
  });
});

describe('den-haag-national-benchmark', () => {
  const rows = generateNationalBenchmark();
  it('runs months 1–24, rising to 7,742 clients (almost 30 %)', () => {
    expect(rows.map((r) => r.month)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(rows.at(-1)!.clients).toBe(7_742);
    expect(rows.at(-1)!.share).toBeGreaterThan(0.29);
    expect(rows.at(-1)!.share).toBeLessThan(0.3);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.clients).toBeGreaterThan(rows[i - 1]!.clients);
  });
});
