/**
 * The Den Haag pilot analysis ("WW (niet) naar bijstand"), end to end through the public API:
 * the assignment audit, participation (Table 2), cumulative flow-through into bijstand per month
 * (Figure 2a), raw and adjusted effects per month (Figure 2b), the months from which the effect
 * is significant, and the policy figures. Runs unchanged on a real extract with the same columns
 * (or with the column names changed in the config).
 */
import type { EffectSeries } from '../../analysis/effect-series.js';
import { type ImpactFigures, impactFigures, impactSentences } from '../../analysis/impact.js';
import { effectAndControlRate } from '../../analysis/impact-inputs.js';
import type { ParticipationTable } from '../../analysis/participation.js';
import type { SignificantMonths } from '../../analysis/significance.js';
import type { SampleRatioResult } from '../../assign/srm.js';
import { asTable, type TableInput } from '../../data/columns.js';
import { type HtmlConvertible, withDisplay } from '../../display.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { applyFilter } from '../../evaluate/filter.js';
import type { SignificanceSummary } from '../../evaluate/result.js';
import { formatNumber, formatPEquals, formatPercent, formatPp } from '../../format.js';
import { type Language, numberStyleOf, parseLanguage, type Texts, textOf } from '../../language.js';
import {
  type CumulativeOutflowResult,
  makeOutflowResult,
  type OutflowBenchmark,
} from '../../outcomes/outflow-result.js';
import type { RandomizationResult } from '../../plan/randomization-inference.js';
import type { DisclosureOptions } from '../../report/disclosure.js';
import type { Estimate } from '../../stats/estimate.js';
import { pAdjust } from '../../stats/multiplicity.js';
import { rejectUnknownKeys } from '../../stats/option-keys.js';
import { type Block, type Document, documentMarkdown, formatCell } from '../../table/index.js';
import { ciText } from '../shared/report-language.js';
import { DEN_HAAG_PILOT_CONFIG, PILOT_CONFIG_KEYS, type PilotConfig, pilotPlan } from './plan.js';
import { protectPilotDocument } from './report-disclosure.js';
import { pilotBlocksNl } from './report-document-dutch.js';
import { type PilotSensitivity, pilotSensitivity, sensitivityBlocks } from './sensitivity.js';

/** Everything the pilot analysis computes. */
export interface PilotResult extends HtmlConvertible {
  readonly config: PilotConfig;
  /** Sample-ratio test of the whole population against the intended weights. */
  readonly assignment: SampleRatioResult;
  /** Clients per arm in the analysed decile. */
  readonly decileCounts: { readonly treatment: number; readonly control: number };
  readonly participation: ParticipationTable;
  readonly outflow: CumulativeOutflowResult;
  readonly effects: EffectSeries;
  readonly significance: { readonly at10: SignificantMonths; readonly at05: SignificantMonths };
  /** Month-M shares (complete follow-up) and the raw and adjusted effects. */
  readonly final: {
    readonly month: number;
    readonly shareTreatment: number;
    readonly shareControl: number;
    readonly raw: number;
    readonly adjusted: number;
  };
  readonly impact: ImpactFigures;
  /** Clients in the analysed decile who followed a trajectory (had a conversation). */
  readonly participants: number;
  /** Complier effect at month M by 2SLS with the covariates (the IV reading), HC2. */
  readonly complier: Estimate;
  /** Its first-stage F (robust Wald test of assignment). */
  readonly complierFirstStageF: number;
  /** The month-M effect by complete follow-up (published), Kaplan–Meier and RMST. */
  readonly sensitivity: PilotSensitivity;
  /** Randomisation inference at month M (raw and adjusted), seeded: `config.randomization`. */
  readonly randomization: RandomizationResult;
}

/**
 * Runs the pilot analysis on a client table: `evaluate(table, pilotPlan(config))` — the
 * sample-ratio test on the whole population, then on the decile `config.decileColumn` =
 * `config.decile` Table 2, the cumulative flow-through (complete follow-up, with the benchmark
 * line), the raw and adjusted effects per month (OLS on assignment plus `config.covariates`,
 * HC2 SEs) and the first significant months at 10 % and 5 % — plus the pilot's own policy
 * figures: the month-M control share, the adjusted month-M effect, the decile's experiment-arm
 * size and the number of its clients who had a conversation — and, as a sensitivity row beside
 * the published complete follow-up, the month-M Kaplan–Meier difference and the RMST difference.
 * An unknown key of `config` is an error; `config.lang` sets the language in which the result
 * prints and shows in a notebook.
 *
 * @example
 * const table = await loadTable('data/den-haag-pilot.csv');
 * const result = denHaagPilot(table);
 * pilotMarkdown(result); // the whole report as Markdown
 * denHaagPilot(table, { lang: 'nl' }); // shown in a notebook as the Dutch report
 */
export function denHaagPilot(
  data: TableInput,
  config: Partial<PilotConfig> = {},
  benchmark?: OutflowBenchmark,
): PilotResult {
  rejectUnknownKeys(config, PILOT_CONFIG_KEYS, 'denHaagPilot');
  const lang = parseLanguage(config.lang, 'denHaagPilot: lang');
  const c: PilotConfig = { ...DEN_HAAG_PILOT_CONFIG, ...config };
  const evaluation = evaluate(asTable(data), pilotPlan(c), benchmark ? { benchmark } : {});
  // The plan always has weights, one event and participation, so these are present.
  const assignment = evaluation.assignment.sampleRatio!;
  const participation = evaluation.participation!.table;
  const { series: effects, significance: levels } = evaluation.effects[0]!;
  const significance = {
    at10: adjustedAt(levels, 0.1),
    at05: adjustedAt(levels, 0.05),
  };
  const decileCounts = evaluation.assignment.analysed;
  const last = effects.months[effects.months.length - 1]!;
  const adjusted = last.adjusted!;
  const participants = participation.received.treatment.count;
  // The control share and the effect share their control clients: the relative reduction's
  // interval needs their covariance (joint influence functions on the same month-M sample).
  const plan = pilotPlan(c);
  const joint = effectAndControlRate(applyFilter(asTable(data), plan.filter), {
    arm: c.arm,
    treatment: c.treatment,
    control: c.control,
    event: c.event,
    followup: c.followup,
    covariates: c.covariates,
    missing: 'drop',
    month: last.month,
  });
  const impact = impactFigures({
    n: decileCounts.treatment,
    controlRate: joint.controlRate,
    effect: adjusted,
    covariance: joint.covariance,
    participants,
    participationDifference: participation.received.difference.estimate,
  });
  const complierFit = evaluation.participation!.complier[0]!.result.adjusted!;
  const result: Omit<PilotResult, 'toHTML'> = {
    config: c,
    assignment,
    decileCounts,
    participation,
    outflow: makeOutflowResult(evaluation.outflow),
    effects,
    significance,
    final: {
      month: last.month,
      shareTreatment: last.shareTreated,
      shareControl: last.shareControl,
      raw: last.raw.estimate,
      adjusted: adjusted.estimate,
    },
    impact,
    participants,
    complier: complierFit.complier,
    complierFirstStageF: complierFit.firstStage.f,
    sensitivity: pilotSensitivity(data, c, effects),
    randomization: evaluation.randomization![0]!.result,
  };
  return withDisplay(result, (r) => pilotDocument(r, {}, lang), lang);
}

/** The first significant months of the adjusted effect at one level, as the report gives them. */
function adjustedAt(levels: readonly SignificanceSummary[], level: number): SignificantMonths {
  const found = levels.find((s) => s.estimate === 'adjusted' && s.level === level)!;
  const { estimate: _, ...months } = found;
  return months;
}

/**
 * What the first significant months are, and what they become across all months: the readings
 * above are pointwise (each month tested on its own, as the published report does), and the
 * months are that many correlated looks at accumulating data, so the sentence also gives Holm's
 * adjustment across the months (how many months stay below 5 %, and the smallest adjusted p).
 */
export function multiplicityText(effects: EffectSeries): string {
  const tested = effects.months.filter((m) => m.adjusted !== undefined && m.adjusted.stdError > 0);
  if (tested.length < 2) return 'These readings are pointwise: each month is tested on its own.';
  const holm = pAdjust(
    tested.map((m) => m.adjusted!.pValue),
    'holm',
  );
  const smallest = Math.min(...holm);
  const at = tested[holm.indexOf(smallest)]!.month;
  const below = holm.filter((p) => p < 0.05).length;
  return `These readings are pointwise: each month is tested on its own. The ${tested.length} months are ${tested.length} correlated looks at the same clients; with Holm's adjustment across them the smallest adjusted p-value is ${formatNumber(smallest, 3)} (month ${at}), and ${below === 0 ? 'no month stays' : below === 1 ? 'one month stays' : `${below} months stay`} below 5 %. A simultaneous band over all months: effectmeting analyze with methods.band "sup-t".`;
}

/**
 * The randomisation p-value of the month-M effects next to the asymptotic ones, with the draws,
 * the Monte Carlo SE and how the assignment was re-drawn.
 *
 * @example
 * randomizationText(result.randomization);
 * // "Randomisation inference at month 24 (2,000 draws, seed 1): adjusted effect p = 0.025 (Monte Carlo SE 0.004; asymptotic 0.026), raw p = … ."
 */
export function randomizationText(ri: RandomizationResult): string {
  const part = (name: string, s: RandomizationResult['itt']) =>
    `${name} p = ${formatNumber(s.pValue, 3)} (Monte Carlo SE ${formatNumber(s.monteCarloSe, 3)}; asymptotic ${formatNumber(s.pValueModel, 3)})`;
  const parts = [
    ...(ri.adjusted ? [part('adjusted effect', ri.adjusted)] : []),
    part('raw difference', ri.itt),
  ];
  const how = ri.exact
    ? `exact, all ${formatCell(ri.draws, 'int')} assignments`
    : `${formatCell(ri.draws, 'int')} draws, seed ${JSON.stringify(ri.seed)}`;
  return `Randomisation inference at month ${ri.month} (${how}; Fisher's sharp null of no effect for any client, ${ri.design}): ${parts.join(', ')}.`;
}

/** "from month 12 onward" or "not significant in any month" — the reports' phrasing. */
export function significanceText(s: SignificantMonths): string {
  const level = `${Math.round(s.level * 100)} %`;
  if (s.from === null) {
    return s.first === null
      ? `not significant at the ${level} level in any month`
      : `significant at the ${level} level in months ${s.months.join(', ')}, but not through the last month`;
  }
  return `significant at the ${level} level from month ${s.from} onward`;
}

/**
 * The pilot result as one document: title, assignment, Table 2, Figures 2a and 2b as tables,
 * the summary and the policy figures. {@link pilotMarkdown} writes it; the result's display and
 * `toHTML()` show it. Its tables go through the same disclosure control as the HTML report
 * (`protectPilotDocument`: counts below `threshold`, default 10, as "< 10", what reveals them "x").
 * With `lang: 'nl'` the same sections in Dutch (`pilotBlocksNl`): write it with
 * `documentMarkdown(doc, { lang: 'nl' })` for the Dutch numbers of its typed tables.
 *
 * @example
 * documentText(pilotDocument(denHaagPilot(table))); // the report as terminal text
 * documentMarkdown(pilotDocument(result, {}, 'nl'), { lang: 'nl' }); // "# Pilot Den Haag …"
 */
export function pilotDocument(
  r: Omit<PilotResult, 'toHTML'>,
  disclosure: DisclosureOptions = {},
  lang: Language = 'en',
): Document {
  if (lang === 'nl') return protectPilotDocument(pilotBlocksNl(r), r, disclosure, lang);
  const c = r.config;
  const f = r.final;
  const last = r.effects.months.at(-1)!.adjusted!;
  return protectPilotDocument(pilotBlocks(r, c, f, last), r, disclosure);
}

function pilotBlocks(
  r: Omit<PilotResult, 'toHTML'>,
  c: PilotConfig,
  f: PilotResult['final'],
  last: NonNullable<PilotResult['effects']['months'][number]['adjusted']>,
): Block[] {
  const lastRaw = r.effects.months.at(-1)!.raw;
  return [
    {
      kind: 'heading',
      level: 1,
      text: 'Den Haag pilot "WW (niet) naar bijstand": effect measurement',
    },
    {
      kind: 'paragraph',
      text: `Decile ${c.decile} of the Maatwerkscan; outcome: flow-through into bijstand (\`${c.event}\`).`,
    },
    { kind: 'heading', level: 2, text: 'Assignment' },
    ...r.assignment.toDocument(),
    // The blank line the report has always had after an embedded result (see `spaced`).
    { kind: 'paragraph', text: `\n${decileSentence(r)}` },
    { kind: 'heading', level: 2, text: 'Participation (Table 2)' },
    ...spaced(r.participation.toDocument()),
    {
      kind: 'heading',
      level: 2,
      text: 'Cumulative flow-through into bijstand per month (Figure 2a)',
    },
    ...spaced(r.outflow.toDocument()),
    { kind: 'heading', level: 2, text: 'Effect per month, raw and adjusted (Figure 2b)' },
    ...spaced(r.effects.toDocument()),
    effectIntervalsBlock(r),
    { kind: 'heading', level: 2, text: 'Summary' },
    {
      kind: 'list',
      items: [
        `Month ${f.month}: ${c.treatment} ${formatPercent(f.shareTreatment)}, ${c.control} ${formatPercent(f.shareControl)}; raw difference ${formatPp(f.raw)} (95 % CI ${formatPp(lastRaw.ci[0])} to ${formatPp(lastRaw.ci[1])}).`,
        `Adjusted effect at month ${f.month}: ${formatPp(f.adjusted)} (SE ${formatPp(last.stdError)}, ${formatPEquals(last.pValue)}).`,
        `The adjusted effect is ${significanceText(r.significance.at10)}, and ${significanceText(r.significance.at05)} (pointwise).`,
        multiplicityText(r.effects),
        randomizationText(r.randomization),
      ],
    },
    { kind: 'heading', level: 2, text: 'Policy figures' },
    ...policyBlocks(r),
    { kind: 'heading', level: 2, text: 'Sensitivity: the censoring method' },
    ...sensitivityBlocks(r.sensitivity, c),
  ];
}

/**
 * Both effects per month with their confidence intervals (the raw difference's as well as the
 * adjusted effect's), a table of the table model: percentage points in the text, fractions in
 * the CSV and JSON (`raw_ci_lower`, `raw_ci_upper`, `adjusted_ci_lower`, `adjusted_ci_upper`).
 * Raw differences that would reveal a suppressed count are hidden (`protectPilotDocument`).
 *
 * @example
 * effectIntervalsBlock(result).table.columns.map((c) => c.id);
 * // ['month', 'raw', 'raw_ci', 'raw_ci_lower', 'raw_ci_upper', 'adjusted', 'adjusted_ci', …]
 */
export function effectIntervalsBlock(r: Omit<PilotResult, 'toHTML'>, lang: Language = 'en'): Block {
  const t = textOf(INTERVAL_TEXTS, lang);
  const style = numberStyleOf(lang);
  const level = formatPercent(r.effects.level, 0, style);
  // "−2.0 pp to 1.8 pp" in English (as it always was), "−2,0 tot 1,8 procentpunt" in Dutch
  const interval = (ci: readonly [number, number]) =>
    lang === 'en' ? `${formatPp(ci[0])} to ${formatPp(ci[1])}` : ciText(ci, lang);
  const pp = (id: string, label: string) => ({ id, label, format: 'pp' as const, csvOnly: true });
  const adjusted = r.effects.months.some((m) => m.adjusted);
  return {
    kind: 'table',
    table: {
      id: 'effect_intervals',
      title: t.title(level),
      columns: [
        { id: 'month', label: t.month, format: 'int', key: 'month' },
        { id: 'raw', label: t.raw, format: 'pp' },
        { id: 'raw_ci', label: t.rawCi(level), format: 'text', displayOnly: true },
        pp('raw_ci_lower', 'raw CI lower'),
        pp('raw_ci_upper', 'raw CI upper'),
        ...(adjusted
          ? [
              { id: 'adjusted', label: t.adjusted, format: 'pp' as const },
              {
                id: 'adjusted_ci',
                label: t.adjustedCi(level),
                format: 'text' as const,
                displayOnly: true,
              },
              pp('adjusted_ci_lower', 'adjusted CI lower'),
              pp('adjusted_ci_upper', 'adjusted CI upper'),
            ]
          : []),
      ],
      rows: r.effects.months.map((m) => ({
        month: m.month,
        raw: m.raw.estimate,
        raw_ci: interval(m.raw.ci),
        raw_ci_lower: m.raw.ci[0],
        raw_ci_upper: m.raw.ci[1],
        ...(m.adjusted
          ? {
              adjusted: m.adjusted.estimate,
              adjusted_ci: interval(m.adjusted.ci),
              adjusted_ci_lower: m.adjusted.ci[0],
              adjusted_ci_upper: m.adjusted.ci[1],
            }
          : {}),
      })),
    },
    note: t.note(level),
  };
}

/** The labels and note of {@link effectIntervalsBlock} in each language (the CSV ids stay English). */
const INTERVAL_TEXTS: Texts<{
  readonly title: (level: string) => string;
  readonly month: string;
  readonly raw: string;
  readonly rawCi: (level: string) => string;
  readonly adjusted: string;
  readonly adjustedCi: (level: string) => string;
  readonly note: (level: string) => string;
}> = {
  en: {
    title: (level) => `Effect per month with ${level} confidence intervals`,
    month: 'month',
    raw: 'raw difference',
    rawCi: (level) => `${level} CI (raw)`,
    adjusted: 'adjusted effect',
    adjustedCi: (level) => `${level} CI (adjusted)`,
    note: (level) =>
      `Both effects of the table above with their ${level} confidence intervals, each from the test named in its method (the raw difference's interval is Newcombe's in a month with few events).`,
  },
  nl: {
    title: (level) => `Effect per maand met ${level}-betrouwbaarheidsintervallen`,
    month: 'maand',
    raw: 'ongecorrigeerd verschil',
    rawCi: (level) => `${level}-interval (ongecorrigeerd)`,
    adjusted: 'gecorrigeerd effect',
    adjustedCi: (level) => `${level}-interval (gecorrigeerd)`,
    note: (level) =>
      `Beide effecten uit de tabel hierboven met hun ${level}-betrouwbaarheidsintervallen, elk van de toets die in de methode genoemd wordt (het interval van het ongecorrigeerde verschil is dat van Newcombe in een maand met weinig gebeurtenissen).`,
  },
};

/** "Decile 1: 978 experiment, 240 control." */
export function decileSentence(r: Omit<PilotResult, 'toHTML'>): string {
  const c = r.config;
  return `Decile ${c.decile}: ${r.decileCounts.treatment} ${c.treatment}, ${r.decileCounts.control} ${c.control}.`;
}

/**
 * The policy figures (expected flow-through, prevented, relative reduction, trajectories per
 * success, the instrumental-variable reading as the 2SLS complier effect), each with its
 * interval, in the library's generic wording (`impactSentences`), and their interval method.
 * Everything printed is computed from the data; nothing is matched to a published figure.
 *
 * @example
 * policyBlocks(result)[0]; // { kind: 'list', items: ['Expected flow-throughs into bijstand without the service: 978 × 41.48 % = …', …] }
 */
export function policyBlocks(r: Omit<PilotResult, 'toHTML'>): Block[] {
  const f = r.final;
  return [
    {
      kind: 'list',
      items: impactSentences(r.impact, {
        n: r.decileCounts.treatment,
        controlRate: f.shareControl,
        effect: f.adjusted,
        participants: r.participants,
        complier: r.complier,
        firstStageF: r.complierFirstStageF,
        participationDifference: r.participation.received.difference.estimate,
        cases: 'flow-throughs into bijstand',
      }),
    },
    {
      kind: 'paragraph',
      text: `Intervals: ${r.impact.method}. Counts of clients are rounded to the nearest whole client.`,
    },
  ];
}

/**
 * A result's blocks with one more blank line after them in Markdown (a line break ending its
 * last paragraph): the report has always written each result's Markdown, which ends in a
 * newline, followed by a blank line, and `reproduce den-haag` keeps that output byte for byte.
 */
function spaced(document: Document): Block[] {
  const blocks = [...document];
  const last = blocks.at(-1);
  if (last?.kind === 'paragraph' || last?.kind === 'note') {
    blocks[blocks.length - 1] = { ...last, text: `${last.text}\n` };
  }
  return blocks;
}

/**
 * The pilot result as a Markdown report (stdout of `npm run pilot`, and `out/den-haag-pilot.md`),
 * in English (default) or Dutch.
 *
 * @example
 * pilotMarkdown(result, {}, 'nl'); // "# Pilot Den Haag \"WW (niet) naar bijstand\": effectmeting …"
 */
export function pilotMarkdown(
  r: Omit<PilotResult, 'toHTML'>,
  disclosure: DisclosureOptions = {},
  lang: Language = 'en',
): string {
  return documentMarkdown(pilotDocument(r, disclosure, lang), { lang });
}
