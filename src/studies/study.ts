/**
 * What a published study provides: its synthetic data files (each rebuilt byte for byte by a
 * seeded generator), and, where the study has one, its reproduction (the analysis and report on
 * a client table) and its planning question. The one registry of studies is
 * `src/studies/registry.ts`; `npm run data`, `effectmeting reproduce` and `effectmeting power
 * --pilot` read it.
 */
import type { ColumnTable } from 'arquero';
import type { ExperimentSchema } from '../data/schema.js';
import type { Language } from '../language.js';
import type { OutflowBenchmark } from '../outcomes/outflow-result.js';
import type { SimulationDesign } from '../plan/simulate-core.js';

/** A generated data file. */
export interface StudyDataset {
  /** File name inside `data/`. */
  readonly file: string;
  /** One line for listings. */
  readonly description: string;
  /** The file's exact text, as `npm run data` writes it. */
  generate(): string;
}

/** Where the analysed table comes from: the shipped synthetic file, or the caller's. */
export interface StudySource {
  readonly path: string;
  readonly synthetic: boolean;
}

/** What a reproduction returns: the Markdown report, every number, and an HTML report. */
export interface StudyReport {
  readonly markdown: string;
  readonly json: unknown;
  html?(): Promise<string>;
}

/** A comparison line shown with a study's outcome curves (e.g. the national figure). */
export interface StudyBenchmark {
  /** The dataset file (in `data/`) used when no other file is given. */
  readonly file: string;
  /** Help text of `reproduce --benchmark` for this study (pre-wrapped). */
  readonly help: string;
  /** The benchmark line from a table with columns `month`, `share`. */
  fromTable(table: ColumnTable, path: string): OutflowBenchmark;
}

/** A study's published analysis on a client table. */
export interface StudyReproduction {
  /** The dataset file (in `data/`) analysed by default. */
  readonly data: string;
  /** Stem of the written report files (`<stem>.md`, `.json`, `.html`). */
  readonly stem: string;
  /** Columns read as text whatever their values (e.g. a BSN). */
  readonly stringColumns: readonly string[];
  /**
   * The validation `reproduce` applies to its data before the analysis, as `analyze` does:
   * the id, arm (and allowed labels), follow-up and event columns of the study.
   */
  readonly schema: ExperimentSchema;
  /** Whether the HTML report has charts. */
  readonly charts: boolean;
  readonly benchmark?: StudyBenchmark;
  /** Runs the analysis and assembles the report. */
  reproduce(
    table: ColumnTable,
    options: {
      readonly benchmark?: OutflowBenchmark;
      readonly source: StudySource;
      /**
       * Disclosure threshold of every format (default 10; 0 turns it off): with it, the JSON holds
       * the published tables; without, the complete result.
       */
      readonly minCell?: number;
      /**
       * Language of the HTML report and the Markdown (default `en`; the Den Haag Markdown is still
       * English); the JSON is the same in both.
       */
      readonly lang?: Language;
      /** Version/date stamp of the HTML report: effectmeting's version and the report date. */
      readonly version?: string;
      /** Report date `YYYY-MM-DD` (default: none, the report says it is undated). */
      readonly date?: string;
    },
  ): StudyReport;
}

/** A study's own planning question (`effectmeting power --pilot`). */
export interface StudyPlanning {
  /** "the Den Haag pilot": used in the command's summary. */
  readonly name: string;
  /** Help text of `--pilot` (pre-wrapped). */
  readonly help: string;
  /** The design `--simulate` simulates (with the study's data model). */
  readonly simulation: SimulationDesign;
  /**
   * Answers the question: `answer` as plain data (printed by `--json`, the same in every
   * language) and as Markdown in `options.lang` (default English). Unknown option keys are an
   * `InputError`.
   */
  question(options: StudyQuestionOptions): {
    readonly answer: unknown;
    readonly markdown: string;
  };
}

/** The options of {@link StudyPlanning.question}. */
export interface StudyQuestionOptions {
  /** Overrides the expected R² of the adjustment covariates. */
  readonly rSquared?: number;
  /** Language of the Markdown answer (default `en`); the `answer` data do not depend on it. */
  readonly lang?: Language;
}

/** One published study. */
export interface Study {
  /** Name on the command line, e.g. `den-haag`. */
  readonly name: string;
  /** Description for listings (pre-wrapped for the help text). */
  readonly title: string;
  readonly datasets: readonly StudyDataset[];
  readonly reproduction?: StudyReproduction;
  readonly planning?: StudyPlanning;
}
