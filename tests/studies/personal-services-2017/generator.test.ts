import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PERSONAL_SERVICES_2017_PARAMS,
  PERSONAL_SERVICES_2017_SEEDS,
} from '../../../src/studies/personal-services-2017/params.js';
import { studyDatasets } from '../../../src/studies/registry.js';
import {
  generatePersonalServices2017,
  PERSONAL_SERVICES_2017_COLUMNS,
  SERVICES_MAX_FOLLOWUP,
} from '../../../src/studies.js';

const FILE = 'personal-services-2017.csv';
const dataDir = join(import.meta.dirname, '..', '..', '..', 'data');
const rows = generatePersonalServices2017(
  PERSONAL_SERVICES_2017_SEEDS,
  PERSONAL_SERVICES_2017_PARAMS,
);

describe(FILE, () => {
  it('regenerates byte for byte (SHA-256 in data/SHA256SUMS)', () => {
    const text = studyDatasets()
      .find((d) => d.file === FILE)!
      .generate();
    const hash = createHash('sha256').update(text).digest('hex');
    expect(hash).toBe('cdd44f0e9fe695938e4612d1b364aa92a5a302480033160c8eccbd9e2b4ee679');
    expect(readFileSync(join(dataDir, 'SHA256SUMS'), 'utf8')).toContain(`${hash}  ${FILE}`);
    const committed = createHash('sha256')
      .update(readFileSync(join(dataDir, FILE)))
      .digest('hex');
    expect(committed).toBe(hash);
  });

  it('has 60,000 clients drawn 80/10/10', () => {
    expect(rows).toHaveLength(60_000);
    const n = (arm: string) => rows.filter((r) => r.arm === arm).length;
    expect(n('service')).toBe(48_100);
    expect(n('control_enforcement')).toBe(5_974);
    expect(n('control_none')).toBe(5_926);
  });

  it('has pseudonymous ids in order of inflow, 1 Dec 2017 – 31 Dec 2018', () => {
    rows.forEach((r, i) => {
      expect(r.id).toBe(`PS${String(i + 1).padStart(6, '0')}`);
    });
    const dates = rows.map((r) => r.inflow_date);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]).toBe('2017-12-01');
    expect(dates.at(-1)).toBe('2018-12-31');
  });

  it('has well-typed columns in range', () => {
    // Plain checks collected per row (one expect per row would take seconds for 60,000 rows).
    const bad: string[] = [];
    const check = (ok: boolean, id: string, what: string) => {
      if (!ok) bad.push(`${id}: ${what}`);
    };
    const columns = PERSONAL_SERVICES_2017_COLUMNS.join(',');
    for (const r of rows) {
      check(Object.keys(r).join(',') === columns, r.id, 'columns');
      check(r.followup_months >= 1 && r.followup_months <= SERVICES_MAX_FOLLOWUP, r.id, 'followup');
      for (const m of [r.month_job, r.month_ww_exit]) {
        if (m !== null)
          check(Number.isInteger(m) && m >= 1 && m <= r.followup_months, r.id, 'month');
      }
      // WW lasts at most the entitlement.
      if (r.followup_months > r.ww_entitlement_months) {
        check(
          r.month_ww_exit !== null && r.month_ww_exit <= r.ww_entitlement_months + 1,
          r.id,
          'entitlement',
        );
      }
      const exit = r.month_ww_exit;
      const expected = exit !== null && exit <= 12 ? exit - 1 : r.followup_months >= 12 ? 12 : null;
      check(r.months_on_ww_12 === expected, r.id, 'months_on_ww_12');
      check(r.ww_entitlement_months >= 3 && r.ww_entitlement_months <= 24, r.id, 'entitlement');
      check(r.age >= 18 && r.age <= 66, r.id, 'age');
      check(r.prior_ww === 0 || r.prior_ww === 1, r.id, 'prior_ww');
    }
    expect(bad).toEqual([]);
  });

  it('is a pure function of seeds and parameters', () => {
    expect(
      generatePersonalServices2017(PERSONAL_SERVICES_2017_SEEDS, PERSONAL_SERVICES_2017_PARAMS),
    ).toEqual(rows);
    const other = generatePersonalServices2017(
      { ...PERSONAL_SERVICES_2017_SEEDS, outcomes: 2 },
      PERSONAL_SERVICES_2017_PARAMS,
    );
    expect(other.map((r) => r.arm)).toEqual(rows.map((r) => r.arm));
    expect(other).not.toEqual(rows);
  });
});
