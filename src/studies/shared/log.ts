/**
 * Where a calibration writes its progress and diagnostics. The calibrations are library code in
 * `src/studies/`; the thin scripts in `scripts/` pass `console.log`, a test can pass a collector.
 *
 * @example
 * calibrateDenHaag(['report'], console.log);
 */
export type Log = (...parts: unknown[]) => void;
