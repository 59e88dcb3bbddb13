/**
 * The presentation of an evaluation (`evaluate` in `src/evaluate/`): its result as sections of
 * the result-table model, with labels, formats and notes. Nothing is computed here.
 */
import type { Exclusion } from '../analysis/comparison.js';
import { notEstimableNotes } from '../analysis/effect-series.js';
import {
  type AnalysisResult,
  describeFilter,
  type SignificanceSummary,
} from '../evaluate/index.js';
import { formatCount, formatNumber, formatPEquals, formatPp } from '../format.js';
import { REPORT_STAR_LEVELS, type StarLevels, starsAt } from '../stats/stars.js';
import type { Cell, Section, SectionColumn } from '../table/index.js';
import { armContrastSection } from './arm-contrast-section.js';
import { type DisclosureOptions, noteCount } from './disclosure.js';
import { protectSections } from './evaluation-disclosure.js';
import { survivalSections } from './survival-sections.js';

const col = (
  id: string,
  label: string,
  format: SectionColumn['format'],
  extra: Partial<SectionColumn> = {},
): SectionColumn => ({ id, label, format, ...extra });

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

function exclusionNotes(excluded: readonly Exclusion[], d: DisclosureOptions): string[] {
  return excluded.map((e) => `Left out: ${noteCount(e.count, d)} (${e.reason}).`);
}

/** How a first-significant-month reading was made: pointwise, multiplicity-adjusted, or jointly. */
function readingOf(s: SignificanceSummary, pAdjust: string): string {
  if (s.simultaneous) return 'simultaneous (sup-t band)';
  return pAdjust === 'none' ? 'pointwise' : `pointwise, ${pAdjust}-adjusted p`;
}

function significanceText(s: SignificanceSummary, pAdjust: string): string {
  const what = `${s.estimate} effect, ${s.simultaneous ? `simultaneous band at ${s.level}` : `p < ${s.level}`} (${readingOf(s, pAdjust)})`;
  if (s.from !== null) return `${what}: significant from month ${s.from} onward.`;
  if (s.first !== null)
    return `${what}: significant in months ${s.months.join(', ')}, not through the last month.`;
  return `${what}: not significant in any month.`;
}

function assignmentSections(r: AnalysisResult, d: DisclosureOptions): Section[] {
  const { arms, columns } = r.config;
  const a = r.assignment;
  const srm = a.sampleRatio;
  const rows = srm
    ? srm.arms.map((x) => ({
        arm: x.arm,
        clients: x.observed,
        share: x.share,
        intended: x.intended,
        expected: x.expected,
      }))
    : Object.entries(a.counts).map(([arm, clients]) => ({
        arm,
        clients,
        share: clients / r.input.rows,
        intended: null,
        expected: null,
      }));
  const notes = [
    srm
      ? `Sample-ratio test (chi-square goodness of fit against config.arms.weights): X² = ${formatNumber(srm.statistic, 2)}, ${srm.df} df, ${formatPEquals(srm.pValue)}${srm.pValue < 0.01 ? ' — the arm sizes do not fit the intended weights: check the assignment before reading any effect.' : '.'}`
      : 'No intended weights (config.arms.weights): sample-ratio test not run.',
    r.config.filter.length > 0
      ? `Analysed: ${describeFilter(r.config.filter)}: ${noteCount(a.analysed.treatment, d)} ${arms.treatment}, ${noteCount(a.analysed.control, d)} ${arms.control} (of ${formatCount(r.input.rows)} rows).`
      : `Analysed: all ${formatCount(r.input.rows)} rows: ${noteCount(a.analysed.treatment, d)} ${arms.treatment}, ${noteCount(a.analysed.control, d)} ${arms.control}.`,
  ];
  const sections: Section[] = [
    {
      id: 'assignment',
      title: `Assignment check (column ${columns.arm}, whole file)`,
      columns: [
        col('arm', 'arm', 'text', { key: 'arm' }),
        col('clients', 'clients', 'int'),
        col('share', 'share', 'percent'),
        col('intended', 'intended', 'percent'),
        col('expected', 'expected', 'stat'),
      ],
      rows,
      notes,
    },
  ];
  const b = a.balance;
  if (b) {
    const omnibus = b.omnibus[0];
    sections.push({
      id: 'balance',
      title: `Balance of the covariates, ${arms.treatment} vs ${arms.control} (analysed sample)`,
      columns: [
        col('covariate', 'covariate', 'text', { qualifier: true }),
        col('kind', 'kind', 'text', { displayOnly: true }),
        col('statistic', 'statistic', 'stat'),
        col('df', 'df', 'text'),
        col('p', 'p', 'p', { measure: 'p_value' }),
        col('stars', '', 'text', { displayOnly: true }),
        col('method', 'test', 'text', { displayOnly: true }),
      ],
      rows: b.tests.map((t) => ({
        covariate: t.covariate,
        kind: t.kind,
        statistic: t.statistic,
        df: t.df.map((d) => (Number.isInteger(d) ? formatCount(d) : formatNumber(d, 1))).join(', '),
        p: t.pValue,
        stars: starsAt(t.pValue, r.config.methods.stars ?? REPORT_STAR_LEVELS),
        method: t.method.split(/[;(]/)[0]!.trim(),
      })),
      stars: {
        levels: r.config.methods.stars ?? REPORT_STAR_LEVELS,
        test: 'two-sided, per covariate: the test in the last column',
      },
      notes: [
        ...(omnibus
          ? [
              `Joint test (arm on all covariates, HC2 Wald): F = ${formatNumber(omnibus.statistic, 2)} on (${omnibus.df[0]}, ${omnibus.df[1]}) df, ${formatPEquals(omnibus.pValue)}.`,
            ]
          : []),
        ...b.notes,
      ],
    });
  }
  return sections;
}

function outflowSection(r: AnalysisResult): Section {
  const o = r.outflow;
  const { treatment, control } = r.config.arms;
  const armColumns = (arm: string, short: string): SectionColumn[] => [
    col(`n_${short}`, `${arm} n`, 'int', { arm, measure: 'n' }),
    col(`events_${short}`, 'events', 'int', { arm, measure: 'events' }),
    col(`share_${short}`, 'share', 'percent', { arm, measure: 'share' }),
    col(`ci_${short}`, `${pct(o.level)} CI`, 'text', { displayOnly: true }),
    col(`lower_${short}`, 'lower', 'percent', { arm, measure: 'ci_lower', csvOnly: true }),
    col(`upper_${short}`, 'upper', 'percent', { arm, measure: 'ci_upper', csvOnly: true }),
  ];
  const ci = (lo: number, hi: number) =>
    `${formatNumber(lo * 100, 1)}–${formatNumber(hi * 100, 1)}`;
  const rows: Record<string, Cell>[] = [];
  for (const destination of o.destinations) {
    for (let month = 1; month <= o.months; month++) {
      const row: Record<string, Cell> = { event: destination, month };
      for (const [arm, short] of [
        [treatment, 't'],
        [control, 'c'],
      ] as const) {
        const x = o.rows.find(
          (w) => w.group === arm && w.destination === destination && w.month === month,
        );
        if (!x) continue;
        row[`n_${short}`] = x.atRisk;
        row[`events_${short}`] = x.events;
        row[`share_${short}`] = x.share;
        row[`ci_${short}`] = ci(x.ci[0], x.ci[1]);
        row[`lower_${short}`] = x.ci[0];
        row[`upper_${short}`] = x.ci[1];
      }
      rows.push(row);
    }
  }
  return {
    id: 'outflow',
    title: `Cumulative outflow per month (${o.method})`,
    columns: [
      col('event', 'event', 'text', { key: 'event' }),
      col('month', 'month', 'int', { key: 'month' }),
      ...armColumns(treatment, 't'),
      ...armColumns(control, 'c'),
    ],
    rows,
    notes: [o.description, ...o.excluded.map((e) => `Left out: ${JSON.stringify(e)}`)],
  };
}

/** A note as a sentence: capital first letter, full stop. */
function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function effectSection(
  e: AnalysisResult['effects'][number],
  r: AnalysisResult,
  d: DisclosureOptions,
): Section {
  const s = e.series;
  const { treatment, control } = s.arms;
  const adjusted = s.adjustment !== 'none';
  const pAdjusted = r.config.methods.pAdjust !== 'none';
  const levels = r.config.methods.stars ?? REPORT_STAR_LEVELS;
  const level = pct(s.level);
  const ci = (x: readonly [number, number]) =>
    `${formatNumber(x[0] * 100, 1)} to ${formatNumber(x[1] * 100, 1)}`;
  const columns: SectionColumn[] = [
    col('month', 'month', 'int', { key: 'month' }),
    col('n_t', `${treatment} n`, 'int', { arm: treatment, measure: 'n' }),
    col('n_c', `${control} n`, 'int', { arm: control, measure: 'n' }),
    col('share_t', `${treatment}`, 'percent', { arm: treatment, measure: 'share' }),
    col('share_c', `${control}`, 'percent', { arm: control, measure: 'share' }),
    col('raw', 'raw effect', 'pp', { measure: 'raw.estimate' }),
    col('raw_se', 'raw SE', 'points', { measure: 'raw.std_error', csvOnly: true }),
    col('raw_p', 'p', 'p', { measure: 'raw.p_value' }),
    col('raw_stars', '', 'text', { measure: 'raw.stars', displayOnly: true }),
    ...(pAdjusted ? [col('raw_q', 'p adj.', 'p', { measure: 'raw.p_adjusted' })] : []),
    ...(adjusted
      ? [
          col('adj', 'adjusted', 'pp', { measure: 'adjusted.estimate' }),
          col('adj_ci', `${level} CI (pp)`, 'text', { displayOnly: true }),
          col('adj_lower', 'lower', 'pp', { measure: 'adjusted.ci_lower', csvOnly: true }),
          col('adj_upper', 'upper', 'pp', { measure: 'adjusted.ci_upper', csvOnly: true }),
          col('adj_se', 'SE', 'points', { measure: 'adjusted.std_error' }),
          col('adj_df', 'df', 'number', { measure: 'adjusted.df', csvOnly: true }),
          col('adj_p', 'p', 'p', { measure: 'adjusted.p_value' }),
          col('adj_stars', '', 'text', { measure: 'adjusted.stars', displayOnly: true }),
          ...(pAdjusted ? [col('adj_q', 'p adj.', 'p', { measure: 'adjusted.p_adjusted' })] : []),
        ]
      : []),
  ];
  const rows = s.months.map((m) => ({
    month: m.month,
    n_t: m.nTreated,
    n_c: m.nControl,
    share_t: m.shareTreated,
    share_c: m.shareControl,
    raw: m.raw.estimate,
    raw_se: m.raw.stdError,
    raw_p: m.raw.pValue,
    raw_stars: starsAt(m.raw.pValue, levels),
    raw_q: m.pAdjusted?.raw ?? null,
    adj: m.adjusted?.estimate ?? null,
    adj_ci: m.adjusted ? ci(m.adjusted.ci) : null,
    adj_lower: m.adjusted?.ci[0] ?? null,
    adj_upper: m.adjusted?.ci[1] ?? null,
    adj_se: m.adjusted?.stdError ?? null,
    adj_df: m.adjusted?.df ?? null,
    adj_p: m.adjusted?.pValue ?? null,
    adj_stars: m.adjusted ? starsAt(m.adjusted.pValue, levels) : null,
    adj_q: m.pAdjusted?.adjusted ?? null,
  }));
  return {
    id: 'effect',
    title: `Effect on ${e.event} per month (${treatment} − ${control}, column ${e.column})`,
    keys: { event: e.event },
    columns,
    rows,
    stars: {
      levels,
      test: `two-sided, pointwise (each month on its own, unadjusted p); raw: ${s.months[0]?.raw.method ?? 'difference in shares'}${adjusted ? `; adjusted: ${s.months.find((m) => m.adjusted)?.adjusted?.method ?? 'regression'}` : ''}`,
    },
    notes: [
      ...designNotes(s, r),
      `Method: ${s.method}.`,
      ...e.significance.map((x) => significanceText(x, r.config.methods.pAdjust)),
      ...s.warnings.map((w) => `Warning: ${w}.`),
      ...(s.aliased.length ? [`Dropped as aliased in some month: ${s.aliased.join(', ')}.`] : []),
      ...notEstimableNotes(s.months),
      ...s.notes.map(sentence),
      ...exclusionNotes(s.excluded, d),
    ],
  };
}

/**
 * The randomisation design in words: the clusters (and the variance that follows from them) and
 * the blocks (and where they came from), so that a reader sees what the estimates account for.
 */
function designNotes(s: AnalysisResult['effects'][number]['series'], r: AnalysisResult): string[] {
  const d = s.design;
  if (!d) return [];
  const parts: string[] = [];
  if (d.clusters) {
    const se =
      d.se === 'CR2'
        ? 'CR2 standard errors (Bell–McCaffrey) with Satterthwaite degrees of freedom'
        : d.se === 'stata'
          ? "CR1 standard errors with Stata's correction, S − 1 df"
          : 'CR0 standard errors, S − 1 df';
    parts.push(
      `cluster-randomised by '${d.clusters.column}' (${d.clusters.count} clusters): ${se} for the adjusted effect, the clustered difference in means for the raw effect`,
    );
  }
  if (d.blocks) {
    const from =
      r.config.design?.blocksFrom === 'assignment record'
        ? ', taken from the assignment record (the rule was blocked on this column)'
        : '';
    parts.push(
      `blocked by '${d.blocks.column}' (${d.blocks.count} blocks${from}): block fixed effects in the adjusted effect, the blocked (block-size weighted) difference in means for the raw effect`,
    );
  }
  return [`Design: ${parts.join('; ')}.`];
}

function significanceSection(r: AnalysisResult): Section {
  return {
    id: 'significance',
    title: 'First significant month',
    columns: [
      col('event', 'event', 'text', { key: 'event' }),
      col('estimate', 'estimate', 'text', { qualifier: true }),
      col('level', 'level', 'text', { qualifier: true }),
      col('reading', 'reading', 'text', { qualifier: true }),
      col('first', 'first month', 'int'),
      col('from', 'from month on', 'int'),
      col('count', 'significant months', 'int'),
    ],
    rows: r.effects.flatMap((e) =>
      e.significance.map((s) => ({
        event: e.event,
        estimate: s.estimate,
        level: `p<${s.level}`,
        reading: readingOf(s, r.config.methods.pAdjust),
        first: s.first,
        from: s.from,
        count: s.months.length,
      })),
    ),
    notes: [
      '"from month on": the first month from which every later month is significant; empty: never.',
      'Pointwise: each month tested on its own at the level (24 months are 24 correlated looks, so a pointwise reading overstates the evidence for the path); simultaneous: the months where the sup-t band at 1 − level, which covers all months jointly, excludes 0 (config.methods.band).',
    ],
  };
}

/**
 * Randomisation inference at the primary month (`methods.randomizationInference`): the
 * randomisation p-value of the raw and the adjusted effect beside the asymptotic one, with the
 * draws and the Monte Carlo SE.
 */
function randomizationSection(
  ri: NonNullable<AnalysisResult['randomization']>,
  r: AnalysisResult,
): Section {
  const rows = ri.flatMap(({ event, result }) =>
    (
      [
        ['raw', result.itt],
        ['adjusted', result.adjusted],
      ] as const
    ).flatMap(([estimate, stat]) =>
      stat
        ? [
            {
              event,
              estimate,
              month: result.month,
              effect: stat.estimate,
              p_model: stat.pValueModel,
              p_ri: stat.pValue,
              mc_se: stat.monteCarloSe,
              draws: result.draws,
            },
          ]
        : [],
    ),
  );
  const first = ri[0]!.result;
  const plan = r.config.methods.randomizationInference!;
  return {
    id: 'randomization',
    title: `Randomisation inference at month ${first.month}`,
    columns: [
      col('event', 'event', 'text', { key: 'event' }),
      col('estimate', 'estimate', 'text', { qualifier: true }),
      col('month', 'month', 'int', { key: 'month' }),
      col('effect', 'effect', 'pp'),
      col('p_model', 'asymptotic p', 'p'),
      col('p_ri', 'randomisation p', 'p'),
      col('mc_se', 'Monte Carlo SE', 'number'),
      col('draws', 'draws', 'int'),
    ],
    rows,
    notes: [
      `Method: ${first.method}.`,
      `Re-drawn: ${first.design} (config.methods.randomizationInference: design "${plan.design}", seed ${JSON.stringify(plan.seed)}; the same seed gives the same p-values).`,
      'Asymptotic p: the z test of the raw difference (unpooled SE) and the t test of the adjusted coefficient (HC2), as in the effect table.',
    ],
  };
}

function subgroupSections(
  g: AnalysisResult['subgroups'][number],
  d: DisclosureOptions,
  levels: StarLevels = REPORT_STAR_LEVELS,
): Section[] {
  const res = g.result;
  const first = res.subgroups[0]!.series;
  const adjusted = first.adjustment !== 'none';
  const { treatment, control } = first.arms;
  return [
    {
      id: 'subgroup',
      title: `Effect on ${g.event} by ${g.by}`,
      keys: { event: g.event, subgroup: g.by },
      columns: [
        col('level', g.by, 'text', { key: 'level' }),
        col('month', 'month', 'int', { key: 'month' }),
        col('n_t', `${treatment} n`, 'int', { arm: treatment, measure: 'n' }),
        col('n_c', `${control} n`, 'int', { arm: control, measure: 'n' }),
        col('share_t', treatment, 'percent', { arm: treatment, measure: 'share' }),
        col('share_c', control, 'percent', { arm: control, measure: 'share' }),
        col('raw', 'raw effect', 'pp', { measure: 'raw.estimate' }),
        col('raw_se', 'raw SE', 'points', { measure: 'raw.std_error', csvOnly: true }),
        col('raw_p', 'p', 'p', { measure: 'raw.p_value' }),
        ...(adjusted
          ? [
              col('adj', 'adjusted', 'pp', { measure: 'adjusted.estimate' }),
              col('adj_se', 'SE', 'points', { measure: 'adjusted.std_error' }),
              col('adj_p', 'p', 'p', { measure: 'adjusted.p_value' }),
              col('adj_stars', '', 'text', { displayOnly: true }),
            ]
          : []),
      ],
      rows: res.subgroups.flatMap(({ level, series }) =>
        series.months.map((m) => ({
          level,
          month: m.month,
          n_t: m.nTreated,
          n_c: m.nControl,
          share_t: m.shareTreated,
          share_c: m.shareControl,
          raw: m.raw.estimate,
          raw_se: m.raw.stdError,
          raw_p: m.raw.pValue,
          adj: m.adjusted?.estimate ?? null,
          adj_se: m.adjusted?.stdError ?? null,
          adj_p: m.adjusted?.pValue ?? null,
          adj_stars: m.adjusted ? starsAt(m.adjusted.pValue, levels) : null,
        })),
      ),
      ...(adjusted
        ? {
            stars: {
              levels,
              test: `two-sided, pointwise; adjusted effect within each level: ${first.months.find((m) => m.adjusted)?.adjusted?.method ?? 'regression'}`,
            },
          }
        : {}),
      notes: [
        `Method: ${first.method}.`,
        ...res.subgroups.flatMap(({ level, series }) =>
          [...notEstimableNotes(series.months), ...series.notes.map(sentence)].map(
            (n) => `${g.by} ${level}: ${n}`,
          ),
        ),
        ...res.notEstimableLevels.map(
          (k) => `Subgroup ${g.by} = '${k.level}' not estimable: ${k.reason}.`,
        ),
        ...exclusionNotes(res.excluded, d),
      ],
    },
    {
      id: 'heterogeneity',
      title: `Does the effect on ${g.event} differ by ${g.by}?`,
      keys: { event: g.event, subgroup: g.by },
      columns: [
        col('month', 'month', 'int', { key: 'month' }),
        col('F', 'F', 'stat'),
        col('df1', 'df1', 'int'),
        col('df2', 'df2', 'int'),
        col('p', 'p', 'p', { measure: 'p_value' }),
        col('stars', '', 'text', { displayOnly: true }),
      ],
      rows: res.heterogeneity.map((h) => ({
        month: h.month,
        F: h.statistic,
        df1: h.df[0],
        df2: h.df[1],
        p: h.pValue,
        stars: starsAt(h.pValue, levels),
      })),
      stars: {
        levels,
        test: 'the F test of equal effects across the levels, per month on its own',
      },
      notes: [
        `Heterogeneity: ${res.method.split('; heterogeneity: ')[1] ?? res.method}.`,
        ...res.notEstimable.map((t) => `Not estimable at month ${t.month}: ${t.reason}.`),
      ],
    },
  ];
}

function participationSections(
  p: NonNullable<AnalysisResult['participation']>,
  r: AnalysisResult,
  disclosure: DisclosureOptions,
): Section[] {
  const t = p.table;
  const { treatment, control } = t.arms;
  const d = t.received.difference;
  const sections: Section[] = [
    {
      id: 'participation',
      title: `Participation by arm (column ${t.column})`,
      columns: [
        col('category', 'category', 'text', { key: 'level' }),
        col('count_t', `${treatment} n`, 'int', { arm: treatment, measure: 'count' }),
        col('share_t', 'share', 'percent', { arm: treatment, measure: 'share' }),
        col('count_c', `${control} n`, 'int', { arm: control, measure: 'count' }),
        col('share_c', 'share', 'percent', { arm: control, measure: 'share' }),
        col('received', 'received', 'text'),
      ],
      rows: [
        ...t.rows.map((row) => ({
          category: `${'  '.repeat(row.depth)}${row.label}`,
          count_t: row.treatment.count,
          share_t: row.treatment.share,
          count_c: row.control.count,
          share_c: row.control.share,
          received: row.received ? 'yes' : 'no',
        })),
        {
          category: 'received the service',
          count_t: t.received.treatment.count,
          share_t: t.received.treatment.share,
          count_c: t.received.control.count,
          share_c: t.received.control.share,
          received: 'yes',
        },
      ],
      notes: [
        `Received: ${r.config.participation?.received.join(', ')}. Difference ${treatment} − ${control}: ${formatPp(d.estimate)} (SE ${formatPp(d.stdError)}, ${formatPEquals(d.pValue)}).`,
        ...exclusionNotes(t.excluded, disclosure),
      ],
    },
  ];
  for (const c of p.complier) {
    const fits = [
      ['unadjusted', c.result.unadjusted],
      ...(c.result.adjusted ? [['adjusted', c.result.adjusted] as const] : []),
    ] as const;
    sections.push({
      id: 'complier',
      title: `Complier effect on ${c.event} by month ${c.month} (2SLS, assignment as instrument)`,
      keys: { event: c.event, month: c.month },
      columns: [
        col('spec', 'specification', 'text', { qualifier: true }),
        col('first', 'first stage', 'pp', { measure: 'first_stage' }),
        col('F', 'F', 'stat', { measure: 'first_stage_F' }),
        col('itt', 'ITT', 'pp', { measure: 'itt.estimate' }),
        col('itt_p', 'p', 'p', { measure: 'itt.p_value' }),
        col('cace', 'complier effect', 'pp', { measure: 'complier.estimate' }),
        col('cace_se', 'SE', 'points', { measure: 'complier.std_error' }),
        col('cace_p', 'p', 'p', { measure: 'complier.p_value' }),
        col('stars', '', 'text', { displayOnly: true }),
      ],
      rows: fits.map(([spec, f]) => ({
        spec,
        first: f.firstStage.difference.estimate,
        F: f.firstStage.f,
        itt: f.itt.estimate,
        itt_p: f.itt.pValue,
        cace: f.complier.estimate,
        cace_se: f.complier.stdError,
        cace_p: f.complier.pValue,
        stars: starsAt(f.complier.pValue, r.config.methods.stars ?? REPORT_STAR_LEVELS),
      })),
      stars: {
        levels: r.config.methods.stars ?? REPORT_STAR_LEVELS,
        test: 'two-sided test of the complier effect (2SLS), see the method below',
      },
      notes: [
        `Method: ${c.result.method}.`,
        ...(r.config.methods.se === 'HC3'
          ? ['2SLS supports HC0–HC2 and classical SEs: HC2 used instead of HC3.']
          : []),
        ...(fits.some(([, f]) => f.firstStage.weak)
          ? [`Weak instrument: first-stage F below ${c.result.weakF}.`]
          : []),
        ...exclusionNotes(c.result.excluded, disclosure),
      ],
    });
  }
  return sections;
}

/**
 * An evaluation result as sections of the result-table model, for the text, Markdown and CSV
 * writers of `src/table/index.ts`: the assignment check (and balance), the outflow curves,
 * one effect table per event, the first significant months, per subgroup the effects and the
 * heterogeneity test, participation with the complier effect, and the survival tests, RMST
 * and Cox regression when the plan asks for them. Every table and note goes through disclosure
 * control (`protectSections`: counts below `threshold`, default 10, and what reveals them are
 * suppressed; `threshold: 0` turns it off). (JSON is the result itself.)
 *
 * @example
 * const result = evaluate(table, parsePlan(json));
 * const text = renderMarkdown(result.title, evaluationSections(result, { threshold: 10 }));
 */
export function evaluationSections(r: AnalysisResult, d: DisclosureOptions = {}): Section[] {
  return protectSections(
    [
      ...assignmentSections(r, d),
      outflowSection(r),
      ...r.effects.map((e) => effectSection(e, r, d)),
      // Several arms (issue #14): every contrast per event (arm-contrast-section.ts).
      ...(r.armContrasts ?? []).map(armContrastSection),
      significanceSection(r),
      ...(r.randomization?.length ? [randomizationSection(r.randomization, r)] : []),
      ...r.subgroups.flatMap((g) => subgroupSections(g, d, r.config.methods.stars)),
      ...(r.participation ? participationSections(r.participation, r, d) : []),
      ...(r.survival ? survivalSections(r.survival) : []),
    ],
    r,
    d,
  );
}
