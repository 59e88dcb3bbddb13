/**
 * Coverage of 95 % confidence intervals for the treatment effect in a cluster-randomised trial
 * (offices randomised, clients analysed): HC2 (independent clients) against CR2 (clusters, with
 * its Satterthwaite df) and CR0 / stata (S − 1 df). Seeded; the small version runs in
 * tests/estimate/cluster-coverage.test.ts, the large one here:
 *   npx tsx bench/cluster-coverage.ts
 * and gives the figures quoted in docs/methods.md.
 */
import { type ClusterSeType, clusterVcov, groupsOf } from '../src/estimate/cluster-vcov.js';
import { olsPrepare, olsRobustVcov, olsSolve } from '../src/estimate/ols.js';
import { studentTQuantile } from '../src/stats/distributions.js';
import { createRng } from '../src/stats/random.js';

/** The simulated design. */
export interface ClusterDesign {
  /** Number of clusters (half treated). */
  readonly clusters: number;
  /** Clients per cluster. */
  readonly size: number;
  /** Intra-cluster correlation of the outcome. */
  readonly icc: number;
  readonly replications: number;
  readonly seed: number;
}

/** Share of replications whose 95 % CI covers the true effect (0), per SE type. */
export type Coverage = Record<'HC2' | ClusterSeType, number>;

/**
 * y = u_c + e_i (true effect 0) with u_c ~ N(0, icc), e_i ~ N(0, 1 − icc), a client covariate
 * x ~ N(0, 1); y ~ 1 + t + x fitted per replication.
 *
 * @example
 * clusterCoverage({ clusters: 20, size: 10, icc: 0.2, replications: 200, seed: 1 }).HC2 // ≈ 0.7
 */
export function clusterCoverage(d: ClusterDesign): Coverage {
  const rng = createRng(d.seed);
  const n = d.clusters * d.size;
  const office = Array.from({ length: n }, (_, i) => Math.floor(i / d.size));
  const groups = groupsOf(office);
  const hits: Coverage = { HC2: 0, CR0: 0, stata: 0, CR2: 0 };
  const one = new Float64Array(n).fill(1);
  for (let r = 0; r < d.replications; r++) {
    const arms = rng.shuffle(Array.from({ length: d.clusters }, (_, c) => (c % 2 === 0 ? 1 : 0)));
    const t = Float64Array.from(office, (c) => arms[c]!);
    const u = Array.from({ length: d.clusters }, () => rng.normal() * Math.sqrt(d.icc));
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(office, (c) => u[c]! + rng.normal() * Math.sqrt(1 - d.icc));
    const prepared = olsPrepare({ names: ['(Intercept)', 't', 'x'], columns: [one, t, x], n });
    const { beta, residuals } = olsSolve(prepared, y);
    const covers = (variance: number, df: number) =>
      Math.abs(beta[1]!) <= studentTQuantile(0.975, df) * Math.sqrt(variance);
    const hc2 = olsRobustVcov(prepared, 'HC2', residuals);
    if (covers(hc2[4]!, n - 3)) hits.HC2++;
    for (const se of ['CR0', 'stata', 'CR2'] as const) {
      const cv = clusterVcov(prepared, residuals, groups, se);
      if (covers(cv.vcov[4]!, cv.df[1]!)) hits[se]++;
    }
  }
  for (const k of Object.keys(hits) as (keyof Coverage)[]) hits[k] /= d.replications;
  return hits;
}

if (process.argv[1]?.endsWith('cluster-coverage.ts')) {
  for (const design of [
    { clusters: 20, size: 10, icc: 0.2, replications: 5000, seed: 20261201 },
    { clusters: 10, size: 20, icc: 0.1, replications: 5000, seed: 20261202 },
    { clusters: 40, size: 25, icc: 0.05, replications: 2000, seed: 20261203 },
  ]) {
    const c = clusterCoverage(design);
    const show = (v: number) => `${(100 * v).toFixed(1)} %`;
    process.stdout.write(
      `${design.clusters} clusters × ${design.size}, ICC ${design.icc}, ${design.replications} reps: ` +
        `HC2 ${show(c.HC2)}, CR0 ${show(c.CR0)}, stata ${show(c.stata)}, CR2 ${show(c.CR2)}\n`,
    );
  }
}
