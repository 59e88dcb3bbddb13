/**
 * `auditAssignment`: the checks of an assignment file in one report — sample ratio,
 * conformance to the rule, and covariate balance; or, for an existing trial whose rule cannot
 * be re-derived (no key or seed), the sample ratio against stated weights and the balance only.
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
import { type Language, numberStyleOf, parseLanguage } from '../language.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { starLevelsText } from '../stats/stars.js';
import { type Document, documentMarkdown } from '../table/index.js';
import type { AssignmentExclusion } from './assign.js';
import { assignTexts } from './assign-texts.js';
import { type BalanceResult, balanceDocument, balanceTable } from './balance.js';
import { type ConformanceResult, checkConformance, conformanceDocument } from './conformance.js';
import { type AssignmentRule, checkRule, describeRule, intendedWeights } from './rules.js';
import { type SampleRatioResult, sampleRatioDocument, sampleRatioTest } from './srm.js';
import { type ArmWeights, checkWeights } from './weights.js';

/** The weights an existing trial says it used, e.g. `{ weights: { experiment: 0.8, control: 0.2 } }`. */
export interface StatedWeights {
  readonly weights: ArmWeights;
}

/** Options of {@link auditAssignment} (`pseudonym` and `exclude` only with a rule). */
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
  /** Language of `toDocument()` / `toMarkdown()` (default `en`); the data are the same. */
  readonly lang?: Language;
}

/** Result of {@link auditAssignment} against stated weights: sample ratio and balance. */
export interface WeightsAuditResult extends HtmlConvertible, DocumentConvertible {
  /** The weights tested against (the rule's, or the stated ones). */
  readonly weights: ArmWeights;
  readonly description: string;
  /** Rows in the file. */
  readonly rows: number;
  /** Recorded arms that are not arms of the rule or weights, with their counts. */
  readonly unknownArms: Readonly<Record<string, number>>;
  readonly sampleRatio: SampleRatioResult;
  readonly balance: BalanceResult | undefined;
  toMarkdown(): string;
}

/** Result of {@link auditAssignment} with a rule: also the conformance to the rule. */
export interface AuditResult extends WeightsAuditResult {
  readonly rule: AssignmentRule;
  readonly conformance: ConformanceResult;
}

/** What {@link auditDocument} reads of an audit (with a rule: also `rule` and `conformance`). */
export type AuditParts = Pick<
  WeightsAuditResult,
  'weights' | 'description' | 'rows' | 'unknownArms' | 'sampleRatio' | 'balance'
> &
  Partial<Pick<AuditResult, 'rule' | 'conformance'>>;

const STATED_WEIGHTS_KEYS: AllKeys<StatedWeights> = { weights: true };
const AUDIT_ASSIGNMENT_KEYS: AllKeys<AuditOptions> = {
  id: true,
  arm: true,
  pseudonym: true,
  covariates: true,
  factors: true,
  exclude: true,
  lang: true,
};

/**
 * Audits an assigned file against its rule: (1) sample ratio — chi-square goodness of fit of the
 * recorded arm counts against the rule's weights (`sampleRatioTest`); (2) conformance — each
 * client's arm recomputed from the rule (`checkConformance`); (3) balance of the covariates
 * (`balanceTable`, arms in the rule's order, the first as reference).
 *
 * Given stated weights instead of a rule (`{ weights }`: an existing trial whose key or seed is
 * not known), it makes checks (1) and (3) only — conformance cannot be checked without the rule,
 * and is not pretended. At least one recorded arm must be among the stated arms.
 *
 * @example
 * const audit = auditAssignment(assigned, { kind: 'parity', even: 'basic', odd: 'intensive' }, {
 *   pseudonym: 'pseudonym', covariates: ['gender', 'age_band', 'office'],
 * });
 * audit.sampleRatio.pValue; audit.conformance.mismatches;
 * audit.toMarkdown(); // a Markdown table
 * // An existing 80/20 trial, rule unknown:
 * auditAssignment(trial, { weights: { experiment: 0.8, control: 0.2 } }, { covariates: ['decile'] });
 */
export function auditAssignment(
  data: TableInput,
  rule: AssignmentRule,
  options?: AuditOptions,
): AuditResult;
export function auditAssignment(
  data: TableInput,
  stated: StatedWeights,
  options?: AuditOptions,
): WeightsAuditResult;
export function auditAssignment(
  data: TableInput,
  target: AssignmentRule | StatedWeights,
  options: AuditOptions = {},
): AuditResult | WeightsAuditResult {
  rejectUnknownKeys(options, AUDIT_ASSIGNMENT_KEYS, 'auditAssignment');
  const lang = parseLanguage(options.lang, 'auditAssignment: lang');
  const table = asTable(data);
  const armColumn = options.arm ?? DEFAULT_EXPERIMENT_SCHEMA.arm;
  requireColumns(table, [armColumn], 'recorded arm');
  if (table.numRows() === 0) throw new InputError('no rows to audit', { code: 'empty' });
  const rule = 'kind' in target ? target : undefined;
  const stated = 'kind' in target ? undefined : target;
  if (rule) checkRule(rule, 'auditAssignment');
  else rejectUnknownKeys(stated, STATED_WEIGHTS_KEYS, 'auditAssignment: stated weights');
  if (rule === undefined) {
    for (const key of ['pseudonym', 'exclude'] as const) {
      if (options[key] !== undefined) {
        throw new InputError(
          `auditAssignment: '${key}' is for the conformance check, which needs a rule; stated weights give the sample ratio and balance only`,
          { code: 'invalid-option', value: key },
        );
      }
    }
  }
  // Stated weights are checked as a rule's are (≥ 2 arms, each ≥ 0, summing to 1).
  if (stated) checkWeights(stated.weights);
  const weights = rule ? intendedWeights(rule) : stated!.weights;
  const arms = Object.keys(weights);
  const counts: Record<string, number> = Object.fromEntries(arms.map((a) => [a, 0]));
  const unknownArms: Record<string, number> = {};
  for (const v of columnValues(table, armColumn)) {
    if (isMissing(v)) continue;
    const a = String(v);
    if (a in counts) counts[a]! += 1;
    else unknownArms[a] = (unknownArms[a] ?? 0) + 1;
  }
  if (rule === undefined && arms.every((a) => counts[a] === 0)) {
    const found = Object.keys(unknownArms);
    throw new InputError(
      `column '${armColumn}' holds ${found.length > 0 ? found.map((a) => `'${a}'`).join(', ') : 'no arm'}, none of the stated arms (${arms.join(', ')}); name the recorded arms in the weights`,
      { code: 'unknown-arm', column: armColumn, ...(found[0] ? { value: found[0] } : {}) },
    );
  }
  const sampleRatio = sampleRatioTest(counts, weights);
  const conformance = rule
    ? checkConformance(table, rule, {
        arm: armColumn,
        ...(options.id === undefined ? {} : { id: options.id }),
        ...(options.pseudonym === undefined ? {} : { pseudonym: options.pseudonym }),
        ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
      })
    : undefined;
  const balance =
    options.covariates && options.covariates.length > 0
      ? balanceTable(table, {
          arm: armColumn,
          covariates: options.covariates,
          arms,
          ...(options.factors ? { factors: options.factors } : {}),
        })
      : undefined;
  const description = auditDescription(rule, weights, 'en');
  const common = {
    weights,
    description,
    rows: table.numRows(),
    unknownArms,
    sampleRatio,
    balance,
    toMarkdown: () => documentMarkdown(auditDocument(result, lang), { lang }),
  };
  const result = rule && conformance ? { ...common, rule, conformance } : common;
  return withDisplay<AuditParts & { toMarkdown(): string }>(
    result,
    () => auditDocument(result, lang),
    lang,
  ) as AuditResult | WeightsAuditResult;
}

function auditDescription(
  rule: AssignmentRule | undefined,
  weights: ArmWeights,
  lang: Language,
): string {
  const t = assignTexts(lang);
  if (rule) return describeRule(rule, lang);
  const arms = Object.keys(weights);
  const ratio =
    lang === 'en'
      ? arms.map((a) => `${a} ${formatGeneral(weights[a]!)}`).join(' / ')
      : t.ratio(weights);
  return t.statedWeights(ratio);
}

/**
 * The audit report of {@link auditAssignment} in a language: the rule (or stated weights) and
 * rows, the sample ratio with its star legend, recorded arms outside the rule, the conformance
 * check (with a rule) and the balance table. Table ids and column ids do not change with the
 * language (so `protectAudit` and the JSON are the same); write it with
 * `documentMarkdown(doc, { lang })` for the language's numbers.
 *
 * @example
 * documentMarkdown(auditDocument(audit, 'nl'), { lang: 'nl' }); // "# Controle van de toewijzing …"
 */
export function auditDocument(audit: AuditParts, lang: Language = 'en'): Document {
  const t = assignTexts(lang);
  const { conformance, rule } = audit;
  const withRule = conformance !== undefined;
  const { sampleRatio, balance } = audit;
  const unknown = Object.entries(audit.unknownArms);
  const method = lang === 'en' ? sampleRatio.method : t.sampleRatioMethod(sampleRatio.df);
  const levels = starLevelsText(undefined, numberStyleOf(lang).decimal);
  return [
    { kind: 'heading', text: t.auditTitle, level: 1 },
    {
      kind: 'paragraph',
      text: t.auditLine(
        withRule,
        lang === 'en' ? audit.description : auditDescription(rule, audit.weights, lang),
        audit.rows,
      ),
    },
    { kind: 'heading', text: t.sampleRatioHeading, level: 2 },
    ...sampleRatioDocument(sampleRatio, lang),
    { kind: 'paragraph', text: `${t.starLegend(levels, method)}.` },
    ...(unknown.length > 0
      ? [
          {
            kind: 'paragraph' as const,
            text: t.unknownArms(withRule, unknown.map(([a, c]) => `${a} (${c})`).join(', ')),
          },
        ]
      : []),
    ...(conformance
      ? [
          { kind: 'heading' as const, text: t.conformanceHeading, level: 2 as const },
          ...conformanceDocument(conformance, lang),
        ]
      : []),
    ...(balance ? [{ kind: 'heading' as const, text: t.balanceHeading, level: 2 as const }] : []),
    ...(balance ? balanceDocument(balance, lang) : []),
  ];
}
