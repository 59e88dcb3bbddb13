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
import { formatCount, formatNumber, formatPEquals, formatPp, type NumberStyle } from '../format.js';
import { type Language, numberStyleOf, textOf } from '../language.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import { REPORT_STAR_LEVELS, type StarLevels, starsAt } from '../stats/stars.js';
import type { Cell, Section, SectionColumn } from '../table/index.js';
import { armContrastSection } from './arm-contrast-section.js';
import { type DisclosureOptions, noteCount } from './disclosure.js';
import { protectSections } from './evaluation-disclosure.js';
import { EVALUATION_TEXTS, type EvaluationTexts } from './evaluation-texts.js';
import { methodText } from './method-texts.js';
import { survivalSections } from './survival-sections.js';

const col = (
  id: string,
  label: string,
  format: SectionColumn['format'],
  extra: Partial<SectionColumn> = {},
): SectionColumn => ({ id, label, format, ...extra });

/** What the section builders share: the disclosure options, the language, its texts and style. */
interface Context extends DisclosureOptions {
  readonly lang: Language;
  readonly t: EvaluationTexts;
  readonly style: NumberStyle;
}

/** A confidence level as a label: "95 %" (en), "95%" (nl). */
const pct = (x: number, c: Context) => `${(x * 100).toFixed(0)}${c.style.percent}`;

/** A confidence interval of a difference in points: "−13.7 to 2.3" (en), "−13,7 tot 2,3" (nl). */
const interval = (x: readonly [number, number], c: Context) =>
  `${formatNumber(x[0] * 100, 1, c.style)} ${c.t.to} ${formatNumber(x[1] * 100, 1, c.style)}`;

function exclusionNotes(excluded: readonly Exclusion[], d: Context): string[] {
  return excluded.map(
    (e) => `${d.t.leftOut}: ${noteCount(e.count, d, d.style)} (${methodText(e.reason, d.lang)}).`,
  );
}

/** How a first-significant-month reading was made: pointwise, multiplicity-adjusted, or jointly. */
function readingOf(s: SignificanceSummary, pAdjust: string, c: Context): string {
  if (s.simultaneous) return c.t.simultaneousReading;
  return pAdjust === 'none' ? c.t.pointwise : c.t.pointwiseAdjusted(pAdjust);
}

/** A threshold such as 0.05 in the language's decimal mark. */
const level = (x: number, c: Context) => String(x).replace('.', c.style.decimal);

function significanceText(s: SignificanceSummary, pAdjust: string, c: Context): string {
  const t = c.t;
  const what = `${t.estimateName(s.estimate)}, ${s.simultaneous ? t.bandAt(level(s.level, c)) : `p < ${level(s.level, c)}`} (${readingOf(s, pAdjust, c)})`;
  if (s.from !== null) return `${what}: ${t.significantFrom(s.from)}.`;
  if (s.first !== null) return `${what}: ${t.significantIn(s.months.join(', '))}.`;
  return `${what}: ${t.notSignificant}.`;
}

function assignmentSections(r: AnalysisResult, d: Context): Section[] {
  const t = d.t;
  const st = d.style;
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
  const treated = noteCount(a.analysed.treatment, d, st);
  const controls = noteCount(a.analysed.control, d, st);
  const notes = [
    srm
      ? `${t.sampleRatio(formatNumber(srm.statistic, 2, st), srm.df, formatPEquals(srm.pValue, st))}${srm.pValue < 0.01 ? t.sampleRatioMisfit : '.'}`
      : t.noWeights,
    r.config.filter.length > 0
      ? t.analysedFiltered(
          describeFilter(r.config.filter),
          `${treated} ${arms.treatment}, ${controls} ${arms.control}`,
          formatCount(r.input.rows, st),
        )
      : t.analysedAll(
          formatCount(r.input.rows, st),
          `${treated} ${arms.treatment}, ${controls} ${arms.control}`,
        ),
  ];
  const sections: Section[] = [
    {
      id: 'assignment',
      title: t.assignmentTitle(columns.arm),
      columns: [
        col('arm', t.arm, 'text', { key: 'arm' }),
        col('clients', t.clients, 'int'),
        col('share', t.share, 'percent'),
        col('intended', t.intended, 'percent'),
        col('expected', t.expected, 'stat'),
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
      title: t.balanceTitle(arms.treatment, arms.control),
      columns: [
        col('covariate', t.covariate, 'text', { qualifier: true }),
        col('kind', t.kind, 'text', { displayOnly: true }),
        col('statistic', t.statistic, 'stat'),
        col('df', 'df', 'text'),
        col('p', 'p', 'p', { measure: 'p_value' }),
        col('stars', '', 'text', { displayOnly: true }),
        col('method', t.test, 'text', { displayOnly: true }),
      ],
      rows: b.tests.map((x) => ({
        covariate: x.covariate,
        kind: methodText(x.kind, d.lang),
        statistic: x.statistic,
        df: x.df
          .map((v) => (Number.isInteger(v) ? formatCount(v, st) : formatNumber(v, 1, st)))
          .join(d.lang === 'nl' ? '; ' : ', '),
        p: x.pValue,
        stars: starsAt(x.pValue, r.config.methods.stars ?? REPORT_STAR_LEVELS),
        method: methodText(x.method.split(/[;(]/)[0]!.trim(), d.lang),
      })),
      stars: {
        levels: r.config.methods.stars ?? REPORT_STAR_LEVELS,
        test: t.balanceStarsTest,
      },
      notes: [
        ...(omnibus
          ? [
              t.jointTest(
                formatNumber(omnibus.statistic, 2, st),
                `${omnibus.df[0]}, ${omnibus.df[1]}`,
                formatPEquals(omnibus.pValue, st),
              ),
            ]
          : []),
        ...b.notes.map((n) => methodText(n, d.lang)),
      ],
    });
  }
  return sections;
}

function outflowSection(r: AnalysisResult, d: Context): Section {
  const t = d.t;
  const o = r.outflow;
  const { treatment, control } = r.config.arms;
  const armColumns = (arm: string, short: string): SectionColumn[] => [
    col(`n_${short}`, `${arm} n`, 'int', { arm, measure: 'n' }),
    col(`events_${short}`, t.events, 'int', { arm, measure: 'events' }),
    col(`share_${short}`, t.share, 'percent', { arm, measure: 'share' }),
    col(`ci_${short}`, t.ci(pct(o.level, d)), 'text', { displayOnly: true }),
    col(`lower_${short}`, 'lower', 'percent', { arm, measure: 'ci_lower', csvOnly: true }),
    col(`upper_${short}`, 'upper', 'percent', { arm, measure: 'ci_upper', csvOnly: true }),
  ];
  const ci = (lo: number, hi: number) =>
    `${formatNumber(lo * 100, 1, d.style)}–${formatNumber(hi * 100, 1, d.style)}`;
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
    title: t.outflowTitle(methodText(o.method, d.lang)),
    columns: [
      col('event', t.event, 'text', { key: 'event' }),
      col('month', t.month, 'int', { key: 'month' }),
      ...armColumns(treatment, 't'),
      ...armColumns(control, 'c'),
    ],
    rows,
    notes: [
      methodText(o.description, d.lang),
      ...o.excluded.map((e) => `${t.leftOut}: ${JSON.stringify(e)}`),
    ],
  };
}

/** A note as a sentence: capital first letter, full stop. */
function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function effectSection(
  e: AnalysisResult['effects'][number],
  r: AnalysisResult,
  d: Context,
): Section {
  const t = d.t;
  const s = e.series;
  const { treatment, control } = s.arms;
  const adjusted = s.adjustment !== 'none';
  const pAdjusted = r.config.methods.pAdjust !== 'none';
  const levels = r.config.methods.stars ?? REPORT_STAR_LEVELS;
  const level = pct(s.level, d);
  const ci = (x: readonly [number, number]) => interval(x, d);
  const columns: SectionColumn[] = [
    col('month', t.month, 'int', { key: 'month' }),
    col('n_t', `${treatment} n`, 'int', { arm: treatment, measure: 'n' }),
    col('n_c', `${control} n`, 'int', { arm: control, measure: 'n' }),
    col('share_t', `${treatment}`, 'percent', { arm: treatment, measure: 'share' }),
    col('share_c', `${control}`, 'percent', { arm: control, measure: 'share' }),
    col('raw', t.rawEffect, 'pp', { measure: 'raw.estimate' }),
    ...(adjusted ? [] : [col('raw_ci', t.ciPoints(level), 'text', { displayOnly: true })]),
    col('raw_se', 'raw SE', 'points', { measure: 'raw.std_error', csvOnly: true }),
    col('raw_p', 'p', 'p', { measure: 'raw.p_value' }),
    col('raw_stars', '', 'text', { measure: 'raw.stars', displayOnly: true }),
    ...(pAdjusted ? [col('raw_q', t.pAdj, 'p', { measure: 'raw.p_adjusted' })] : []),
    ...(adjusted
      ? [
          col('adj', t.adjusted, 'pp', { measure: 'adjusted.estimate' }),
          col('adj_ci', t.ciPoints(level), 'text', { displayOnly: true }),
          col('adj_lower', 'lower', 'pp', { measure: 'adjusted.ci_lower', csvOnly: true }),
          col('adj_upper', 'upper', 'pp', { measure: 'adjusted.ci_upper', csvOnly: true }),
          col('adj_se', 'SE', 'points', { measure: 'adjusted.std_error' }),
          col('adj_df', 'df', 'number', { measure: 'adjusted.df', csvOnly: true }),
          col('adj_p', 'p', 'p', { measure: 'adjusted.p_value' }),
          col('adj_stars', '', 'text', { measure: 'adjusted.stars', displayOnly: true }),
          ...(pAdjusted ? [col('adj_q', t.pAdj, 'p', { measure: 'adjusted.p_adjusted' })] : []),
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
    raw_ci: adjusted ? null : ci(m.raw.ci),
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
    title: t.effectTitle(e.event, `${treatment} − ${control}`, e.column),
    keys: { event: e.event },
    columns,
    rows,
    stars: {
      levels,
      test: t.effectStarsTest(
        methodText(s.months[0]?.raw.method ?? 'difference in shares', d.lang),
        adjusted
          ? methodText(s.months.find((m) => m.adjusted)?.adjusted?.method ?? 'regression', d.lang)
          : undefined,
      ),
    },
    notes: [
      ...designNotes(s, r, d),
      `${t.method}: ${methodText(s.method, d.lang)}.`,
      ...e.significance.map((x) => significanceText(x, r.config.methods.pAdjust, d)),
      ...s.warnings.map((w) => `${t.warning}: ${methodText(w, d.lang)}.`),
      ...(s.aliased.length ? [t.aliased(s.aliased.join(', '))] : []),
      ...notEstimableNotes(s.months).map((n) => methodText(n, d.lang)),
      ...s.notes.map((n) => sentence(methodText(n, d.lang))),
      ...exclusionNotes(s.excluded, d),
    ],
  };
}

/**
 * The randomisation design in words: the clusters (and the variance that follows from them) and
 * the blocks (and where they came from), so that a reader sees what the estimates account for.
 */
function designNotes(
  s: AnalysisResult['effects'][number]['series'],
  r: AnalysisResult,
  c: Context,
): string[] {
  const d = s.design;
  if (!d) return [];
  return [c.t.design(d, r.config.design?.blocksFrom === 'assignment record')];
}

function significanceSection(r: AnalysisResult, d: Context): Section {
  const t = d.t;
  return {
    id: 'significance',
    title: t.significanceTitle,
    columns: [
      col('event', t.event, 'text', { key: 'event' }),
      col('estimate', t.estimate, 'text', { qualifier: true }),
      col('level', t.level, 'text', { qualifier: true }),
      col('reading', t.reading, 'text', { qualifier: true }),
      col('first', t.firstMonth, 'int'),
      col('from', t.fromMonthOn, 'int'),
      col('count', t.significantMonths, 'int'),
    ],
    rows: r.effects.flatMap((e) =>
      e.significance.map((s) => ({
        event: e.event,
        estimate: d.lang === 'en' ? s.estimate : t.estimateWord(s.estimate),
        level: `p<${d.lang === 'en' ? s.level : level(s.level, d)}`,
        reading: readingOf(s, r.config.methods.pAdjust, d),
        first: s.first,
        from: s.from,
        count: s.months.length,
      })),
    ),
    notes: t.significanceNotes,
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
  d: Context,
): Section {
  const t = d.t;
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
              estimate: d.lang === 'en' ? estimate : t.estimateWord(estimate),
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
    title: t.randomizationTitle(first.month),
    columns: [
      col('event', t.event, 'text', { key: 'event' }),
      col('estimate', t.estimate, 'text', { qualifier: true }),
      col('month', t.month, 'int', { key: 'month' }),
      col('effect', t.effect, 'pp'),
      col('p_model', t.asymptoticP, 'p'),
      col('p_ri', t.randomizationP, 'p'),
      col('mc_se', 'Monte Carlo SE', 'number'),
      col('draws', t.draws, 'int'),
    ],
    rows,
    notes: [
      `${t.method}: ${methodText(first.method, d.lang)}.`,
      t.redrawn(methodText(first.design, d.lang), plan.design, JSON.stringify(plan.seed)),
      t.asymptoticNote,
    ],
  };
}

function subgroupSections(
  g: AnalysisResult['subgroups'][number],
  d: Context,
  levels: StarLevels = REPORT_STAR_LEVELS,
): Section[] {
  const t = d.t;
  const res = g.result;
  const first = res.subgroups[0]!.series;
  const adjusted = first.adjustment !== 'none';
  const { treatment, control } = first.arms;
  const ciLevel = pct(first.level, d);
  return [
    {
      id: 'subgroup',
      title: t.subgroupTitle(g.event, g.by),
      keys: { event: g.event, subgroup: g.by },
      columns: [
        col('level', g.by, 'text', { key: 'level' }),
        col('month', t.month, 'int', { key: 'month' }),
        col('n_t', `${treatment} n`, 'int', { arm: treatment, measure: 'n' }),
        col('n_c', `${control} n`, 'int', { arm: control, measure: 'n' }),
        col('share_t', treatment, 'percent', { arm: treatment, measure: 'share' }),
        col('share_c', control, 'percent', { arm: control, measure: 'share' }),
        col('raw', t.rawEffect, 'pp', { measure: 'raw.estimate' }),
        ...(adjusted ? [] : [col('raw_ci', t.ciPoints(ciLevel), 'text', { displayOnly: true })]),
        col('raw_se', 'raw SE', 'points', { measure: 'raw.std_error', csvOnly: true }),
        col('raw_p', 'p', 'p', { measure: 'raw.p_value' }),
        ...(adjusted
          ? [
              col('adj', t.adjusted, 'pp', { measure: 'adjusted.estimate' }),
              col('adj_ci', t.ciPoints(ciLevel), 'text', { displayOnly: true }),
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
          raw_ci: adjusted ? null : interval(m.raw.ci, d),
          raw_se: m.raw.stdError,
          raw_p: m.raw.pValue,
          adj: m.adjusted?.estimate ?? null,
          adj_ci: m.adjusted ? interval(m.adjusted.ci, d) : null,
          adj_se: m.adjusted?.stdError ?? null,
          adj_p: m.adjusted?.pValue ?? null,
          adj_stars: m.adjusted ? starsAt(m.adjusted.pValue, levels) : null,
        })),
      ),
      ...(adjusted
        ? {
            stars: {
              levels,
              test: t.subgroupStarsTest(
                methodText(
                  first.months.find((m) => m.adjusted)?.adjusted?.method ?? 'regression',
                  d.lang,
                ),
              ),
            },
          }
        : {}),
      notes: [
        `${t.method}: ${methodText(first.method, d.lang)}.`,
        ...res.subgroups.flatMap(({ level, series }) =>
          [...notEstimableNotes(series.months), ...series.notes.map(sentence)].map(
            (n) => `${g.by} ${level}: ${methodText(n, d.lang)}`,
          ),
        ),
        ...res.notEstimableLevels.map((k) =>
          t.levelNotEstimable(g.by, k.level, methodText(k.reason, d.lang)),
        ),
        ...exclusionNotes(res.excluded, d),
      ],
    },
    {
      id: 'heterogeneity',
      title: t.heterogeneityTitle(g.event, g.by),
      keys: { event: g.event, subgroup: g.by },
      columns: [
        col('month', t.month, 'int', { key: 'month' }),
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
        test: t.heterogeneityStarsTest,
      },
      notes: [
        `${t.heterogeneity}: ${methodText(res.method.split('; heterogeneity: ')[1] ?? res.method, d.lang)}.`,
        ...res.notEstimable.map((x) => t.notEstimableAt(x.month, methodText(x.reason, d.lang))),
      ],
    },
  ];
}

function participationSections(
  p: NonNullable<AnalysisResult['participation']>,
  r: AnalysisResult,
  disclosure: Context,
): Section[] {
  const w = disclosure.t;
  const st = disclosure.style;
  const t = p.table;
  const { treatment, control } = t.arms;
  const d = t.received.difference;
  const sections: Section[] = [
    {
      id: 'participation',
      title: w.participationTitle(t.column),
      columns: [
        col('category', w.category, 'text', { key: 'level' }),
        col('count_t', `${treatment} n`, 'int', { arm: treatment, measure: 'count' }),
        col('share_t', w.share, 'percent', { arm: treatment, measure: 'share' }),
        col('count_c', `${control} n`, 'int', { arm: control, measure: 'count' }),
        col('share_c', w.share, 'percent', { arm: control, measure: 'share' }),
        col('received', w.received, 'text'),
      ],
      rows: [
        ...t.rows.map((row) => ({
          category: `${'  '.repeat(row.depth)}${row.label}`,
          count_t: row.treatment.count,
          share_t: row.treatment.share,
          count_c: row.control.count,
          share_c: row.control.share,
          received: row.received ? st.yes : st.no,
        })),
        {
          category: w.receivedService,
          count_t: t.received.treatment.count,
          share_t: t.received.treatment.share,
          count_c: t.received.control.count,
          share_c: t.received.control.share,
          received: st.yes,
        },
      ],
      notes: [
        w.receivedNote(
          r.config.participation?.received.join(', ') ?? '',
          `${treatment} − ${control}`,
          formatPp(d.estimate, 1, false, st),
          formatPp(d.stdError, 1, false, st),
          formatPEquals(d.pValue, st),
        ),
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
      title: w.complierTitle(c.event, c.month),
      keys: { event: c.event, month: c.month },
      columns: [
        col('spec', w.specification, 'text', { qualifier: true }),
        col('first', w.firstStage, 'pp', { measure: 'first_stage' }),
        col('F', 'F', 'stat', { measure: 'first_stage_F' }),
        col('itt', 'ITT', 'pp', { measure: 'itt.estimate' }),
        col('itt_p', 'p', 'p', { measure: 'itt.p_value' }),
        col('cace', w.complierEffect, 'pp', { measure: 'complier.estimate' }),
        col('cace_ci', w.ciPoints(pct(r.config.methods.level, disclosure)), 'text', {
          displayOnly: true,
        }),
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
        cace_ci: interval(f.complier.ci, disclosure),
        cace_se: f.complier.stdError,
        cace_p: f.complier.pValue,
        stars: starsAt(f.complier.pValue, r.config.methods.stars ?? REPORT_STAR_LEVELS),
      })),
      stars: {
        levels: r.config.methods.stars ?? REPORT_STAR_LEVELS,
        test: w.complierStarsTest,
      },
      notes: [
        `${w.method}: ${methodText(c.result.method, disclosure.lang)}.`,
        ...(r.config.methods.se === 'HC3' ? [w.hc3] : []),
        ...(fits.some(([, f]) => f.firstStage.weak) ? [w.weak(c.result.weakF)] : []),
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
export function evaluationSections(r: AnalysisResult, options: EvaluationOptions = {}): Section[] {
  rejectUnknownKeys(options, EVALUATION_OPTION_KEYS, 'evaluationSections');
  const lang = options.lang ?? 'en';
  const d: Context = {
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.suppressZeros === undefined ? {} : { suppressZeros: options.suppressZeros }),
    lang,
    t: textOf(EVALUATION_TEXTS, lang),
    style: numberStyleOf(lang),
  };
  const disclosure: DisclosureOptions = {
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.suppressZeros === undefined ? {} : { suppressZeros: options.suppressZeros }),
  };
  const protectedSections = protectSections(
    [
      ...assignmentSections(r, d),
      outflowSection(r, d),
      ...r.effects.map((e) => effectSection(e, r, d)),
      // Several arms (issue #14): every contrast per event (arm-contrast-section.ts).
      ...(r.armContrasts ?? []).map((e) => armContrastSection(e, lang)),
      significanceSection(r, d),
      ...(r.randomization?.length ? [randomizationSection(r.randomization, r, d)] : []),
      ...r.subgroups.flatMap((g) => subgroupSections(g, d, r.config.methods.stars)),
      ...(r.participation ? participationSections(r.participation, r, d) : []),
      ...(r.survival ? survivalSections(r.survival, lang) : []),
    ],
    r,
    disclosure,
    lang,
  );
  // the complier rows' specification is read by disclosure control ("unadjusted"): named in the
  // language only once the cells are protected
  if (lang === 'en') return protectedSections;
  return protectedSections.map((s) =>
    s.id === 'complier'
      ? {
          ...s,
          rows: s.rows.map((row) => ({
            ...row,
            spec: row.spec === 'unadjusted' ? d.t.unadjusted : d.t.estimateWord(String(row.spec)),
          })),
        }
      : s,
  );
}

/** Options of {@link evaluationSections}: disclosure control and the language. */
export interface EvaluationOptions extends DisclosureOptions {
  /**
   * Language of the titles, column labels and notes (default `en`). Section ids, column ids and
   * the key and qualifier values of the long CSV do not change, but `analyze` builds its CSV and
   * JSON from the English sections so that they stay machine-readable.
   */
  readonly lang?: Language;
}

const EVALUATION_OPTION_KEYS: AllKeys<EvaluationOptions> = {
  threshold: true,
  suppressZeros: true,
  lang: true,
};
