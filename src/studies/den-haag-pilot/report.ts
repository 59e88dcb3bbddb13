/**
 * The Den Haag pilot analysis ("WW (niet) naar bijstand"), end to end through the public API:
 * the assignment audit, participation (Table 2), cumulative flow-through into bijstand per month
 * (Figure 2a), raw and adjusted effects per month (Figure 2b), the months from which the effect
 * is significant, and the policy figures. Runs unchanged on a real extract with the same columns
 * (or with the column names changed in the config).
 */
import type { ColumnTable } from 'arquero';
import { type EffectSeries, effectSeries } from '../../analysis/effect-series.js';
import { type ImpactFigures, impactFigures, oneIn } from '../../analysis/impact.js';
import { type ParticipationTable, participationTable } from '../../analysis/participation.js';
import { firstSignificantMonth, type SignificantMonths } from '../../analysis/significance.js';
import { type SampleRatioResult, sampleRatioTest } from '../../assign/srm.js';
import { asTable, numberColumn, stringColumn, type TableInput } from '../../data/columns.js';
import { type HtmlConvertible, withDisplay } from '../../display.js';
import { InputError } from '../../errors.js';
import { formatPercent, formatPp } from '../../format.js';
import { cumulativeOutflow } from '../../outcomes/cumulative-outflow.js';
import type { CumulativeOutflowResult, OutflowBenchmark } from '../../outcomes/outflow-result.js';
import { DEN_HAAG_COVARIATES, DEN_HAAG_WEIGHTS, FOLLOW_UP } from './design.js';

/** Column names and choices of the pilot analysis; every field has the report's default. */
export interface PilotConfig {
  readonly arm: string;
  readonly treatment: string;
  readonly control: string;
  /** Intended assignment weights (80/20). */
  readonly weights: Readonly<Record<string, number>>;
  readonly decileColumn: string;
  /** The decile analysed (1 = highest predicted risk). */
  readonly decile: number;
  readonly event: string;
  readonly followup: string;
  readonly months: number;
  /** The ten background characteristics of Figure 2b. */
  readonly covariates: readonly string[];
  readonly participation: string;
}

/** The defaults: the report's design, with the column names of `data/den-haag-pilot.csv`. */
export const DEN_HAAG_PILOT_CONFIG: PilotConfig = {
  arm: 'arm',
  treatment: 'experiment',
  control: 'control',
  weights: DEN_HAAG_WEIGHTS,
  decileColumn: 'decile',
  decile: 1,
  event: 'month_bijstand',
  followup: 'followup_months',
  months: FOLLOW_UP,
  covariates: DEN_HAAG_COVARIATES,
  participation: 'participation',
};

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
}

const PARTICIPATION_CATEGORIES = [
  { value: 'not_assessed', label: 'not assessed, no conversation' },
  { value: 'assessed_no_conversation', label: 'assessed, no conversation' },
  { value: 'assessed_conversation', label: 'assessed, conversation' },
  { value: 'uwv_conversation', label: 'UWV conversation only', parent: 'assessed_conversation' },
  {
    value: 'three_way_conversation',
    label: 'one or more three-way conversations (UWV, municipality, client)',
    parent: 'assessed_conversation',
  },
] as const;

/**
 * Runs the pilot analysis on a client table. The decile is selected by `config.decileColumn`;
 * effects use complete follow-up (clients observed at least m months at month m), the adjusted
 * effect OLS on assignment plus `config.covariates` with HC2 SEs; the policy figures use the
 * month-M control share, the adjusted month-M effect, the decile's experiment-arm size and the
 * number of its clients who had a conversation.
 *
 * @example
 * const table = await loadTable('data/den-haag-pilot.csv');
 * const result = denHaagPilot(table);
 * pilotMarkdown(result); // the whole report as Markdown
 */
export function denHaagPilot(
  data: TableInput,
  config: Partial<PilotConfig> = {},
  benchmark?: OutflowBenchmark,
): PilotResult {
  const c: PilotConfig = { ...DEN_HAAG_PILOT_CONFIG, ...config };
  const table = asTable(data);
  const arms = stringColumn(table, c.arm);
  const counts: Record<string, number> = {};
  for (const a of arms) if (a !== null) counts[a] = (counts[a] ?? 0) + 1;
  const assignment = sampleRatioTest(counts, c.weights);

  const decile = selectDecile(table, c);
  const decileArms = stringColumn(decile, c.arm);
  const decileCounts = {
    treatment: decileArms.filter((a) => a === c.treatment).length,
    control: decileArms.filter((a) => a === c.control).length,
  };
  const participation = participationTable(decile, {
    arm: c.arm,
    treatment: c.treatment,
    control: c.control,
    participation: c.participation,
    categories: PARTICIPATION_CATEGORIES,
    received: ['assessed_conversation'],
  });
  const outflow = cumulativeOutflow(decile, {
    events: { bijstand: c.event },
    followup: c.followup,
    group: c.arm,
    groups: [c.treatment, c.control],
    months: c.months,
    method: 'complete',
    ...(benchmark ? { benchmark } : {}),
  });
  const effects = effectSeries(decile, {
    arm: c.arm,
    treatment: c.treatment,
    control: c.control,
    event: c.event,
    followup: c.followup,
    months: c.months,
    covariates: c.covariates,
  });
  const significance = {
    at10: firstSignificantMonth(effects, { level: 0.1 }),
    at05: firstSignificantMonth(effects, { level: 0.05 }),
  };
  const last = effects.months[effects.months.length - 1]!;
  const adjusted = last.adjusted!;
  const participants = participation.received.treatment.count;
  const impact = impactFigures({
    n: decileCounts.treatment,
    controlRate: {
      estimate: last.shareControl,
      stdError: Math.sqrt((last.shareControl * (1 - last.shareControl)) / last.nControl),
    },
    effect: adjusted,
    participants,
    participationDifference: participation.received.difference.estimate,
  });
  const result: Omit<PilotResult, 'toHTML'> = {
    config: c,
    assignment,
    decileCounts,
    participation,
    outflow,
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
  };
  return withDisplay(result, pilotMarkdown);
}

function selectDecile(table: ColumnTable, c: PilotConfig): ColumnTable {
  const deciles = numberColumn(table, c.decileColumn, { missing: 'nan' });
  const rows: Record<string, unknown>[] = [];
  const objects = table.objects() as Record<string, unknown>[];
  deciles.forEach((d, i) => {
    if (d === c.decile) rows.push(objects[i]!);
  });
  if (rows.length === 0) {
    throw new InputError(`no clients with ${c.decileColumn} = ${c.decile}`, {
      code: 'empty-group',
      column: c.decileColumn,
      value: String(c.decile),
    });
  }
  return asTable(rows);
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

/** The pilot result as a Markdown report (stdout of `npm run pilot`, and `out/den-haag-pilot.md`). */
export function pilotMarkdown(r: Omit<PilotResult, 'toHTML'>): string {
  const c = r.config;
  const f = r.final;
  const i = r.impact;
  const lines = [
    '# Den Haag pilot "WW (niet) naar bijstand": effect measurement',
    '',
    `Decile ${c.decile} of the Maatwerkscan; outcome: flow-through into bijstand (\`${c.event}\`).`,
    '',
    '## Assignment',
    '',
    r.assignment.toMarkdown(),
    '',
    `Decile ${c.decile}: ${r.decileCounts.treatment} ${c.treatment}, ${r.decileCounts.control} ${c.control}.`,
    '',
    '## Participation (Table 2)',
    '',
    r.participation.toMarkdown(),
    '',
    `## Cumulative flow-through into bijstand per month (Figure 2a)`,
    '',
    r.outflow.toMarkdown(),
    '',
    '## Effect per month, raw and adjusted (Figure 2b)',
    '',
    r.effects.toMarkdown(),
    '',
    '## Summary',
    '',
    `- Month ${f.month}: ${c.treatment} ${formatPercent(f.shareTreatment)}, ${c.control} ${formatPercent(f.shareControl)}; raw difference ${formatPp(f.raw)}.`,
    `- Adjusted effect at month ${f.month}: ${formatPp(f.adjusted)} (SE ${formatPp(r.effects.months.at(-1)!.adjusted!.stdError)}, p = ${r.effects.months.at(-1)!.adjusted!.pValue.toFixed(3)}).`,
    `- The adjusted effect is ${significanceText(r.significance.at10)}, and ${significanceText(r.significance.at05)}.`,
    '',
    '## Policy figures',
    '',
    `- Expected flow-through without the service: ${r.decileCounts.treatment} × ${formatPercent(f.shareControl, 2)} = ${i.expected.value.toFixed(1)}, i.e. ${Math.floor(i.expected.value)} whole clients (95 % CI ${Math.round(i.expected.ci[0])}–${Math.round(i.expected.ci[1])}; the report also counts whole clients: 978 × 41.5 % = 405.9 is printed as 405).`,
    `- Prevented: ${r.decileCounts.treatment} × ${formatPp(-f.adjusted).replace(' pp', ' %')} = ${Math.round(i.prevented.value)} clients (95 % CI ${Math.round(i.prevented.ci[0])}–${Math.round(i.prevented.ci[1])}).`,
    `- Relative reduction: ${Math.round(i.prevented.value)} / ${Math.floor(i.expected.value)} = ${formatPercent(i.relativeReduction.value, 0)} (95 % CI ${formatPercent(i.relativeReduction.ci[0], 0)} to ${formatPercent(i.relativeReduction.ci[1], 0)}).`,
    `- Trajectories: ${r.participants} clients had a conversation; ${r.participants} / ${Math.round(i.prevented.value)} = ${i.trajectoriesPerSuccess!.value.toFixed(1)}: ${oneIn(i.trajectoriesPerSuccess!.value)} trajectories effective.`,
    `- Instrumental-variable reading: ${formatPp(f.adjusted)} / ${formatPp(r.participation.received.difference.estimate)} = ${(-i.effectPerParticipant!).toFixed(2)} per participant.`,
    '',
    `Intervals: ${i.method}.`,
    '',
  ];
  return lines.join('\n');
}
