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

  // The 2012 and 2017 files are regenerated, through the same registry entry, by their studies'
  // own generator tests (tests/studies/<study>/generator.test.ts), against the same SHA256SUMS
  // line and the committed file: generating them here as well only repeated that.
  const ownTest = new Set(['intensive-vs-basic-2012.csv', 'personal-services-2017.csv']);
  for (const d of studyDatasets().filter((x) => !ownTest.has(x.file))) {
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
    // Plain checks collected per row, one expect at the end: the same conditions as an expect
    // per value, which for 12,191 rows × 16 checks took seconds; a failure lists id and check.
    const bad: string[] = [];
    const check = (ok: boolean, id: string, what: string) => {
      if (!ok) bad.push(`${id}: ${what}`);
    };
    const columns = DEN_HAAG_COLUMNS.join(',');
    for (const r of rows) {
      check(Object.keys(r).join(',') === columns, r.id, 'columns');
      check(r.followup_months >= 1 && r.followup_months <= 24, r.id, 'followup_months');
      for (const m of [r.month_bijstand, r.month_work]) {
        if (m !== null) {
          check(Number.isInteger(m) && m >= 1 && m <= r.followup_months, r.id, 'month');
        }
      }
      check(r.risk > 0 && r.risk < 1, r.id, 'risk');
      check(r.ww_months_left <= r.ww_entitlement_months, r.id, 'ww_months_left');
      check(
        r.ww_entitlement_months >= 3 && r.ww_entitlement_months <= 24,
        r.id,
        'ww_entitlement_months',
      );
      check(r.prior_bijstand === 0 || r.prior_bijstand === 1, r.id, 'prior_bijstand');
      check(r.ww_supplement === 0 || r.ww_supplement === 1, r.id, 'ww_supplement');
      check(r.other_income === 0 || r.other_income === 1, r.id, 'other_income');
      check(
        (r.household === 'single') ===
          (r.household_type === 'single' || r.household_type === 'single_parent'),
        r.id,
        'household',
      );
    }
    expect(bad).toEqual([]);
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
