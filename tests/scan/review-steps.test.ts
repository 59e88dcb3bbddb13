/** scanReview reports its long steps (the progress bar of `effectmeting review`). */
import { describe, expect, it } from 'vitest';
import { SCAN_REVIEW_STEPS, scanReview } from '../../src/scan/review.js';
import { dataTable } from '../fixtures/shared.js';

describe('scanReview onStep', () => {
  it('calls onStep SCAN_REVIEW_STEPS times, in order, and the result does not change', async () => {
    const t23 = (await dataTable('scan-population-2023.csv')).slice(0, 3000);
    const t24 = (await dataTable('scan-population-2024.csv')).slice(0, 3000);
    const config = { weeklyWeeks: 2, refit: false, subgroups: ['gender'] };
    const labels: string[] = [];
    const withSteps = scanReview({
      current: t24,
      previous: t23,
      config,
      onStep: (label) => labels.push(label),
    });
    expect(labels).toEqual([
      'fitting the scan',
      'discrimination and calibration',
      'refit on the current year',
      'drift and subgroups',
      'weekly re-scoring',
    ]);
    expect(labels).toHaveLength(SCAN_REVIEW_STEPS);
    const without = scanReview({ current: t24, previous: t23, config });
    expect(withSteps.current.auc.estimate).toBe(without.current.auc.estimate);
  });
});
