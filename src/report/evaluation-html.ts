/**
 * The evaluation as one self-contained HTML page (`analyze --out` writes it as `report.html`):
 * per event the cumulative outflow per arm and the effect per month with its confidence band as
 * charts, then every section of the evaluation (already under disclosure control) as a table with
 * its notes. English or Dutch: the charts, the tables' numbers and the page's own texts follow
 * `lang`; the sections come in built in the same language (`evaluationSections(r, { lang })`).
 */
import type { AnalysisResult } from '../evaluate/index.js';
import { type Language, parseLanguage, type Texts, textOf } from '../language.js';
import { type AllKeys, rejectUnknownKeys } from '../stats/option-keys.js';
import type { Section } from '../table/index.js';
import { effectChart, outflowChart } from './charts/outcomes.js';
import { renderSvg } from './charts/render.js';
import { type HtmlBlock, type HtmlSection, htmlReport } from './html.js';

/** Options of {@link evaluationHtml}. */
export interface EvaluationHtmlOptions {
  /** Language of the page and its charts (default `en`). */
  readonly lang?: Language;
  /** Disclosure threshold of the charts, as of the sections (default 10; 0: off). */
  readonly threshold?: number;
  /** The heading of the page (default: the result's title). */
  readonly title?: string;
  /** A line under the title, e.g. the input file's name (never a path with an id in it). */
  readonly subtitle?: string;
}

const EVALUATION_HTML_KEYS: AllKeys<EvaluationHtmlOptions> = {
  lang: true,
  threshold: true,
  title: true,
  subtitle: true,
};

const TEXTS: Texts<{
  readonly charts: string;
  readonly outflowCaption: (event: string) => string;
  readonly effectCaption: (event: string) => string;
  readonly effectTitle: (event: string, contrast: string) => string;
  readonly footer: string;
}> = {
  en: {
    charts: 'Charts',
    outflowCaption: (e) =>
      `Cumulative outflow into ${e} per arm (complete follow-up as in the outflow table); points whose counts are suppressed are not drawn.`,
    effectCaption: (e) =>
      `Effect on ${e} per month in percentage points with its pointwise confidence interval; filled points are significant.`,
    effectTitle: (e, contrast) => `Effect on ${e} per month: ${contrast}`,
    footer:
      'Written by effectmeting analyze. Numbers under disclosure control as in the tables; no client key appears in this report.',
  },
  nl: {
    charts: 'Grafieken',
    outflowCaption: (e) =>
      `Cumulatieve uitstroom naar ${e} per groep (volledige follow-up, als in de uitstroomtabel); punten waarvan de aantallen zijn onderdrukt, zijn niet getekend.`,
    effectCaption: (e) =>
      `Effect op ${e} per maand in procentpunt met het betrouwbaarheidsinterval per maand; gevulde punten zijn significant.`,
    effectTitle: (e, contrast) => `Effect op ${e} per maand: ${contrast}`,
    footer:
      'Gemaakt met effectmeting analyze. Aantallen onder onthullingscontrole als in de tabellen; geen cliëntsleutel komt in dit rapport voor.',
  },
};

/** A section of the evaluation as report blocks: its table (with the star legend) and notes. */
function sectionBlocks(s: Section): HtmlBlock[] {
  return [
    ...(s.rows.length > 0 ? [{ kind: 'table', table: s } as const] : []),
    ...(s.notes ?? []).filter((n) => n !== '').map((text) => ({ kind: 'note', text }) as const),
  ];
}

/**
 * The evaluation report as a self-contained HTML page: a chart section (per event the outflow
 * curves per arm and the effect per month with its band, drawn by `outflowChart` /
 * `effectChart` with the same disclosure threshold as the tables), then one section per table.
 * No scripts, no external requests (`htmlReport`); deterministic for the same input.
 *
 * @example
 * const sections = evaluationSections(result, { threshold: 10, lang: 'nl' });
 * const html = await evaluationHtml(result, sections, { lang: 'nl', threshold: 10 });
 */
export async function evaluationHtml(
  result: AnalysisResult,
  sections: readonly Section[],
  options: EvaluationHtmlOptions = {},
): Promise<string> {
  rejectUnknownKeys(options, EVALUATION_HTML_KEYS, 'evaluationHtml');
  const lang = parseLanguage(options.lang, 'evaluationHtml: lang');
  const t = textOf(TEXTS, lang);
  const disclosure = { threshold: options.threshold ?? 10 };
  const figures: HtmlBlock[] = [];
  let n = 0;
  for (const destination of result.outflow.destinations) {
    const spec = outflowChart(result.outflow, { destination, lang, ...disclosure });
    figures.push({
      kind: 'figure',
      svg: await renderSvg(spec, { idPrefix: `c${++n}` }),
      caption: t.outflowCaption(destination),
    });
  }
  for (const e of result.effects) {
    const { treatment, control } = e.series.arms;
    const title = t.effectTitle(e.event, `${treatment} − ${control}`);
    const spec = effectChart(e.series, { lang, title, ...disclosure });
    figures.push({
      kind: 'figure',
      svg: await renderSvg(spec, { idPrefix: `c${++n}` }),
      caption: t.effectCaption(e.event),
    });
  }
  const body: HtmlSection[] = [
    ...(figures.length > 0 ? [{ title: t.charts, id: 'charts', blocks: figures }] : []),
    ...sections.map((s, i) => ({
      title: s.title,
      id: `${s.id}-${i + 1}`,
      blocks: sectionBlocks(s),
    })),
  ];
  return htmlReport({
    title: options.title ?? result.title,
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    sections: body,
    footer: t.footer,
    lang,
  });
}
