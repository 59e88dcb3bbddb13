/** Which columns and values of a plan become labels in the outputs (for the identifier guard). */
import type { ColumnTable } from 'arquero';
import { columnCells } from '../data/columns.js';
import type { IdentifierLabelSpec } from '../data/identifier-labels.js';
import type { AnalysisPlan } from './plan.js';

/**
 * The label columns of a plan: the arm column, the participation column, every subgroup column
 * and every covariate that is a factor (declared, or holding text), plus the filter's values.
 *
 * @example
 * refuseIdentifierLabels(table, identifierLabels(table, plan));
 */
export function identifierLabels(table: ColumnTable, plan: AnalysisPlan): IdentifierLabelSpec {
  const names = new Set(table.columnNames());
  const holdsText = (c: string) => {
    if (!names.has(c)) return false;
    const values = columnCells(table, c);
    for (let i = 0; i < values.length; i++) if (typeof values[i] === 'string') return true;
    return false;
  };
  return {
    id: plan.columns.id,
    labels: [
      { column: plan.columns.arm, role: 'arm labels', field: 'config.columns.arm' },
      ...(plan.participation
        ? [
            {
              column: plan.participation.column,
              role: 'participation categories',
              field: 'config.participation.column',
            },
          ]
        : []),
      ...plan.subgroups.map((c, i) => ({
        column: c,
        role: 'subgroup levels',
        field: `config.subgroups[${i}]`,
      })),
      // Cluster and block labels can appear in messages (a cluster holding both arms).
      ...(plan.design?.clusters === undefined
        ? []
        : [
            {
              column: plan.design.clusters,
              role: 'cluster labels',
              field: 'config.design.clusters',
            },
          ]),
      ...(plan.design?.blocks === undefined
        ? []
        : [{ column: plan.design.blocks, role: 'block labels', field: 'config.design.blocks' }]),
      ...plan.covariates.flatMap((c, i) =>
        plan.factors.includes(c) || holdsText(c)
          ? [{ column: c, role: 'factor levels', field: `config.covariates[${i}]` }]
          : [],
      ),
    ],
    values: plan.filter.map((f, i) => ({
      column: f.column,
      values: f.values,
      field: plan.filter.length === 1 ? 'config.filter' : `config.filter[${i}]`,
    })),
  };
}
