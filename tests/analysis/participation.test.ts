import { describe, expect, it } from 'vitest';
import { participationTable } from '../../src/analysis/participation.js';
import { InputError } from '../../src/errors.js';

// Decile 1 of the Den Haag pilot, Table 2: experiment 206 / 438 / 213 / 121, control 232 / 0 / 0 / 8.
function decile1(): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const add = (arm: string, participation: string, count: number) => {
    for (let i = 0; i < count; i++) rows.push({ arm, participation });
  };
  add('experiment', 'not_assessed', 206);
  add('experiment', 'assessed_no_conversation', 438);
  add('experiment', 'uwv_conversation', 213);
  add('experiment', 'three_way_conversation', 121);
  add('control', 'not_assessed', 232);
  add('control', 'three_way_conversation', 8);
  return rows;
}

const categories = [
  { value: 'not_assessed', label: 'not assessed, no conversation' },
  { value: 'assessed_no_conversation', label: 'assessed, no conversation' },
  { value: 'assessed_conversation', label: 'assessed, conversation' },
  {
    value: 'uwv_conversation',
    label: 'UWV conversation only',
    parent: 'assessed_conversation',
  },
  {
    value: 'three_way_conversation',
    label: 'one or more three-way conversations',
    parent: 'assessed_conversation',
  },
];

function catchError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('participationTable on the published decile-1 counts (Table 2)', () => {
  const t = participationTable(decile1(), { categories, received: ['assessed_conversation'] });

  it('counts and shares per arm, groups summing their sub-categories', () => {
    expect(t.n).toEqual({ treatment: 978, control: 240 });
    const byCat = Object.fromEntries(t.rows.map((r) => [r.category, r]));
    expect(byCat.not_assessed!.treatment).toEqual({ count: 206, share: 206 / 978 });
    expect(byCat.not_assessed!.control).toEqual({ count: 232, share: 232 / 240 });
    expect(byCat.assessed_no_conversation!.control.count).toBe(0);
    expect(byCat.assessed_conversation!.treatment.count).toBe(334);
    expect(byCat.assessed_conversation!.control.count).toBe(8);
    expect(byCat.assessed_conversation!.group).toBe(true);
    expect(byCat.uwv_conversation!.parent).toBe('assessed_conversation');
    expect(byCat.uwv_conversation!.depth).toBe(1);
    expect(byCat.three_way_conversation!.received).toBe(true);
    expect(byCat.not_assessed!.received).toBe(false);
  });

  it('received-service difference: 34.2 % − 3.3 % = 30.8 pp ("31 pp"), unpooled z test', () => {
    const r = t.received;
    expect(r.treatment.count).toBe(334);
    expect(r.control.count).toBe(8);
    const p1 = 334 / 978;
    const p2 = 8 / 240;
    expect(r.difference.estimate).toBe(p1 - p2);
    expect(r.difference.estimate).toBeCloseTo(0.30818, 5);
    expect(Math.round(r.difference.estimate * 100)).toBe(31);
    const se = Math.sqrt((p1 * (1 - p1)) / 978 + (p2 * (1 - p2)) / 240);
    expect(r.difference.stdError).toBeCloseTo(se, 15);
    expect(r.difference.stars).toBe('**');
    expect(r.difference.n).toBe(1218);
  });

  it('the same difference when the leaves are listed as received', () => {
    const leaves = participationTable(decile1(), {
      categories,
      received: ['uwv_conversation', 'three_way_conversation'],
    });
    expect(leaves.received.difference.estimate).toBe(t.received.difference.estimate);
  });

  it('Markdown in the report layout: "21 % (206)", sub-categories "– of which"', () => {
    const md = t.toMarkdown();
    expect(md).toContain('| status | experiment (n = 978) | control (n = 240) |');
    expect(md).toContain('| not assessed, no conversation | 21 % (206) | 97 % (232) |');
    expect(md).toContain('| assessed, no conversation | 45 % (438) | – |');
    expect(md).toContain('| assessed, conversation | 34 % (334) | 3 % (8) |');
    // Plain rounding: 213/978 = 21.8 % and 121/978 = 12.4 % (the report prints 21 % and 13 %).
    expect(md).toContain('| – of which UWV conversation only | 22 % (213) | – |');
    expect(md).toContain(
      '| – of which one or more three-way conversations | 12 % (121) | 3 % (8) |',
    );
    expect(md).toContain('34.2 % − 3.3 % = 30.8 pp**');
    expect(md).toContain('unpooled (Neyman) SE');
  });

  it('toTable: one row per category plus the received row with the difference', () => {
    const rows = t.toTable();
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({
      category: 'not_assessed',
      count_treated: 206,
      count_control: 232,
    });
    expect(rows[5]).toMatchObject({ category: 'received', count_treated: 334, count_control: 8 });
    expect(rows[5]!.estimate).toBe(t.received.difference.estimate);
  });

  it('pooled SE on request', () => {
    const pooled = participationTable(decile1(), {
      categories,
      received: ['assessed_conversation'],
      pooled: true,
    });
    const pBar = 342 / 1218;
    expect(pooled.received.difference.stdError).toBeCloseTo(
      Math.sqrt(pBar * (1 - pBar) * (1 / 978 + 1 / 240)),
      15,
    );
  });
});

describe('participationTable input handling', () => {
  it('unknown values: error naming value and rows, or an `other` bucket', () => {
    const rows = [...decile1(), { arm: 'control', participation: 'ziek' }];
    const e = catchError(() =>
      participationTable(rows, { categories, received: ['assessed_conversation'] }),
    );
    expect(e.code).toBe('unknown-level');
    expect(e.message).toContain("'ziek' (row 1219)");
    expect(e.rows).toEqual([1219]);
    const t = participationTable(rows, {
      categories,
      received: ['assessed_conversation'],
      unknown: 'other',
    });
    const other = t.rows.find((r) => r.category === 'other')!;
    expect(other.control.count).toBe(1);
    expect(other.received).toBe(false);
    expect(t.n.control).toBe(241);
    // Without unknown values the automatic `other` row is not shown.
    const clean = participationTable(decile1(), {
      categories,
      received: ['assessed_conversation'],
      unknown: 'other',
    });
    expect(clean.rows.map((r) => r.category)).not.toContain('other');
  });

  it('missing participation: error, or excluded and reported', () => {
    const rows = [...decile1(), { arm: 'experiment', participation: '' }];
    const e = catchError(() =>
      participationTable(rows, { categories, received: ['assessed_conversation'] }),
    );
    expect(e.code).toBe('missing-value');
    expect(e.message).toContain('row 1219');
    const t = participationTable(rows, {
      categories,
      received: ['assessed_conversation'],
      missing: 'exclude',
    });
    expect(t.n.treatment).toBe(978);
    expect(t.excluded).toEqual([{ reason: "missing 'participation'", count: 1 }]);
  });

  it('other arms are excluded and reported', () => {
    const rows = [...decile1(), { arm: 'pilot', participation: 'not_assessed' }];
    const t = participationTable(rows, { categories, received: ['assessed_conversation'] });
    expect(t.excluded).toEqual([{ reason: "arm not 'experiment' or 'control'", count: 1 }]);
  });

  it('no control arm / unknown column / bad category lists', () => {
    const onlyExperiment = decile1().filter((r) => r.arm === 'experiment');
    const e = catchError(() =>
      participationTable(onlyExperiment, { categories, received: ['assessed_conversation'] }),
    );
    expect(e.code).toBe('unknown-arm');
    expect(e.message).toBe(
      "arm 'control' does not occur in column 'arm'; labels present: experiment",
    );
    const col = catchError(() =>
      participationTable(decile1(), {
        categories,
        received: ['assessed_conversation'],
        participation: 'deelname',
      }),
    );
    expect(col.code).toBe('missing-column');
    expect(col.message).toContain("'deelname'");
    expect(
      catchError(() => participationTable(decile1(), { categories, received: ['ziek'] })).message,
    ).toContain("received names 'ziek'");
    expect(
      catchError(() =>
        participationTable(decile1(), {
          categories: [{ value: 'a', parent: 'b' }, 'b'],
          received: ['a'],
        }),
      ).message,
    ).toContain("names parent 'b', which is not listed before it");
    expect(
      catchError(() => participationTable(decile1(), { categories: ['a', 'a'], received: ['a'] }))
        .message,
    ).toContain("'a' is listed twice");
  });

  it('an arm whose clients all lack a participation value is empty', () => {
    const rows = [
      ...decile1().filter((r) => r.arm === 'experiment'),
      { arm: 'control', participation: '' },
    ];
    const e = catchError(() =>
      participationTable(rows, {
        categories,
        received: ['assessed_conversation'],
        missing: 'exclude',
      }),
    );
    expect(e.code).toBe('empty-group');
    expect(e.message).toContain("arm 'control' has no clients");
  });
});
