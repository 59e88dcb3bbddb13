/**
 * The published margins of the risk scan that the synthetic scan populations are calibrated to:
 * the 10 % highest scores capture 63 % of later bijstand entries, the 20 % highest 77 %; mean
 * predicted risk 3.7 %, 90th percentile ≈ 7 %. Read by the calibration and the tests only.
 */
export const SCAN_POPULATION_TARGETS = {
  capture10: 0.63,
  capture20: 0.77,
  mean: 0.037,
  p90: 0.0725,
} as const;
