/**
 * The 2012–2013 report as one document in the published layout: the assignment audit, Tables
 * 4.1, 4.3–4.6 and 5.1–5.4 and Annex B.1, each table of the table model with the small print
 * under it. `intensive2012Markdown` (stdout of `reproduce intensive-2012`) and the HTML page are
 * written from it. Cells keep the report's style: shares in percent with one decimal and no
 * "%" sign, the star of each net effect glued to it, counts grouped.
 */
import type { ArmComparison } from '../../analysis/compare-arms.js';
import type { EffectSeries, MonthEffect } from '../../analysis/effect-series.js';
import type { ParticipationTable } from '../../analysis/participation.js';
import { describeRule } from '../../assign/rules.js';
import { InputError } from '../../errors.js';
import { formatNumber, formatPercent, type NumberStyle } from '../../format.js';
import { formatDate, type Language, numberStyleOf, type Texts, textOf } from '../../language.js';
import type { RandomizationResult } from '../../plan/randomization-inference.js';
import {
  type DisclosureOptions,
  disclosureNote,
  hasSuppressed,
  protectTable,
} from '../../report/disclosure.js';
import { methodText } from '../../report/method-texts.js';
import type { Estimate } from '../../stats/estimate.js';
import { REPORT_STAR_LEVELS, starLegend, starLevelsText } from '../../stats/stars.js';
import {
  type Block,
  type Cell,
  type Column,
  type Document,
  documentMarkdown,
  formatCell,
  type ModelTableBlock,
} from '../../table/index.js';
import { ENTRY_OFFSET_DAYS, INTAKE_END, INTAKE_START, OBSERVATION_END } from './design.js';
import type { Intensive2012Result } from './report.js';
import { countKey, intensive2012Disclosure } from './report-disclosure.js';
import { INTENSIVE_2012_TEXTS, type Intensive2012Texts, jobQualityLabel } from './report-texts.js';

/** The report's cell formats in a language's number style. */
interface Formats {
  readonly lang: Language;
  readonly t: Intensive2012Texts;
  readonly style: NumberStyle;
  /** A share in percent with one decimal, no sign: "31.9" / "31,9" (the report's cells). */
  readonly pct: (share: number) => string;
  /** An effect on a share in the report's style: "2.7**". */
  readonly pp: (e: Pick<Estimate, 'estimate' | 'stars'>) => string;
  /** A count, grouped: "9,237" / "9.237". */
  readonly count: (n: number) => string;
  /** "522 (12 %)": a count and its share of `total` in whole percent. */
  readonly countShare: (n: number, total: number) => string;
  /** A number with `digits` decimals. */
  readonly num: (x: number, digits: number) => string;
  /** A fraction as a percentage. */
  readonly percent: (x: number, digits: number) => string;
  /** "23 July 2012" / "23 juli 2012" from an ISO date. */
  readonly longDate: (iso: string) => string;
}

function formatsOf(lang: Language): Formats {
  const style = numberStyleOf(lang);
  const num = (x: number, digits: number) => formatNumber(x, digits, style);
  const pct = (share: number) => num(100 * share, 1);
  const count = (n: number) => formatCell(n, 'int', style);
  const percent = (x: number, digits: number) => formatPercent(x, digits, style);
  return {
    lang,
    t: textOf(INTENSIVE_2012_TEXTS, lang),
    style,
    pct,
    pp: (e) => `${pct(e.estimate)}${e.stars}`,
    count,
    countShare: (n, total) => `${count(n)} (${percent(n / total, 0)})`,
    num,
    percent,
    longDate: (iso) => {
      const date = new Date(`${iso}T00:00:00Z`);
      return lang === 'en'
        ? date.toLocaleDateString('en-GB', {
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            timeZone: 'UTC',
          })
        : formatDate(date, lang);
    },
  };
}

const text = (id: string, label = id): Column => ({ id, label, format: 'text' });
/** A count column, left-aligned as in the published tables. */
const counts = (id: string, label = id): Column => ({ id, label, format: 'int', align: 'left' });

function table(
  id: string,
  title: string,
  columns: readonly Column[],
  rows: readonly Readonly<Record<string, Cell>>[],
  note?: string,
  starTest?: string,
): ModelTableBlock {
  return {
    kind: 'table',
    table: {
      id,
      title,
      columns,
      rows,
      ...(starTest ? { stars: { levels: REPORT_STAR_LEVELS, test: starTest } } : {}),
    },
    ...(note ? { note } : {}),
  };
}

function monthAt(series: EffectSeries, month: number): MonthEffect {
  const m = series.months.find((x) => x.month === month);
  if (!m) throw new InputError(`month ${month} not in the series`, { code: 'invalid-option' });
  return m;
}

/** Columns "6 months" … of the exit tables, after a first unnamed label column. */
function monthColumns(f: Formats, months: readonly number[]): Column[] {
  return [text('label', ''), ...months.map((m) => text(`m${m}`, f.t.months(m)))];
}

/** A row of the exit tables: the label and one cell per month. */
function monthRow(
  label: string,
  months: readonly number[],
  cell: (month: number) => string,
): Record<string, Cell> {
  return { label, ...Object.fromEntries(months.map((m) => [`m${m}`, cell(m)])) };
}

function conversationTable(
  f: Formats,
  id: string,
  title: string,
  t: ParticipationTable,
  labels: readonly { readonly value: string; readonly label: string }[],
): ModelTableBlock {
  const { count, countShare } = f;
  const rows: Record<string, Cell>[] = labels.map(({ value, label }) => {
    const r = t.rows.find((x) => x.category === value)!;
    const cell = (n: number, total: number) => (n === 0 ? '–' : countShare(n, total));
    return {
      category: label,
      control: cell(r.control.count, t.n.control),
      treatment: cell(r.treatment.count, t.n.treatment),
      total: countShare(r.control.count + r.treatment.count, t.n.control + t.n.treatment),
    };
  });
  rows.push({
    category: f.t.total,
    control: count(t.n.control),
    treatment: count(t.n.treatment),
    total: count(t.n.control + t.n.treatment),
  });
  const columns = [
    text('category', t.column),
    text('control', f.t.basic),
    text('treatment', f.t.intensive),
    text('total', f.t.total),
  ];
  return table(id, title, columns, rows);
}

const LEVEL_ORDER: Readonly<Record<string, readonly string[]>> = {
  gender: ['man', 'woman', 'unknown'],
  age_band: ['<35', '35-45', '45+', 'unknown'],
  household: ['single', 'single_with_child', 'cohabiting', 'unknown'],
};

function balanceTable(f: Formats, r: Intensive2012Result, threshold: number): ModelTableBlock {
  const { t } = f;
  const c = r.config;
  const b = r.balance;
  const empty = { controlN: null, controlShare: '', treatmentN: null, treatmentShare: '' };
  const groups: { total: number; parts: number[] }[] = [];
  const rows: Record<string, Cell>[] = [
    {
      characteristic: t.clients,
      ...empty,
      controlN: r.arms.control.n,
      treatmentN: r.arms.treatment.n,
      test: '',
    },
  ];
  for (const cov of c.balanceCovariates) {
    const test = b.tests.find((t) => t.covariate === cov)!;
    const levels = b.rows.filter((x) => x.covariate === cov);
    const order = LEVEL_ORDER[cov];
    const sorted = order
      ? [...levels].sort((x, y) => order.indexOf(x.level ?? '') - order.indexOf(y.level ?? ''))
      : levels;
    rows.push({
      characteristic: `**${cov}**`,
      ...empty,
      test: `χ²(${test.df.join(', ')}) = ${f.num(test.statistic, 2)}, p = ${f.num(test.pValue, 3)}${test.stars}`,
    });
    groups.push({ total: 0, parts: sorted.map((_, i) => rows.length + i) });
    for (const level of sorted) {
      const s = (arm: string) => level.stats.find((x) => x.arm === arm)!;
      const name = level.level ?? '';
      rows.push({
        characteristic: t.levels[cov]?.[name] ?? (cov === 'office' ? t.office(name) : name),
        controlN: s(c.control).n,
        controlShare: f.percent(s(c.control).share!, 0),
        treatmentN: s(c.treatment).n,
        treatmentShare: f.percent(s(c.treatment).share!, 0),
        test: '',
      });
    }
  }
  const columns = [
    text('characteristic', t.characteristic),
    counts('controlN', 'B-dvl n'),
    text('controlShare', 'B-dvl %'),
    counts('treatmentN', 'I-dvl n'),
    text('treatmentShare', 'I-dvl %'),
    text('test', t.chiSquareTest),
  ];
  const block = table('table_5_1', t.table51, columns, rows, t.table51Note);
  // Disclosure control: small counts "< 10"; the levels of a characteristic sum to the clients.
  const protectedTable = protectTable(
    block.table,
    {
      counts: [
        { id: 'controlN', reveals: ['controlShare'] },
        { id: 'treatmentN', reveals: ['treatmentShare'] },
      ],
      rowRelations: groups,
    },
    { threshold },
  );
  return hasSuppressed(protectedTable)
    ? {
        ...block,
        table: protectedTable,
        note: `${block.note ?? ''} ${disclosureNote(threshold, true, f.lang)}`.trim(),
      }
    : block;
}

/** Table 5.2's rows of one measure: a heading row, the shares per arm and the net effect. */
function exitRows(
  f: Formats,
  label: string,
  plain: EffectSeries,
  months: readonly number[],
  back: { readonly treatment: string; readonly control: string; readonly net: string },
): Record<string, Cell>[] {
  const at = (m: number) => monthAt(plain, m);
  const { pct, pp } = f;
  return [
    { ...monthRow(`**${label}**`, months, () => ''), back: '' },
    { ...monthRow('I-dvl', months, (m) => pct(at(m).shareTreated)), back: back.treatment },
    { ...monthRow('B-dvl', months, (m) => pct(at(m).shareControl)), back: back.control },
    { ...monthRow(f.t.netEffect, months, (m) => pp(at(m).raw)), back: back.net },
  ];
}

/** Annex B.1's rows of one measure: per gender the shares, the plain and the adjusted net. */
function byGenderRows(
  f: Formats,
  r: Intensive2012Result,
  measure: 'any' | 'job',
  label: string,
): Record<string, Cell>[] {
  const c = r.config;
  const { pct, pp, t } = f;
  const s = r.byGender[measure];
  const rows = [monthRow(`**${label}**`, c.months, () => '')];
  for (const level of c.genderLevels) {
    const plain = s.plain.subgroups.find((g) => g.level === level)!.series;
    const adjusted = s.adjusted.subgroups.find((g) => g.level === level)!.series;
    rows.push(
      monthRow(`*${level}*`, c.months, () => ''),
      monthRow('I-dvl', c.months, (m) => pct(monthAt(plain, m).shareTreated)),
      monthRow('B-dvl', c.months, (m) => pct(monthAt(plain, m).shareControl)),
      monthRow(t.plainNet, c.months, (m) => pp(monthAt(plain, m).raw)),
      monthRow(t.adjustedNet, c.months, (m) => pp(monthAt(adjusted, m).adjusted!)),
    );
  }
  return rows;
}

/** Table 5.4's cell: a share or part-time factor in percent, else a mean at its digits. */
function jobQualityCell(
  f: Formats,
  o: ArmComparison,
  which: 'treatment' | 'control' | 'net',
): string {
  const value = which === 'net' ? o.difference.estimate : o[which].mean;
  const stars = which === 'net' ? o.difference.stars : '';
  if (o.kind === 'binary' || o.format === 'percent') {
    return `${f.pct(value)}${f.style.percent}${stars}`;
  }
  return `${f.num(value, o.digits ?? 2)}${stars}`;
}

/**
 * Randomisation inference of Table 5.2 at its last month: the plain and the adjusted net effect
 * with the asymptotic and the randomisation p-value (Monte Carlo SE), re-drawn as BSN parity
 * assigned.
 */
function randomizationBlocks(f: Formats, r: Intensive2012Result): Block[] {
  const { pct, t } = f;
  const p3 = (x: number) => f.num(x, 3);
  const riCell = (s: RandomizationResult['itt']) => `${p3(s.pValue)} (± ${p3(s.monteCarloSe)})`;
  const row = (
    label: string,
    x: { plain: RandomizationResult; adjusted: RandomizationResult },
  ) => ({
    label,
    plain: pct(x.plain.itt.estimate),
    plainP: p3(x.plain.itt.pValueModel),
    plainRi: riCell(x.plain.itt),
    adjusted: pct(x.adjusted.adjusted!.estimate),
    adjustedP: p3(x.adjusted.adjusted!.pValueModel),
    adjustedRi: riCell(x.adjusted.adjusted!),
  });
  const first = r.randomization.any.plain;
  return [
    {
      kind: 'paragraph',
      text: t.riIntro(first.month),
    },
    table(
      'table_5_2_randomization',
      t.riTitle(first.month),
      [
        text('label', ''),
        text('plain', t.riColumns.plain),
        text('plainP', t.riColumns.asymptotic),
        text('plainRi', t.riColumns.randomization),
        text('adjusted', t.riColumns.adjusted),
        text('adjustedP', t.riColumns.asymptotic),
        text('adjustedRi', t.riColumns.randomization),
      ],
      [row(t.anyExit, r.randomization.any), row(t.jobExit, r.randomization.job)],
      t.riNote({
        month: first.month,
        design: methodText(first.design, f.lang),
        draws: f.count(first.draws),
        seed: JSON.stringify(first.seed),
        covariates: `${r.config.gender}, ${r.config.adjustmentCovariates.join(', ')}`,
      }),
    ),
  ];
}

/**
 * A bound on Table 5.4's scale with one more decimal than its cells (the bounds are narrow):
 * percent for shares and part-time factors, else the outcome's digits + 1.
 */
function qualityValueOf(f: Formats, o: ArmComparison, value: number): string {
  if (o.kind === 'binary' || o.format === 'percent') return f.num(100 * value, 2);
  return f.num(value, (o.digits ?? 2) + 1);
}

/** "[lo, hi]" on Table 5.4's scale ("[lo; hi]" with a decimal comma). */
function qualityIntervalOf(f: Formats, o: ArmComparison, ci: readonly [number, number]): string {
  const sep = f.style.decimal === ',' ? '; ' : ', ';
  return `[${qualityValueOf(f, o, ci[0])}${sep}${qualityValueOf(f, o, ci[1])}]`;
}

/**
 * Table 5.4 under selection: the naive difference of the job holders next to Lee's (2009)
 * trimming bounds, each bound's interval and the Imbens–Manski interval for the effect.
 */
function leeBoundsBlocks(f: Formats, r: Intensive2012Result): Block[] {
  const { t, count } = f;
  const qualityValue = (o: ArmComparison, value: number) => qualityValueOf(f, o, value);
  const qualityInterval = (o: ArmComparison, ci: readonly [number, number]) =>
    qualityIntervalOf(f, o, ci);
  const jq = r.jobQuality.outcomes;
  const b0 = r.jobQualityBounds[0];
  if (!b0) return [];
  const level = f.percent(b0.level, 0);
  const rows = jq.map((o, i) => {
    const b = r.jobQualityBounds[i]!;
    return {
      label: jobQualityLabel(o.label, f.lang),
      naive: `${qualityValue(o, b.naive.estimate)}${b.naive.stars}`,
      naiveCi: qualityInterval(o, b.naive.ci),
      lower: qualityValue(o, b.lower.estimate),
      lowerSe: qualityValue(o, b.lower.stdError),
      upper: qualityValue(o, b.upper.estimate),
      upperSe: qualityValue(o, b.upper.stdError),
      bounds: `${qualityInterval(o, b.lower.ci)} / ${qualityInterval(o, b.upper.ci)}`,
      im: qualityInterval(o, b.imbensManski.ci),
    };
  });
  const trimmed = b0.trimmedArm === 'treatment' ? 'I-dvl' : 'B-dvl';
  const lc = t.leeColumns(level);
  return [
    { kind: 'heading', level: 2, text: t.leeHeading },
    table(
      'table_5_4_lee_bounds',
      t.leeTitle,
      [
        text('label', ''),
        text('naive', lc.naive),
        text('naiveCi', lc.naiveCi),
        text('lower', lc.lower),
        text('lowerSe', 'SE'),
        text('upper', lc.upper),
        text('upperSe', 'SE'),
        text('bounds', lc.bounds),
        text('im', lc.im),
      ],
      rows,
      t.leeNote({
        treatedShare: f.percent(b0.selection.treatment, 1),
        treatedSelected: count(b0.selected.treatment),
        treatedAssigned: count(b0.assigned.treatment),
        controlShare: f.percent(b0.selection.control, 1),
        controlSelected: count(b0.selected.control),
        controlAssigned: count(b0.assigned.control),
        trimmed,
        trimShare: f.percent(b0.trimShare, 1),
        level,
        critical: f.num(b0.imbensManski.criticalValue, 3),
        naiveMethod: methodText(b0.naive.method.split(',')[0]!, f.lang),
      }),
      t.leeTest,
    ),
  ];
}

/**
 * The 2012–2013 report as a document in the published layout (see the module comment), in
 * `lang` (default English; Dutch: the report's own texts in Dutch, the numbers in the Dutch
 * style, method texts from below the report layer through `methodText`). Table 5.1's counts go
 * through disclosure control (`protectTable`: below `threshold`, default 10, "< 10"; the levels
 * of a characteristic sum to the clients, so one more is "x"). Table and column ids do not depend
 * on the language (the JSON is written from the English document).
 *
 * @example
 * const doc = intensive2012Document(intensive2012(table));
 * documentMarkdown(doc); // the same text as intensive2012Markdown(result)
 * documentMarkdown(intensive2012Document(result, {}, 'nl'), { lang: 'nl' }); // "# Intensieve versus …"
 */
export function intensive2012Document(
  r: Intensive2012Result,
  disclosure: DisclosureOptions = {},
  lang: Language = 'en',
): Document {
  const f = formatsOf(lang);
  const { t, count, pct, pp } = f;
  const method = (text: string) => methodText(text, lang);
  const c = r.config;
  const a = r.audit;
  const conf = a.conformance;
  const byArm = (arm: string) => conf.rows.filter((m) => m.observed === arm).length;
  const srm = a.sampleRatio;
  const months = c.months;
  const last = Math.max(...months);
  const back = r.backOnBenefit;
  const held = [
    { value: 'not_held', label: t.held[0] },
    { value: 'held', label: t.held[1] },
  ];
  const m4 = [
    { value: 'none', label: t.m4[0] },
    { value: 'individual', label: t.m4[1] },
    { value: 'group', label: t.m4[2] },
    { value: 'unclear', label: t.m4[3] },
  ];
  const dc = intensive2012Disclosure(r, disclosure, lang);
  const n = dc.count;
  const values = (l: typeof held) => l.map((x) => x.value);
  const tf = r.timeFractions;
  const jq = r.jobQuality.outcomes;
  const arms = r.arms;
  const total = arms.control.n + arms.treatment.n;
  const meanObservation =
    (arms.control.n * arms.control.meanObservation +
      arms.treatment.n * arms.treatment.meanObservation) /
    total;
  const atLast = monthAt(r.exit.any.plain, last);
  // The study's own method texts: the result's (English), or the same in Dutch from the config.
  const plainTest = lang === 'en' ? r.methods.plain : t.plainMethod;
  const adjustedMethod =
    lang === 'en'
      ? r.methods.adjusted
      : t.adjustedMethod(c.adjustmentCovariates.join(', '), c.gender, c.unknown);
  const shareTest = plainTest.split(',')[0]!;
  const legend =
    lang === 'en'
      ? starLegend(REPORT_STAR_LEVELS, t.legendTest)
      : `Sterren: ${starLevelsText(REPORT_STAR_LEVELS, f.style.decimal)} (p-waarden: ${t.legendTest})`;
  const errors = `${n('mismatches', conf.mismatches)} ${t.of} ${count(conf.checked)}${n('mismatches', conf.mismatches) === count(conf.mismatches) ? ` (${f.percent(conf.rate, 1)})` : ''}`;
  const armKey = (arm: string) => (arm === c.treatment ? 'arm-treatment' : 'arm-control');
  const srmArms = srm.arms
    .map(
      (x) =>
        `${x.arm} ${n(armKey(x.arm), x.observed)}${n(armKey(x.arm), x.observed) === count(x.observed) ? ` (${f.percent(x.share, 2)})` : ''}`,
    )
    .join(', ');
  const srmTest = `χ²(${srm.df}) = ${f.num(srm.statistic, 3)}, p = ${f.num(srm.pValue, 3)}`;
  const conversation = (nth: number) => t.conversation(nth);

  const document: Document = [
    { kind: 'heading', level: 1, text: t.title },
    { kind: 'paragraph', text: t.intro(legend) },
    { kind: 'heading', level: 2, text: t.auditHeading },
    {
      kind: 'list',
      items: [
        t.bsnLine(n('bsn-pass', r.bsn.checked - r.bsn.invalid), n('bsn-checked', r.bsn.checked)),
        t.ruleLine(
          lang === 'en' ? a.description : describeRule(c.rule, lang),
          errors,
          n(`mismatches-${c.control}`, byArm(c.control)),
          c.control,
          n(`mismatches-${c.treatment}`, byArm(c.treatment)),
          c.treatment,
        ),
        t.sampleRatioLine(srmArms, srmTest, srm.stars ? ` ${srm.stars}` : t.noBrokenRatio),
      ],
    },
    {
      kind: 'heading',
      level: 2,
      text: t.table41Heading(f.longDate(INTAKE_START), f.longDate(INTAKE_END)),
    },
    table(
      'table_4_1',
      t.table41Title,
      [
        text('group', t.group),
        { id: 'clients', label: t.clients, format: 'int' },
        text('observation', t.meanObservation),
      ],
      [
        {
          group: t.basic,
          clients: arms.control.n,
          observation: f.num(arms.control.meanObservation, 1),
        },
        {
          group: t.intensive,
          clients: arms.treatment.n,
          observation: f.num(arms.treatment.meanObservation, 1),
        },
        { group: t.total, clients: total, observation: f.num(meanObservation, 1) },
      ],
      t.observationNote(f.longDate(OBSERVATION_END)),
    ),
    { kind: 'heading', level: 2, text: conversation(4).heading },
    conversationTable(f, 'table_4_3', conversation(4).title, r.conversations.m4, m4),
    { kind: 'heading', level: 2, text: conversation(7).heading },
    conversationTable(f, 'table_4_4', conversation(7).title, r.conversations.m7, held),
    { kind: 'heading', level: 2, text: conversation(10).heading },
    conversationTable(f, 'table_4_5', conversation(10).title, r.conversations.m10, held),
    { kind: 'heading', level: 2, text: conversation(12).heading },
    conversationTable(f, 'table_4_6', conversation(12).title, r.conversations.m12, held),
    { kind: 'heading', level: 2, text: t.table51 },
    balanceTable(f, r, disclosure.threshold ?? 10),
    { kind: 'heading', level: 2, text: t.table52 },
    table(
      'table_5_2',
      t.table52,
      [...monthColumns(f, months), text('back', t.backOnBenefit)],
      [
        ...exitRows(f, t.anyExitWw, r.exit.any.plain, months, {
          treatment: pct(back.treatment.mean),
          control: pct(back.control.mean),
          net: pp(back.difference),
        }),
        ...exitRows(f, t.jobExitWw, r.exit.job.plain, months, {
          treatment: '',
          control: '',
          net: '',
        }),
      ],
      t.table52Note(
        last,
        n(countKey('any', 'n', 'treatment', last), atLast.nTreated),
        n(countKey('any', 'n', 'control', last), atLast.nControl),
        plainTest,
      ),
      t.pointwise(plainTest),
    ),
    { kind: 'paragraph', text: t.adjustedIntro(adjustedMethod) },
    table(
      'table_5_2_adjusted',
      t.table52Adjusted,
      monthColumns(f, months),
      [
        monthRow(t.anyAdjusted, months, (m) => pp(monthAt(r.exit.any.adjusted, m).adjusted!)),
        monthRow(t.jobAdjusted, months, (m) => pp(monthAt(r.exit.job.adjusted, m).adjusted!)),
      ],
      undefined,
      `${t.pointwise(adjustedMethod).replace(PER_MONTH[lang], '')}`,
    ),
    ...randomizationBlocks(f, r),
    { kind: 'heading', level: 2, text: t.table53 },
    table(
      'table_5_3',
      t.table53,
      [text('label', ''), text('benefit', t.wwBenefit), text('job', t.job), text('other', t.other)],
      (['I-dvl', 'B-dvl', 'net effect'] as const).map((name) => {
        const cell = (state: string) => {
          const x = tf.rows.find((y) => y.state === state)!;
          if (name === 'net effect') return pp(x.difference);
          return pct(x.groups[name === 'I-dvl' ? c.treatment : c.control]!.mean);
        };
        return {
          label: name === 'net effect' ? t.netEffect : name,
          benefit: cell('benefit'),
          job: cell('job'),
          other: cell('other'),
        };
      }),
      t.table53Note(ENTRY_OFFSET_DAYS / 7, f.longDate(OBSERVATION_END), method(tf.method)),
      t.twoSided(method(tf.method)),
    ),
    { kind: 'heading', level: 2, text: t.table54 },
    table(
      'table_5_4',
      t.table54,
      [text('label', ''), ...jq.map((o, i) => text(`o${i}`, jobQualityLabel(o.label, f.lang)))],
      (['treatment', 'control', 'net'] as const).map((which) => ({
        label: which === 'treatment' ? 'I-dvl' : which === 'control' ? 'B-dvl' : t.netEffect,
        ...Object.fromEntries(jq.map((o, i) => [`o${i}`, jobQualityCell(f, o, which)])),
      })),
      t.table54Note({
        treated: n(countKey('jq', 0, 'n', 'treatment'), jq[0]!.treatment.n),
        control: n(countKey('jq', 0, 'n', 'control'), jq[0]!.control.n),
        shareTest,
        pValues: jq
          .map((o) => `${jobQualityLabel(o.label, f.lang)} ${f.num(o.difference.pValue, 2)}`)
          .join('; '),
      }),
      t.table54Test(shareTest),
    ),
    ...leeBoundsBlocks(f, r),
    { kind: 'heading', level: 2, text: t.annexB1 },
    table(
      'annex_b_1',
      t.annexB1,
      monthColumns(f, months),
      [
        ...byGenderRows(f, r, 'any', t.anyExitBenefit),
        ...byGenderRows(f, r, 'job', t.jobExitShort),
      ],
      t.annexNote(plainTest, adjustedMethod),
      t.annexTest(plainTest, adjustedMethod),
    ),
  ];
  return dc.protect(document, {
    table_4_3: values(m4),
    table_4_4: values(held),
    table_4_5: values(held),
    table_4_6: values(held),
  });
}

/** The words the adjusted table's star test leaves out of "two-sided, pointwise (…)". */
const PER_MONTH: Texts = { en: ' (each month on its own)', nl: ' (elke maand afzonderlijk)' };

/**
 * The result as a Markdown report in the published layout (stdout of `reproduce intensive-2012
 * [--lang nl]`), in `lang` (default English).
 *
 * @example
 * intensive2012Markdown(result, { threshold: 10 }, 'nl'); // "# Intensieve versus basisdienstverlening, …"
 */
export function intensive2012Markdown(
  r: Intensive2012Result,
  disclosure: DisclosureOptions = {},
  lang: Language = 'en',
): string {
  return documentMarkdown(intensive2012Document(r, disclosure, lang), { lang });
}
