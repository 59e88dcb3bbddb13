// A seeded cluster-randomised design (20 offices × 10 clients, ICC 0.2, no effect): HC2 treats
// clients as independent and under-covers; CR2 with its Satterthwaite df covers. The large
// version (5,000 replications) is bench/cluster-coverage.ts, quoted in docs/methods.md.
import { describe, expect, it } from 'vitest';
import { clusterCoverage } from '../../bench/cluster-coverage.js';

describe('coverage of 95 % intervals in a cluster-randomised trial', () => {
  it('HC2 under-covers, CR2 covers (300 seeded replications)', () => {
    const c = clusterCoverage({ clusters: 20, size: 10, icc: 0.2, replications: 300, seed: 7 });
    // Monte Carlo SD of a coverage near 0.95 with 300 replications: √(0.95·0.05/300) ≈ 0.013.
    expect(c.HC2).toBeLessThan(0.87);
    expect(c.CR2).toBeGreaterThan(0.91);
    expect(c.CR2).toBeLessThan(0.99);
    expect(c.CR2).toBeGreaterThanOrEqual(c.CR0);
  });
});
