/**
 * The third line of Figure 2a of the Den Haag report: the cumulative share of decile-1 WW
 * clients in the rest of the Netherlands who flowed into bijstand, months 1–24. Only the end
 * point is published ("almost 30 % (7,742 clients)"); the population size and the shape are our
 * choice: 26,000 clients (7,742 / 26,000 = 29.8 %) and a Weibull-shaped cumulative curve
 * (shape 1.5, scale 9 months, rescaled to end at 7,742), which rises slowly in the first months,
 * fastest around months 4–8 as WW entitlements run out, and flattens towards month 24.
 * Deterministic: no random draws.
 */

/** One month of the benchmark line. */
export interface NationalBenchmarkRow {
  readonly month: number;
  readonly decile: number;
  /** Cumulative number of decile-1 clients in bijstand by this month. */
  readonly clients: number;
  /** Decile-1 clients in the rest of the Netherlands (the denominator). */
  readonly population: number;
  /** clients / population, rounded to 6 decimals. */
  readonly share: number;
}

export const NATIONAL_BENCHMARK_COLUMNS: readonly (keyof NationalBenchmarkRow)[] = [
  'month',
  'decile',
  'clients',
  'population',
  'share',
];

/** Published end point and our choices for the curve. */
export const NATIONAL_BENCHMARK = {
  clientsMonth24: 7_742,
  population: 26_000,
  weibullShape: 1.5,
  weibullScaleMonths: 9,
  months: 24,
} as const;

/**
 * @example
 * generateNationalBenchmark().at(-1) // { month: 24, decile: 1, clients: 7742, population: 26000, share: 0.297769 }
 */
export function generateNationalBenchmark(): NationalBenchmarkRow[] {
  const b = NATIONAL_BENCHMARK;
  const f = (m: number) => 1 - Math.exp(-((m / b.weibullScaleMonths) ** b.weibullShape));
  const end = f(b.months);
  const rows: NationalBenchmarkRow[] = [];
  for (let m = 1; m <= b.months; m++) {
    const clients = Math.round((b.clientsMonth24 * f(m)) / end);
    rows.push({
      month: m,
      decile: 1,
      clients,
      population: b.population,
      share: Number((clients / b.population).toFixed(6)),
    });
  }
  return rows;
}

/**
 * The benchmark line's label in every language: the data label (English, as in the CSV and
 * JSON) and its display name in a Dutch chart or table.
 *
 * @example
 * NATIONAL_BENCHMARK_LABEL.nl // "rest van Nederland, deciel 1"
 */
export const NATIONAL_BENCHMARK_LABEL = {
  en: 'rest of the Netherlands, decile 1',
  nl: 'rest van Nederland, deciel 1',
} as const;
