/**
 * Calibration of the synthetic personal-services experiment 2017–2018
 * (`generator.ts`). Documented in `docs/synthetic-data.md`.
 * Run: `npx tsx scripts/calibrate-personal-services-2017.ts [stage]` (a few seconds per stage).
 *
 * Fixed by hand (not searched): the levels of the structural model (job-finding within 12
 * months ≈ 50 %, WW reliance at month 12 ≈ 20–25 %, everybody off WW by month 25 since the
 * entitlement is at most 24 months) and the enforcement mechanism (window months 7–13, up to
 * 4 months earlier, probability 0.5: an expected short-run effect of ≈ 5 pp at month 6,
 * ≈ 2.5 pp at month 11 and ≈ 1 pp at month 12 — large enough to be seen with two arms of
 * 6,000; the seed gives no size for it).
 *
 * Stages (each prints what it found; the chosen values are committed by hand as
 * `PERSONAL_SERVICES_2017_PARAMS` / `PERSONAL_SERVICES_2017_SEEDS`):
 *   seeds    outcome-seed search, 1…40, on the enforcement pattern alone (the service
 *            parameters do not touch the control arms): control_enforcement vs control_none,
 *            WW reliance lower with p < 0.05 in each of months 6–11 and p ≥ 0.05 at month 12,
 *            job-finding p ≥ 0.10 in every month 1–12; the first seed that passes (seed 1)
 *            gets the parameter search below. (The headline figures are the raw differences;
 *            the covariate-adjusted ones are reported, not calibrated: an earlier variant that
 *            also required them to round to 2.0 / −2.1 found no seed among 1–40.)
 *   params   bisection for the committed seed: `serviceJobPull` so that the raw month-12
 *            job-finding difference (service − control_enforcement) is +2.0 pp, then
 *            `serviceSickExit` so that the raw WW-reliance difference is −2.1 pp
 *   report   the calibration output of the committed parameters and seeds (default)
 *
 * The targets (`targets.ts`) are read here and in the tests only, never in the generator or the
 * report module.
 */

import { effectSeries } from '../../analysis/effect-series.js';
import { diffInProportions } from '../../stats/proportions.js';
import type { Log } from '../shared/log.js';
import { PERSONAL_SERVICES_2017_COVARIATES } from './design.js';
import {
  generatePersonalServices2017,
  type PersonalServices2017Params,
  type PersonalServices2017Row,
  type PersonalServices2017Seeds,
} from './generator.js';
import { PERSONAL_SERVICES_2017_PARAMS, PERSONAL_SERVICES_2017_SEEDS } from './params.js';
import {
  PERSONAL_SERVICES_2017_ENFORCEMENT_MONTHS as ENFORCEMENT_MONTHS,
  PERSONAL_SERVICES_2017_TARGETS as TARGET,
} from './targets.js';

// ----------------------------------------------------------------------------- measures

type Rows = readonly PersonalServices2017Row[];

/** Complete follow-up at month m: share with the event by m among clients observed ≥ m. */
function counts(rows: Rows, arm: string, month: number, event: 'month_job' | 'month_ww_exit') {
  let n = 0;
  let k = 0;
  for (const r of rows) {
    if (r.arm !== arm || r.followup_months < month) continue;
    n++;
    const e = r[event];
    if (e !== null && e <= month) k++;
  }
  return { n, successes: k };
}

/** Raw difference treatment − control at month m; for WW reliance the sign is flipped. */
function diff(
  rows: Rows,
  treatment: string,
  control: string,
  month: number,
  outcome: 'job' | 'reliance',
) {
  const event = outcome === 'job' ? 'month_job' : 'month_ww_exit';
  const d = diffInProportions(
    counts(rows, treatment, month, event),
    counts(rows, control, month, event),
  );
  return { estimate: outcome === 'job' ? d.estimate : -d.estimate, pValue: d.pValue };
}

function enforcementOk(rows: Rows): boolean {
  const e = (m: number, o: 'job' | 'reliance') =>
    diff(rows, 'control_enforcement', 'control_none', m, o);
  for (let m = 1; m <= 12; m++) if (e(m, 'job').pValue < 0.1) return false;
  for (const m of ENFORCEMENT_MONTHS) {
    const r = e(m, 'reliance');
    if (!(r.estimate < 0 && r.pValue < 0.05)) return false;
  }
  return e(12, 'reliance').pValue >= 0.05;
}

const round1 = (x: number) => (100 * x).toFixed(1);

/** Bisection on one parameter for an increasing (sign = 1) or decreasing (−1) measure. */
function bisect(
  f: (x: number) => number,
  target: number,
  lo: number,
  hi: number,
  sign: 1 | -1,
): number {
  for (let i = 0; i < 18; i++) {
    const mid = (lo + hi) / 2;
    if (sign * (f(mid) - target) < 0) lo = mid;
    else hi = mid;
  }
  return Number(((lo + hi) / 2).toFixed(4));
}

function searchParams(
  seeds: PersonalServices2017Seeds,
  base: PersonalServices2017Params,
): PersonalServices2017Params {
  const job = (x: number) =>
    diff(
      generatePersonalServices2017(seeds, { ...base, serviceJobPull: x }),
      'service',
      'control_enforcement',
      12,
      'job',
    ).estimate;
  const serviceJobPull = bisect(job, TARGET.job12, 0, 0.3, 1);
  const reliance = (x: number) =>
    diff(
      generatePersonalServices2017(seeds, { ...base, serviceJobPull, serviceSickExit: x }),
      'service',
      'control_enforcement',
      12,
      'reliance',
    ).estimate;
  const serviceSickExit = bisect(reliance, TARGET.reliance12, 0, 0.5, -1);
  return { ...base, serviceJobPull, serviceSickExit };
}

/** The month-12 raw and adjusted effects through the library (as the report computes them). */
function libraryCheck(rows: Rows) {
  const out: Record<string, { raw: number; adjusted: number; p: number }> = {};
  for (const [name, event] of [
    ['job', 'month_job'],
    ['exit', 'month_ww_exit'],
  ] as const) {
    const s = effectSeries(rows as unknown as Record<string, unknown>[], {
      treatment: 'service',
      control: 'control_enforcement',
      event,
      months: [12],
      covariates: PERSONAL_SERVICES_2017_COVARIATES,
    });
    const m = s.months[0]!;
    const sign = name === 'job' ? 1 : -1;
    out[name === 'job' ? 'job' : 'reliance'] = {
      raw: sign * m.raw.estimate,
      adjusted: sign * m.adjusted!.estimate,
      p: m.raw.pValue,
    };
  }
  return out;
}

function report(
  seeds: PersonalServices2017Seeds,
  params: PersonalServices2017Params,
  log: Log,
): void {
  const rows = generatePersonalServices2017(seeds, params);
  log('seeds', seeds, 'params', params);
  const c = libraryCheck(rows);
  log('service vs control_enforcement, month 12 (pp):');
  for (const [k, v] of Object.entries(c)) {
    log(`  ${k}: raw ${round1(v.raw)} adjusted ${round1(v.adjusted)} (raw p ${v.p.toFixed(4)})`);
  }
  log('control_enforcement vs control_none, by month (pp, p):');
  for (let m = 1; m <= 14; m++) {
    const j = diff(rows, 'control_enforcement', 'control_none', m, 'job');
    const r = diff(rows, 'control_enforcement', 'control_none', m, 'reliance');
    log(
      `  ${m}: job ${round1(j.estimate)} (${j.pValue.toFixed(3)})  reliance ${round1(r.estimate)} (${r.pValue.toFixed(3)})`,
    );
  }
  log('enforcement pattern ok:', enforcementOk(rows));
}

/**
 * Runs one calibration stage (`args[0]`: `seeds`, `params` or `report`, the default) and prints
 * what it found.
 *
 * @example
 * calibratePersonalServices2017(['report'], log);
 */
export function calibratePersonalServices2017(args: readonly string[], log: Log): void {
  const stage = args[0] ?? 'report';
  if (stage === 'seeds') {
    for (let s = 1; s <= 40; s++) {
      const seeds = { ...PERSONAL_SERVICES_2017_SEEDS, outcomes: s };
      if (!enforcementOk(generatePersonalServices2017(seeds, PERSONAL_SERVICES_2017_PARAMS))) {
        log(`outcomes seed ${s}: enforcement pattern fails`);
        continue;
      }
      const params = searchParams(seeds, PERSONAL_SERVICES_2017_PARAMS);
      log(
        `outcomes seed ${s}: enforcement ok; serviceJobPull ${params.serviceJobPull}, serviceSickExit ${params.serviceSickExit}`,
      );
      report(seeds, params, log);
      break;
    }
  } else if (stage === 'params') {
    const params = searchParams(PERSONAL_SERVICES_2017_SEEDS, PERSONAL_SERVICES_2017_PARAMS);
    log(`serviceJobPull: ${params.serviceJobPull}, serviceSickExit: ${params.serviceSickExit}`);
    report(PERSONAL_SERVICES_2017_SEEDS, params, log);
  } else {
    report(PERSONAL_SERVICES_2017_SEEDS, PERSONAL_SERVICES_2017_PARAMS, log);
  }
}
