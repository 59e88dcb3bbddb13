/** A small two-arm experiment: 240 clients, 60 % treated, two events, some censoring. */

/** One client of {@link smallRows}. */
export interface SmallRow {
  readonly id: string;
  readonly arm: string;
  readonly followup_months: number;
  readonly month_bijstand: number | null;
  readonly month_work: number | null;
  readonly gender: string;
  readonly age: number;
  readonly office: string;
  readonly participation: string;
}

/** The clients as row objects (a fixed pseudo-random draw per client and purpose, no Math.random). */
export function smallRows(treatment = 'experiment'): SmallRow[] {
  const u = (i: number, k: number) => {
    const x = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
    return x - Math.floor(x);
  };
  const rows: SmallRow[] = [];
  for (let i = 0; i < 240; i++) {
    const treated = i % 5 < 3;
    const followup = u(i, 1) < 0.06 ? 6 : 12;
    const bijstand = u(i, 2) < (treated ? 0.3 : 0.45) ? 1 + Math.floor(u(i, 3) * 4) : null;
    const work = bijstand === null && u(i, 4) < 0.5 ? 1 + Math.floor(u(i, 5) * 4) : null;
    const within = (m: number | null) => (m !== null && m <= followup ? m : null);
    rows.push({
      id: `C${String(i).padStart(4, '0')}`,
      arm: treated ? treatment : 'control',
      followup_months: followup,
      month_bijstand: within(bijstand),
      month_work: within(work),
      gender: u(i, 7) < 0.5 ? 'man' : 'woman',
      age: 25 + Math.floor(u(i, 8) * 40),
      office: `office ${1 + (i % 3)}`,
      participation: treated && u(i, 6) < 0.5 ? 'conversation' : 'none',
    });
  }
  return rows;
}

/** The same clients as CSV text (a missing event month is an empty field). */
export function smallCsv(treatment = 'experiment'): string {
  const rows = smallRows(treatment);
  const names = Object.keys(rows[0]!) as (keyof SmallRow)[];
  const lines = rows.map((r) => names.map((n) => (r[n] === null ? '' : String(r[n]))).join(','));
  return `${[names.join(','), ...lines].join('\n')}\n`;
}

/** The plan the small-data tests run (as JSON, before `parsePlan`). */
export const SMALL_PLAN = {
  events: ['month_bijstand', 'month_work'],
  months: 12,
  arms: { treatment: 'experiment', control: 'control', weights: { experiment: 0.6, control: 0.4 } },
  covariates: ['gender', 'age'],
  subgroups: ['office'],
  participation: { received: ['conversation'], month: 6 },
} as const;
