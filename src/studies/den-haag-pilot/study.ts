/** The Den Haag pilot as a registered study: its data files, reproduction and planning question. */
import { numberColumn } from '../../data/columns.js';
import { parseLanguage } from '../../language.js';
import { publishedJson } from '../../report/disclosure.js';
import { type AllKeys, rejectUnknownKeys } from '../../stats/option-keys.js';
import { documentMarkdown } from '../../table/index.js';
import { DEN_HAAG_LISTING } from '../catalog.js';
import { toCsv } from '../shared/csv.js';
import { stampOptions } from '../shared/report-language.js';
import { sourceNote } from '../shared/source-note.js';
import type { Study, StudyQuestionOptions } from '../study.js';
import { DEN_HAAG_DECILE1_DESIGN } from './design.js';
import { DEN_HAAG_COLUMNS, generateDenHaag } from './generator.js';
import {
  generateNationalBenchmark,
  NATIONAL_BENCHMARK_COLUMNS,
  NATIONAL_BENCHMARK_LABEL,
} from './national-benchmark.js';
import { DEN_HAAG_PARAMS, DEN_HAAG_SEEDS } from './params.js';
import { DEN_HAAG_PLAN } from './plan.js';
import { pilotPowerAnswer, pilotPowerMarkdown } from './power.js';
import { denHaagPilot, pilotDocument } from './report.js';
import { pilotHtml } from './report-html.js';
import { DEN_HAAG_MODEL } from './simulation-model.js';

const [DATA, BENCHMARK] = DEN_HAAG_LISTING.files;
/** The keys of the planning question's options. */
const QUESTION_KEYS: AllKeys<StudyQuestionOptions> = { rSquared: true, lang: true };

/** The Den Haag pilot "WW (niet) naar bijstand" (2021–2022). */
export const DEN_HAAG_STUDY: Study = {
  name: DEN_HAAG_LISTING.name,
  title: DEN_HAAG_LISTING.title,
  datasets: [
    {
      file: DATA,
      description: 'Den Haag pilot "WW (niet) naar bijstand": 12,191 synthetic clients',
      generate: () => toCsv(DEN_HAAG_COLUMNS, generateDenHaag(DEN_HAAG_SEEDS, DEN_HAAG_PARAMS)),
    },
    {
      file: BENCHMARK,
      description: 'Rest of the Netherlands, decile 1: cumulative flow into bijstand, months 1–24',
      generate: () => toCsv(NATIONAL_BENCHMARK_COLUMNS, generateNationalBenchmark()),
    },
  ],
  reproduction: {
    data: DATA,
    stem: 'den-haag-pilot',
    stringColumns: [],
    // The checks of its plan, as 'analyze' applies them to the same plan.
    schema: {
      id: DEN_HAAG_PLAN.columns.id,
      arm: DEN_HAAG_PLAN.columns.arm,
      followup: DEN_HAAG_PLAN.columns.followup,
      events: DEN_HAAG_PLAN.events.map((e) => e.column),
      covariates: DEN_HAAG_PLAN.covariates,
      ...(DEN_HAAG_PLAN.arms.weights ? { arms: Object.keys(DEN_HAAG_PLAN.arms.weights) } : {}),
    },
    charts: DEN_HAAG_LISTING.reproduction.charts,
    benchmark: {
      file: BENCHMARK,
      help: DEN_HAAG_LISTING.reproduction.benchmarkHelp,
      fromTable(table, path) {
        const months = numberColumn(table, 'month', { integer: true, min: 1 });
        const shares = numberColumn(table, 'share', { min: 0, max: 1 });
        return {
          label: NATIONAL_BENCHMARK_LABEL.en,
          values: Array.from(months, (month, i) => ({ month, share: shares[i]! })),
          note: `${path} (synthetic reconstruction of the national line in Figure 2a)`,
        };
      },
    },
    reproduce(table, { benchmark, source, minCell = 10, lang, version, date }) {
      const result = denHaagPilot(table, {}, benchmark);
      const threshold = minCell;
      // One document for the Markdown and the published JSON (pilotMarkdown writes the same).
      const document = pilotDocument(result, { threshold });
      return {
        markdown:
          lang === 'nl'
            ? documentMarkdown(pilotDocument(result, { threshold }, 'nl'), { lang })
            : documentMarkdown(document),
        json: threshold > 0 ? publishedJson(document, threshold) : result,
        html: () =>
          pilotHtml(result, {
            ...(source.synthetic ? {} : { source: sourceNote(source, 'the Den Haag pilot', lang) }),
            threshold,
            ...stampOptions({ lang, version, date }),
          }),
      };
    },
  },
  planning: {
    name: DEN_HAAG_LISTING.planning.name,
    help: DEN_HAAG_LISTING.planning.help,
    simulation: {
      model: DEN_HAAG_MODEL,
      nTreatment: DEN_HAAG_DECILE1_DESIGN.nTreatment,
      nControl: DEN_HAAG_DECILE1_DESIGN.nControl,
    },
    question(options) {
      rejectUnknownKeys(options, QUESTION_KEYS, 'question');
      const lang = parseLanguage(options.lang, 'lang');
      const answer = pilotPowerAnswer(
        options.rSquared !== undefined ? { rSquared: options.rSquared } : {},
      );
      return { answer, markdown: pilotPowerMarkdown(answer, lang) };
    },
  },
};
