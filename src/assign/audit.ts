/**
 * `auditAssignment`: the three checks of an assignment file in one report — sample ratio,
 * conformance to the rule, and covariate balance.
 */

import {
  asTable,
  columnValues,
  isMissing,
  requireColumns,
  type TableInput,
} from '../data/columns.js';
import { DEFAULT_EXPERIMENT_SCHEMA } from '../data/schema.js';
import { type DocumentConvertible, type HtmlConvertible, withDisplay } from '../display.js';
import { InputError } from '../errors.js';
import { formatGeneral } from '../format.js';
import { type Document, documentMarkdown } from '../table/index.js';
import type { AssignmentExclusion } from './assign.js';
import { type BalanceResult, balanceTable } from './balance.js';
import { type ConformanceResult, checkConformance } from './conformance.js';
import { type AssignmentRule, describeRule, intendedWeights } from './rules.js';
import { type SampleRatioResult, sampleRatioTest } from './srm.js';

/** Options of {@link auditAssignment}. */
export interface AuditOptions {
  /** Client id column (default `id`). */
  readonly id?: string;
  /** Recorded arm column (default `arm`). */
  readonly arm?: string;
  /** Pseudonym column to identify mismatching rows (never a BSN column). */
  readonly pseudonym?: string;
  /** Covariates for the balance table; none → no balance table. */
  readonly covariates?: readonly string[];
  /** Covariates to treat as factors even when numeric. */
  readonly factors?: readonly string[];
  /** Exclusions used at assignment (see `checkConformance`). */
  readonly exclude?: readonly AssignmentExclusion[];
}

/** Result of {@link auditAssignment}. */
export interface AuditResult extends HtmlConvertible, DocumentConvertible {
  readonly rule: AssignmentRule;
  readonly description: string;
  /** Rows in the file. */
  readonly rows: number;
  /** Recorded arms that are not arms of the rule, with their counts (always conformance errors). */
  readonly unknownArms: Readonly<Record<string, number>>;
  readonly sampleRatio: SampleRatioResult;
  readonly conformance: ConformanceResult;
  readonly balance: BalanceResult | undefined;
  toMarkdown(): string;
}

/**
 * Audits an assigned file against its rule: (1) sample ratio — chi-square goodness of fit of the
 * recorded arm counts against the rule's weights (`sampleRatioTest`); (2) conformance — each
 * client's arm recomputed from the rule (`checkConformance`); (3) balance of the covariates
 * (`balanceTable`, arms in the rule's order, the first as reference).
 *
 * @example
 * const audit = auditAssignment(assigned, { kind: 'parity', even: 'basic', odd: 'intensive' }, {
 *   pseudonym: 'pseudonym', covariates: ['gender', 'age_band', 'office'],
 * });
 * audit.sampleRatio.pValue; audit.conformance.mismatches;
 * audit.toMarkdown(); // a Markdown table
 */
export function auditAssignment(
  data: TableInput,
  rule: AssignmentRule,
  options: AuditOptions = {},
): AuditResult {
  const table = asTable(data);
  const armColumn = options.arm ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
  requireColumns(table, [armColumn], 'recorded arm');
  if (table.numRows() === 0) throw new InputError('no rows to audit', { code: 'empty' });
  const weights = intendedWeights(rule);
  const arms = Object.keys(weights);
  const counts: Record<string, number> = Object.fromEntries(arms.map((a) => [a, 0]));
  const unknownArms: Record<string, number> = {};
  for (const v of columnValues(table, armColumn)) {
    if (isMissing(v)) continue;
    const a = String(v);
    if (a in counts) counts[a]! += 1;
    else unknownArms[a] = (unknownArms[a] ?? 0) + 1;
  }
  const sampleRatio = sampleRatioTest(counts, weights);
  const conformance = checkConformance(table, rule, {
    arm: armColumn,
    ...(options.id === undefined ? {} : { id: options.id }),
    ...(options.pseudonym === undefined ? {} : { pseudonym: options.pseudonym }),
    ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
  });
  const balance =
    options.covariates && options.covariates.length > 0
      ? balanceTable(table, {
          arm: armColumn,
          covariates: options.covariates,
          arms,
          ...(options.factors ? { factors: options.factors } : {}),
        })
      : undefined;
  const description = describeRule(rule);
  const document = (): Document => {
    const unknown = Object.entries(unknownArms);
    return [
      { kind: 'heading', text: 'Assignment audit', level: 1 },
      {
        kind: 'paragraph',
        text: `Rule: ${description}. Rows: ${formatGeneral(table.numRows())}.`,
      },
      { kind: 'heading', text: 'Sample ratio', level: 2 },
      ...sampleRatio.toDocument(),
      ...(unknown.length > 0
        ? [
            {
              kind: 'paragraph' as const,
              text: `Recorded arms not in the rule: ${unknown.map(([a, c]) => `${a} (${c})`).join(', ')}.`,
            },
          ]
        : []),
      { kind: 'heading', text: 'Conformance', level: 2 },
      ...conformance.toDocument(),
      ...(balance ? [{ kind: 'heading' as const, text: 'Balance', level: 2 as const }] : []),
      ...(balance ? balance.toDocument() : []),
    ];
  };
  return withDisplay(
    {
      rule,
      description,
      rows: table.numRows(),
      unknownArms,
      sampleRatio,
      conformance,
      balance,
      toMarkdown: () => documentMarkdown(document()),
    },
    document,
  );
}
