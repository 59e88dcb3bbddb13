/**
 * Disclosure control of the assignment summaries — `assign`'s arm counts, the sample-ratio
 * table (of `audit` and the study reports) and the balance table — by the one rule of
 * `disclosure.ts` (`suppressCells`: counts 0 < c < threshold, default 10, shown "< 10"; secondary
 * suppression "x" so that no published total gives one back by subtraction; the shares derived
 * from a suppressed count suppressed with it).
 *
 * The relations: the assigned clients are the sum of the arm counts, and the rows of the file
 * the assigned clients plus the excluded ones (both totals are printed); in the sample-ratio
 * table the arm counts sum to n (published through the expected counts, n × weight); in the
 * balance table the levels of a factor sum, per arm, to the arm's clients with the covariate
 * recorded (published through the shares). Tests (X², p) and SMDs of published levels are
 * published: they do not determine a count. The conformance check (the file rows whose arm
 * differs from the rule) is a data-quality diagnostic for the analyst and is not suppressed.
 */
import type { AssignmentResult } from '../assign/assign.js';
import { assignTexts, labelColumns } from '../assign/assign-texts.js';
import type { WeightsAuditResult } from '../assign/audit.js';
import type { BalanceResult } from '../assign/balance.js';
import { describeRule } from '../assign/rules.js';
import type { SampleRatioResult } from '../assign/srm.js';
import { formatGeneral } from '../format.js';
import { type Language, numberStyleOf } from '../language.js';
import type { Block, Document, ModelTableBlock, SuppressionMark, Table } from '../table/index.js';
import { tableFromRows } from '../table/index.js';
import {
  type AdditiveRelation,
  type DisclosureOptions,
  disclosureNote,
  noteCount,
  suppressCells,
} from './disclosure.js';

type Marks = Record<string, SuppressionMark>;

/** Disclosure options of the assignment summaries, with the language of their texts. */
export interface AssignmentDisclosureOptions extends DisclosureOptions {
  /** Language of the texts and of the disclosure note (default `en`). */
  readonly lang?: Language;
}

/** The block with its table's marks, and the disclosure note under it when a cell is suppressed. */
function marked(
  block: ModelTableBlock,
  marks: readonly Marks[],
  threshold: number,
  lang: Language = 'en',
): ModelTableBlock {
  if (!marks.some((m) => Object.keys(m).length > 0)) return block;
  const note = disclosureNote(threshold, true, lang);
  return {
    ...block,
    table: { ...block.table, suppressed: marks, threshold },
    note: block.note ? `${block.note} ${note}` : note,
  };
}

/** Replaces the table block of the table `id` through `f`; other blocks unchanged. */
function mapTable(
  document: Document,
  id: string,
  threshold: number,
  f: (table: Table) => Marks[],
  lang: Language = 'en',
): Document {
  return document.map((b): Block => {
    if (b.kind !== 'table' || !('table' in b) || b.table.id !== id) return b;
    return marked(b, f(b.table), threshold, lang);
  });
}

/**
 * Disclosure control of a sample-ratio table (`SampleRatioResult.toDocument()`, id
 * `sample_ratio`): an arm count 0 < c < threshold is "< 10", with its share; the counts sum to
 * n, which the expected counts publish, so a second arm is suppressed ("x") with it.
 *
 * @example
 * protectSampleRatio(srm.toDocument(), srm, { threshold: 10 }); // observed "< 10" / "x"
 */
export function protectSampleRatio(
  document: Document,
  srm: Pick<SampleRatioResult, 'arms' | 'n'>,
  d: AssignmentDisclosureOptions = {},
): Document {
  const threshold = d.threshold ?? 10;
  if (threshold <= 0) return document;
  const cells = new Map<string, number>(srm.arms.map((a) => [`arm:${a.arm}`, a.observed]));
  cells.set('(all)', srm.n);
  const s = suppressCells(
    cells,
    [{ total: '(all)', parts: srm.arms.map((a) => `arm:${a.arm}`) }],
    disclosureOnly(d),
  );
  return mapTable(
    document,
    'sample_ratio',
    threshold,
    (t) =>
      t.rows.map((row): Marks => {
        const status = s.status(`arm:${String(row.arm)}`);
        return status === 'published' ? {} : { observed: status, share: 'secondary' };
      }),
    d.lang,
  );
}

/**
 * Disclosure control of a balance table (`BalanceResult.toDocument()`, id `balance`): per arm,
 * a factor level's count (or a numeric covariate's n) 0 < c < threshold is "< 10" with its share
 * or mean; the levels of a factor sum to the arm's recorded clients (published through the
 * shares), so a second level is suppressed ("x"); an SMD that involves a suppressed cell is "x".
 *
 * @example
 * protectBalance(balance.toDocument(), balance, { threshold: 10 });
 */
export function protectBalance(
  document: Document,
  balance: Pick<BalanceResult, 'arms' | 'rows'>,
  d: AssignmentDisclosureOptions = {},
): Document {
  const threshold = d.threshold ?? 10;
  if (threshold <= 0) return document;
  const key = (i: number, arm: string) => `${i}\u0000${arm}`;
  const cells = new Map<string, number>();
  const relations: AdditiveRelation[] = [];
  const levels = new Map<string, number[]>();
  balance.rows.forEach((r, i) => {
    for (const stat of r.stats) cells.set(key(i, stat.arm), stat.n);
    if (r.kind === 'factor') levels.set(r.covariate, [...(levels.get(r.covariate) ?? []), i]);
  });
  for (const [covariate, rows] of levels) {
    for (const arm of balance.arms) {
      const total = `total\u0000${covariate}\u0000${arm}`;
      const parts = rows.map((i) => key(i, arm));
      cells.set(
        total,
        parts.reduce((s, k) => s + (cells.get(k) ?? 0), 0),
      );
      relations.push({ total, parts });
    }
  }
  const s = suppressCells(cells, relations, disclosureOnly(d));
  const others = balance.arms.slice(1);
  return mapTable(
    document,
    'balance',
    threshold,
    () =>
      balance.rows.map((_, i): Marks => {
        const m: Marks = {};
        for (const arm of balance.arms) {
          const status = s.status(key(i, arm));
          if (status !== 'published') m[arm] = status;
        }
        const refHidden = m[balance.arms[0]!] !== undefined;
        for (const arm of others) {
          if (refHidden || m[arm] !== undefined) {
            m[others.length === 1 ? 'SMD' : `SMD ${arm}`] = 'secondary';
          }
        }
        return m;
      }),
    d.lang,
  );
}

/**
 * The audit report (`auditAssignment(…).toDocument()`) under disclosure control: the sample-ratio
 * and balance tables by {@link protectSampleRatio} and {@link protectBalance}, and the counts of
 * recorded arms that are not the rule's as a note prints them ("< 10"). `threshold: 0` returns
 * the document unchanged.
 *
 * @example
 * documentMarkdown(protectAudit(audit.toDocument(), audit, { threshold: 10 }));
 */
export function protectAudit(
  document: Document,
  audit: Pick<WeightsAuditResult, 'sampleRatio' | 'balance' | 'unknownArms'>,
  d: AssignmentDisclosureOptions = {},
): Document {
  if ((d.threshold ?? 10) <= 0) return document;
  let doc = protectSampleRatio(document, audit.sampleRatio, d);
  if (audit.balance) doc = protectBalance(doc, audit.balance, d);
  const unknown = Object.entries(audit.unknownArms);
  if (unknown.length === 0) return doc;
  const exact = unknown.map(([a, c]) => `${a} (${c})`).join(', ');
  const safe = unknown.map(([a, c]) => `${a} (${noteCount(c, disclosureOnly(d))})`).join(', ');
  return doc.map((b): Block => {
    if (b.kind !== 'paragraph' || !b.text.includes(`: ${exact}.`)) return b;
    return { ...b, text: b.text.replace(`: ${exact}.`, `: ${safe}.`) };
  });
}

/**
 * The summary `assign` prints, under disclosure control: the rule with the assigned and total
 * rows, and per arm (and per exclusion reason) the count and share; a count
 * 0 < c < threshold is "< 10" with its share, and secondary suppression ("x") keeps the two
 * printed totals (assigned = Σ arms, rows = assigned + Σ exclusions) from giving it back.
 * `threshold: 0` gives the exact counts (as `AssignmentResult.toMarkdown()`).
 *
 * @example
 * documentMarkdown(assignmentSummary(assignArms(table, rule), { threshold: 10 }));
 */
export function assignmentSummary(
  result: Pick<
    AssignmentResult,
    'rule' | 'description' | 'rows' | 'assigned' | 'arms' | 'exclusions'
  >,
  options: AssignmentDisclosureOptions = {},
): Document {
  const { lang = 'en', ...d } = options;
  const t = assignTexts(lang);
  const style = numberStyleOf(lang);
  const threshold = d.threshold ?? 10;
  const armKeys = result.arms.map((a) => `arm:${a.arm}`);
  const exclusionKeys = result.exclusions.map((e) => `excluded:${e.reason}`);
  const cells = new Map<string, number>([
    ...result.arms.map((a, i) => [armKeys[i]!, a.n] as const),
    ...result.exclusions.map((e, i) => [exclusionKeys[i]!, e.n] as const),
    ['(assigned)', result.assigned],
    ['(rows)', result.rows],
  ]);
  const relations: AdditiveRelation[] = [{ total: '(assigned)', parts: armKeys }];
  if (exclusionKeys.length > 0) {
    relations.push({ total: '(rows)', parts: ['(assigned)', ...exclusionKeys] });
  }
  const s = suppressCells(cells, relations, { ...d, threshold });
  const rows = [
    ...result.arms.map((a) => ({ arm: a.arm, n: a.n, share: a.share, intended: a.intended })),
    ...result.exclusions.map((e) => ({
      arm: t.excluded(e.reason),
      n: e.n,
      share: '',
      intended: '',
    })),
  ];
  const keys = [...armKeys, ...exclusionKeys];
  const marks = keys.map((k, i): Marks => {
    const status = s.status(k);
    if (status === 'published') return {};
    return i < armKeys.length ? { n: status, share: 'secondary' } : { n: status };
  });
  const total = (k: string, n: number) => s.text(k, formatGeneral(n, 4, style));
  const description = lang === 'en' ? result.description : describeRule(result.rule, lang);
  return [
    {
      kind: 'paragraph',
      text: t.assignmentLine(
        description,
        total('(assigned)', result.assigned),
        total('(rows)', result.rows),
      ),
    },
    marked(
      {
        kind: 'table',
        table: labelColumns(
          tableFromRows(rows, { id: 'assignment', title: t.assignmentTitle }),
          t.assignmentColumns,
        ),
      },
      marks,
      threshold,
      lang,
    ),
  ];
}

/** The disclosure options without the language (what `disclosure.ts` takes). */
function disclosureOnly(d: AssignmentDisclosureOptions): DisclosureOptions {
  const { lang: _lang, ...rest } = d;
  return rest;
}
