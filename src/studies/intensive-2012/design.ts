/**
 * The design of the 2012–2013 experiment "intensive versus basic services", written once: the
 * two arms and the BSN-parity rule that assigned them, the intake window and the end of
 * observation, the months of the published exit tables, and the value that marks an unrecorded
 * characteristic. The generator and the report's defaults read these.
 */
import type { ParityRule } from '../../assign/rules.js';

/** Assigned arm: basic services (B-dvl) or intensive services (I-dvl). */
export type Arm2012 = 'basic' | 'intensive';
/** Gender as recorded; `unknown` is the report's residual category. */
export type Gender2012 = 'man' | 'woman' | 'unknown';

/** The arms in design order (control first). */
export const ARMS_2012: readonly Arm2012[] = ['basic', 'intensive'];
/** The treated and the control arm of the comparison. */
export const INTENSIVE_2012_ARMS = { treatment: 'intensive', control: 'basic' } as const;
/** The assignment rule: even last BSN digit → basic, odd → intensive. */
export const INTENSIVE_2012_RULE: ParityRule = { kind: 'parity', even: 'basic', odd: 'intensive' };

/** Gender levels as recorded, and those of Annex B (the residual `unknown` left out). */
export const GENDERS_2012: readonly Gender2012[] = ['man', 'woman', 'unknown'];
export const ANNEX_B_GENDERS: readonly Gender2012[] = ['man', 'woman'];
/** The value that means "not recorded" in the characteristics. */
export const UNKNOWN_2012 = 'unknown';

/** "Within x months after the start of the benefit" (Table 5.2, Annex B.1). */
export const EXIT_MONTHS_2012: readonly number[] = [6, 9, 12, 15];

/** Mean month length in days (365.25 / 12): month m since benefit start is [(m−1)L, mL). */
export const MONTH_DAYS = 30.4375;
/** Days from the start of the benefit to entry into the experiment (13 weeks). */
export const ENTRY_OFFSET_DAYS = 91;
/** First and last intake day, and the end of observation (ISO dates). */
export const INTAKE_START = '2012-07-23';
export const INTAKE_END = '2013-04-01';
export const OBSERVATION_END = '2014-01-31';
