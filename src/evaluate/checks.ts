/**
 * Checks of a plan against the data that the types cannot catch: every column it names exists,
 * both arms have clients, every "received" participation value occurs. Each error names the
 * plan's field and suggests the closest name present.
 */
import type { ColumnTable } from 'arquero';
import { stringColumn } from '../data/columns.js';
import { didYouMean } from '../data/spec-reader.js';
import { InputError } from '../errors.js';
import { type AnalysisPlan, type ParticipationPlan, planColumns } from './plan.js';

/** Checks that every column the plan names is in the data; one error listing them all. */
export function checkColumns(table: ColumnTable, plan: AnalysisPlan, file: string): void {
  const names = table.columnNames();
  const missing = planColumns(plan).filter((c) => !names.includes(c.column));
  if (missing.length === 0) return;
  const problems = missing.map(
    (m) => `${m.field}: column "${m.column}" is not in ${file}${didYouMean(m.column, names)}`,
  );
  throw new InputError(`${problems.join('\n')}\ncolumns in ${file}: ${names.join(', ')}`, {
    code: 'missing-column',
    column: missing[0]!.column,
  });
}

/** Clients per arm label (missing labels left out). */
export function countArms(table: ColumnTable, arm: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of stringColumn(table, arm)) if (a !== null) counts[a] = (counts[a] ?? 0) + 1;
  return counts;
}

/** Both analysed arms must have clients (after the filter, when there is one). */
export function checkArms(
  counts: Readonly<Record<string, number>>,
  plan: AnalysisPlan,
): { treatment: number; control: number } {
  const { arms, columns } = plan;
  const analysed = { treatment: counts[arms.treatment] ?? 0, control: counts[arms.control] ?? 0 };
  for (const [key, label] of [
    ['treatment', arms.treatment],
    ['control', arms.control],
  ] as const) {
    if (analysed[key] === 0) {
      const present = Object.keys(counts).sort().join(', ');
      throw new InputError(
        `config.arms.${key}: no client of arm "${label}" in column "${columns.arm}"${plan.filter.length ? ' after the filter' : ''}; arms present: ${present || 'none'}`,
        { code: 'unknown-arm', column: columns.arm, value: label },
      );
    }
  }
  return analysed;
}

/** The distinct values of a participation column, sorted. */
export function participationValues(table: ColumnTable, column: string): string[] {
  return [...new Set(stringColumn(table, column).filter((v): v is string => v !== null))].sort();
}

/**
 * Every received value must occur in the data (a typo would make the first stage 0); a group of
 * `categories` need not occur itself.
 */
export function checkParticipation(table: ColumnTable, p: ParticipationPlan): void {
  const present = participationValues(table, p.column);
  const groups = new Set(
    (p.categories ?? []).flatMap((c) => (typeof c === 'string' || !c.parent ? [] : [c.parent])),
  );
  p.received.forEach((v, i) => {
    if (!present.includes(v) && !groups.has(v)) {
      throw new InputError(
        `config.participation.received[${i}]: "${v}" does not occur in column "${p.column}"${didYouMean(v, present)}; values present: ${present.join(', ')}`,
        { code: 'unknown-level', column: p.column, value: v },
      );
    }
  });
}
