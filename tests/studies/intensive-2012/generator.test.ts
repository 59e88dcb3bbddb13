import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidBsn } from '../../../src/assign/bsn.js';
import {
  CONVERSATION_MONTH,
  generateIntensive2012,
  INTENSIVE_2012_COLUMNS,
  INTENSIVE_2012_COUNTS,
  type Intensive2012Row,
  intensive2012ToCsv,
} from '../../../src/studies/intensive-2012/generator.js';
import {
  INTENSIVE_2012_PARAMS,
  INTENSIVE_2012_SEED,
} from '../../../src/studies/intensive-2012/params.js';
import { studyDatasets } from '../../../src/studies/registry.js';

const FILE = 'intensive-vs-basic-2012.csv';
const dataDir = join(import.meta.dirname, '..', '..', '..', 'data');
const rows = generateIntensive2012(INTENSIVE_2012_SEED, INTENSIVE_2012_PARAMS);
const C = INTENSIVE_2012_COUNTS;

function count(arm: string, pred: (r: Intensive2012Row) => boolean): number {
  return rows.filter((r) => r.arm === arm && pred(r)).length;
}

describe('intensive-vs-basic-2012.csv', () => {
  it('regenerates byte for byte (SHA-256 in data/SHA256SUMS)', () => {
    const text = intensive2012ToCsv(rows);
    const hash = createHash('sha256').update(text).digest('hex');
    const line = readFileSync(join(dataDir, 'SHA256SUMS'), 'utf8')
      .split('\n')
      .find((l) => l.endsWith(`  ${FILE}`));
    expect(line?.slice(0, 64)).toBe(hash);
    const onDisk = createHash('sha256')
      .update(readFileSync(join(dataDir, FILE)))
      .digest('hex');
    expect(onDisk).toBe(hash);
    // a second run, the registry's (what `npm run data` writes), gives the same bytes
    const again = studyDatasets()
      .find((d) => d.file === FILE)!
      .generate();
    expect(again).toBe(text);
  });

  it('has the documented columns', () => {
    const header = readFileSync(join(dataDir, FILE), 'utf8').split('\n', 1)[0];
    expect(header).toBe(INTENSIVE_2012_COLUMNS.join(','));
  });

  it('has the published arm sizes and Table 5.1 counts', () => {
    expect(rows).toHaveLength(9237);
    for (const arm of ['basic', 'intensive'] as const) {
      expect(count(arm, () => true)).toBe(C.arm[arm]);
      for (const [g, n] of Object.entries(C.gender[arm]))
        expect(count(arm, (r) => r.gender === g)).toBe(n);
      for (const [a, n] of Object.entries(C.age[arm]))
        expect(count(arm, (r) => r.age_band === a)).toBe(n);
      for (const [h, n] of Object.entries(C.household[arm])) {
        expect(count(arm, (r) => r.household === h)).toBe(n);
      }
      C.office[arm].forEach((n, o) => {
        expect(count(arm, (r) => r.office === o + 1)).toBe(n);
      });
    }
  });

  it('has the published conversation counts among those still on WW (Tables 4.3–4.6)', () => {
    for (const arm of ['basic', 'intensive'] as const) {
      for (const [cat, n] of Object.entries(C.conv4[arm]))
        expect(count(arm, (r) => r.conv_m4 === cat)).toBe(n);
      for (const key of ['conv7', 'conv10', 'conv12'] as const) {
        const col = key === 'conv7' ? 'conv_m7' : key === 'conv10' ? 'conv_m10' : 'conv_m12';
        const [held, total] = C[key][arm];
        expect(count(arm, (r) => r[col] === 'held')).toBe(held);
        expect(count(arm, (r) => r[col] !== null)).toBe(total);
      }
    }
  });

  it('records a conversation only for clients still on WW at that point', () => {
    const cols = {
      conv4: 'conv_m4',
      conv7: 'conv_m7',
      conv10: 'conv_m10',
      conv12: 'conv_m12',
    } as const;
    for (const [key, month] of Object.entries(CONVERSATION_MONTH)) {
      const col = cols[key as keyof typeof cols];
      for (const r of rows) {
        if (r.month_exit !== null && r.month_exit < month) expect(r[col]).toBeNull();
        if (r.month_exit === null || r.month_exit > month) expect(r[col]).not.toBeNull();
      }
    }
  });

  it('gives every client a distinct BSN that passes the eleven test, with exactly 30 parity errors', () => {
    expect(new Set(rows.map((r) => r.bsn)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.bsn).toMatch(/^000\d{6}$/);
      expect(isValidBsn(r.bsn)).toBe(true);
    }
    const wrong = rows.filter(
      (r) => (Number(r.bsn.at(-1)) % 2 === 1 ? 'intensive' : 'basic') !== r.arm,
    );
    expect(wrong).toHaveLength(30);
    expect(wrong.filter((r) => r.arm === 'basic')).toHaveLength(C.parityErrors.basic);
  });

  it('keeps dates, follow-up and events consistent', () => {
    for (const r of rows) {
      expect(r.entry_date >= '2012-07-23' && r.entry_date <= '2013-04-01').toBe(true);
      const days = (Date.parse(r.entry_date) - Date.parse(r.benefit_start_date)) / 86_400_000;
      expect(days).toBe(91);
      expect(r.followup_months).toBeGreaterThanOrEqual(13);
      if (r.month_exit !== null) {
        expect(r.month_exit).toBeGreaterThanOrEqual(4);
        expect(r.month_exit).toBeLessThanOrEqual(r.followup_months);
      }
      if (r.month_job !== null) expect(r.month_job).toBe(r.month_exit);
      if (r.back_on_benefit === 1) expect(r.month_exit).not.toBeNull();
      for (const v of [r.months_on_benefit, r.months_in_job, r.months_other]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(r.months_observed_from_entry);
      }
      expect(r.n_jobs === null).toBe(r.months_in_job === 0);
    }
  });
});
