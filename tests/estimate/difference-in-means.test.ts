// differenceInMeans() against estimatr::difference_in_means (tests/reference/regress.R →
// regress.json): standard, blocked, clustered, block-clustered and matched-pair designs.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { differenceInMeans } from '../../src/index.js';
import { expectClose, report, TOL, TOL_P } from './reference.js';

interface DimRef {
  estimate: number;
  std_error: number;
  statistic: number;
  df: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
  n: number;
  design: string;
  n_blocks: number | null;
  n_clusters: number | null;
}
const ref: {
  data: Record<string, (number | string)[]>;
  pairs_data: Record<string, (number | string)[]>;
  dim: Record<string, DimRef>;
} = JSON.parse(readFileSync(new URL('../reference/regress.json', import.meta.url), 'utf8'));
const toRows = (d: Record<string, (number | string)[]>) => {
  const cols = Object.keys(d);
  return d[cols[0]!]!.map((_, i) => Object.fromEntries(cols.map((c) => [c, d[c]![i]])));
};
const rows = toRows(ref.data);
const pairRows = toRows(ref.pairs_data);

afterAll(report);

function expectDim(d: ReturnType<typeof differenceInMeans>, r: DimRef, label: string) {
  expect(d.design).toBe(r.design);
  expectClose(d.estimate, r.estimate, TOL, `${label} estimate`);
  expectClose(d.stdError, r.std_error, TOL, `${label} SE`);
  expectClose(d.statistic, r.statistic, TOL, `${label} statistic`);
  expectClose(d.df, r.df, TOL, `${label} df`);
  expectClose(d.ci[0], r.conf_low, TOL, `${label} CI`);
  expectClose(d.ci[1], r.conf_high, TOL, `${label} CI`);
  expectClose(d.pValue, r.p_value, TOL_P, `${label} p`);
  expect(d.n).toBe(r.n);
  if (r.n_blocks !== null) expect(d.nBlocks).toBe(r.n_blocks);
  if (r.n_clusters) expect(d.nClusters).toBe(r.n_clusters);
}

describe('differenceInMeans equals estimatr::difference_in_means', () => {
  it('standard (Neyman SE, Welch df), also at level 0.90', () => {
    expectDim(
      differenceInMeans(rows, { outcome: 'y', treatment: 'tind' }),
      ref.dim.standard!,
      'dim standard',
    );
    expectDim(
      differenceInMeans(rows, { outcome: 'y', treatment: 'tind', level: 0.9 }),
      ref.dim.standard_level90!,
      'dim standard',
    );
  });
  it('blocked', () => {
    expectDim(
      differenceInMeans(rows, { outcome: 'y', treatment: 'tind', blocks: 'site' }),
      ref.dim.blocked!,
      'dim blocked',
    );
  });
  it('clustered (CR2, Bell–McCaffrey df)', () => {
    expectDim(
      differenceInMeans(rows, { outcome: 'y', treatment: 'treat', clusters: 'office' }),
      ref.dim.clustered!,
      'dim clustered',
    );
  });
  it('block-clustered', () => {
    expectDim(
      differenceInMeans(rows, {
        outcome: 'y',
        treatment: 'treat',
        blocks: 'site',
        clusters: 'office',
      }),
      ref.dim.block_clustered!,
      'dim block-clustered',
    );
  });
  it('matched pairs of clusters and of units', () => {
    expectDim(
      differenceInMeans(rows, {
        outcome: 'y',
        treatment: 'treat',
        blocks: 'pair',
        clusters: 'office',
      }),
      ref.dim.pair_clustered!,
      'dim pair-clustered',
    );
    expectDim(
      differenceInMeans(pairRows, { outcome: 'y', treatment: 't', blocks: 'pair' }),
      ref.dim.pairs!,
      'dim pairs',
    );
  });
});

describe('differenceInMeans: arms, display and input checks', () => {
  it('labels: the two sorted values, or the ones named; other arms counted', () => {
    const d = differenceInMeans(rows, {
      outcome: 'y',
      treatment: 'arm',
      control: 'control',
      treated: 'training',
    });
    expect(d.excluded.otherArms).toBe(rows.filter((r) => r.arm === 'coaching').length);
    expect(d.treated).toBe('training');
    expect(() => differenceInMeans(rows, { outcome: 'y', treatment: 'arm' })).toThrow(/has 3 arms/);
    expect(() =>
      differenceInMeans(rows, { outcome: 'y', treatment: 'arm', treated: 'nobody' }),
    ).toThrow(/the treated arm 'nobody'/);
    expect(d.toMarkdown()).toContain('training − control');
  });
  it('rejects unknown keys, mixed clusters and single-unit blocks', () => {
    expect(() =>
      differenceInMeans(rows, { outcome: 'y', treatment: 'treat', block: 'site' } as never),
    ).toThrow(/unknown option "block" \(did you mean "blocks"\?\)/);
    expect(() =>
      differenceInMeans(rows, { outcome: 'y', treatment: 'tind', clusters: 'office' }),
    ).toThrow(/hold both arms/);
    const lone = [...pairRows, { pair: 'q99', t: 1, y: 3 }];
    expect(() => differenceInMeans(lone, { outcome: 'y', treatment: 't', blocks: 'pair' })).toThrow(
      /block q99 has a single unit/,
    );
  });
});
