/**
 * The presentation of a run against its frozen pre-analysis plan (`preRegistration` in
 * `src/evaluate/`): a first section with the plan's hash and the field-by-field comparison, a
 * second with the confirmatory result (the primary outcome at the primary month, with the
 * planned estimator — or why there is none), and every other section of the evaluation marked
 * exploratory. The confirmatory row copies the disclosure marks of the same month's row of the
 * (already protected) effect table, so it publishes nothing that table does not.
 */
import type { PreRegistration } from '../evaluate/pre-registration.js';
import { rejectUnknownKeys } from '../stats/option-keys.js';
import type { Cell, Section, SectionColumn, SuppressionMark } from '../table/index.js';

/** The title prefix of every section of a pre-registered run that is not confirmatory. */
export const EXPLORATORY_PREFIX = 'Exploratory: ';

const col = (
  id: string,
  label: string,
  format: SectionColumn['format'],
  extra: Partial<SectionColumn> = {},
): SectionColumn => ({ id, label, format, ...extra });

const signed = (x: number) => (x * 100).toFixed(1).replace(/^-/, '\u2212');

/**
 * The sentence every output of a pre-registered run starts with: the plan's hash and whether the
 * analysis follows it or deviates (and how).
 *
 * @example
 * planStatusLine(reg);
 * // 'Pre-analysis plan frozen.json, sha256 3b1f…: this analysis runs its primary analysis; …'
 */
export function planStatusLine(reg: PreRegistration): string {
  const head = `Pre-analysis plan ${reg.file}, sha256 ${reg.sha256}`;
  if (reg.deviations.length > 0) {
    return `${head}: THIS ANALYSIS DEVIATES FROM THE FROZEN PLAN (run with --exploratory): ${reg.deviations.join('; ')}. There is no confirmatory result: every result is exploratory.`;
  }
  const c = reg.confirmatory;
  const what = c
    ? `the confirmatory result is the effect on ${c.event} at month ${c.month} (${c.estimator})`
    : 'the confirmatory result could not be read from the analysis';
  return `${head}: this analysis runs its primary analysis; ${what}; every other result is exploratory.`;
}

function planSection(reg: PreRegistration): Section {
  const deviates = reg.deviations.length > 0;
  return {
    id: 'pre-analysis-plan',
    title: deviates
      ? `Pre-analysis plan (sha256 ${reg.sha256}): this analysis deviates from it — exploratory`
      : `Pre-analysis plan (sha256 ${reg.sha256}): followed`,
    columns: [
      col('field', 'plan field', 'text', { qualifier: true }),
      col('config', 'config field', 'text', { displayOnly: true }),
      col('planned', 'planned', 'text'),
      col('analysed', 'this analysis', 'text'),
      col('status', 'status', 'text'),
    ],
    rows: [
      {
        field: 'sha256',
        config: '',
        planned: reg.sha256,
        analysed: 'the frozen plan hashes to its stamp',
        status: 'verified',
      },
      {
        field: 'analysis',
        config: '',
        planned: 'the primary analysis',
        analysed: deviates ? 'deviates from the frozen plan (--exploratory)' : 'as planned',
        status: deviates ? 'exploratory' : 'confirmatory',
      },
      ...reg.comparison.map((r) => ({
        field: r.field,
        config: r.configField,
        planned: r.planned,
        analysed: r.analysed,
        status: r.status,
      })),
    ],
    notes: [
      planStatusLine(reg),
      `The hash is the SHA-256 of the RFC 8785 canonical JSON of the complete plan without its "frozen" stamp (check: jq -j .frozen.canonical ${reg.file} | sha256sum); compare it with the registered hash.`,
      ...(reg.plan.notes ? [`Plan notes: ${reg.plan.notes}`] : []),
    ],
  };
}

function confirmatorySection(reg: PreRegistration, sections: readonly Section[]): Section {
  const c = reg.confirmatory;
  const p = reg.plan.primary;
  const base = {
    id: 'confirmatory',
    columns: [] as SectionColumn[],
    rows: [] as Record<string, Cell>[],
  };
  if (!c) {
    return {
      ...base,
      title: 'Confirmatory result: none',
      notes: [
        reg.deviations.length > 0
          ? `No confirmatory result: the analysis deviates from the frozen plan (${reg.deviations.join('; ')}); every result below is exploratory.`
          : `No confirmatory result: the analysis holds no effect on ${p.outcome} at month ${p.month}.`,
      ],
    };
  }
  const { treatment, control } = c.contrast;
  const source = sections.find((s) => s.id === 'effect' && s.keys?.event === c.event);
  const i = source?.rows.findIndex((r) => r.month === c.month) ?? -1;
  const sourceMarks = i >= 0 ? source?.suppressed?.[i] : undefined;
  const from =
    c.estimator === 'adjusted'
      ? { estimate: 'adj', se: 'adj_se', p: 'adj_p', stars: 'adj_stars' }
      : { estimate: 'raw', se: 'raw_se', p: 'raw_p', stars: 'raw_stars' };
  const marks: Record<string, SuppressionMark> = {};
  const copy = (to: string[], fromId: string) => {
    const mark = sourceMarks?.[fromId];
    if (mark) for (const t of to) marks[t] = mark;
  };
  for (const k of ['n_t', 'n_c', 'share_t', 'share_c']) copy([k], k);
  copy(['estimate', 'ci', 'lower', 'upper'], from.estimate);
  copy(['se'], from.se);
  copy(['p', 'df'], from.p);
  copy(['stars'], from.stars);
  const e = c.effect;
  const level = `${Math.round(p.level * 1000) / 10} %`;
  return {
    ...base,
    title: `Confirmatory result (pre-registered): effect on ${c.event} at month ${c.month} (${treatment} − ${control}, ${c.estimator})`,
    keys: { event: c.event, month: c.month },
    columns: [
      col('n_t', `${treatment} n`, 'int', { arm: treatment, measure: 'n' }),
      col('n_c', `${control} n`, 'int', { arm: control, measure: 'n' }),
      col('share_t', treatment, 'percent', { arm: treatment, measure: 'share' }),
      col('share_c', control, 'percent', { arm: control, measure: 'share' }),
      col('estimate', 'effect', 'pp', { measure: `${c.estimator}.estimate` }),
      col('ci', `${level} CI (pp)`, 'text', { displayOnly: true }),
      col('lower', 'lower', 'pp', { measure: `${c.estimator}.ci_lower`, csvOnly: true }),
      col('upper', 'upper', 'pp', { measure: `${c.estimator}.ci_upper`, csvOnly: true }),
      col('se', 'SE', 'points', { measure: `${c.estimator}.std_error` }),
      col('df', 'df', 'number', { measure: `${c.estimator}.df`, csvOnly: true }),
      col('p', 'p', 'p', { measure: `${c.estimator}.p_value` }),
      col('stars', '', 'text', { displayOnly: true }),
    ],
    rows: [
      {
        n_t: c.nTreated,
        n_c: c.nControl,
        share_t: c.shareTreated,
        share_c: c.shareControl,
        estimate: e?.estimate ?? null,
        ci: e ? `${signed(e.ci[0])} to ${signed(e.ci[1])}` : null,
        lower: e?.ci[0] ?? null,
        upper: e?.ci[1] ?? null,
        se: e?.stdError ?? null,
        df: e?.df ?? null,
        p: e?.pValue ?? null,
        stars: e?.stars ?? null,
      },
    ],
    suppressed: [Object.keys(marks).length > 0 ? marks : undefined],
    ...(source?.threshold !== undefined ? { threshold: source.threshold } : {}),
    notes: [
      e
        ? `Method: ${e.method}; two-sided, at the planned level ${p.level}. The one pre-registered test: its p-value needs no adjustment for the other months, outcomes or subgroups, which are exploratory.`
        : `Not estimable: ${c.notEstimable}.`,
      `Pre-analysis plan sha256 ${reg.sha256}.`,
    ],
  };
}

/**
 * The sections of a pre-registered run: the plan section (hash, status, field-by-field
 * comparison), the confirmatory section, then `sections` (the evaluation's, from
 * `evaluationSections`, already under disclosure control) with every title prefixed
 * {@link EXPLORATORY_PREFIX}.
 *
 * @example
 * const reg = preRegistration(verified, result, { file: 'frozen.json' });
 * renderMarkdown(result.title, preRegisteredSections(evaluationSections(result), reg));
 */
export function preRegisteredSections(
  sections: readonly Section[],
  reg: PreRegistration,
): Section[] {
  return [
    planSection(reg),
    confirmatorySection(reg, sections),
    ...sections.map((s) => ({ ...s, title: `${EXPLORATORY_PREFIX}${s.title}` })),
  ];
}

/**
 * The plan's part of a pre-registered run's JSON (the first key of `analyze --format json`): the
 * hash, the status, the deviations and the comparison; with `complete` (no disclosure control)
 * also the plan and the confirmatory result's numbers (else they are in the sections).
 *
 * @example
 * preRegistrationJson(reg, { complete: false }).sha256; // '3b1f…'
 */
export function preRegistrationJson(
  reg: PreRegistration,
  options: { readonly complete: boolean },
): Record<string, unknown> {
  rejectUnknownKeys(options, { complete: true }, 'preRegistrationJson');
  return {
    file: reg.file,
    sha256: reg.sha256,
    status:
      reg.deviations.length > 0
        ? 'exploratory: deviates from the frozen plan'
        : 'as planned: confirmatory result in section "confirmatory"',
    statement: planStatusLine(reg),
    deviations: reg.deviations,
    comparison: reg.comparison,
    plan: reg.plan,
    ...(options.complete && reg.confirmatory ? { confirmatory: reg.confirmatory } : {}),
  };
}
