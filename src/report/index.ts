// Public API of src/report/; the package entries (src/index.ts and siblings) pick from it.

export * from './charts/index.js';
export {
  DEN_HAAG_PILOT_CONFIG,
  denHaagPilot,
  type PilotConfig,
  type PilotResult,
  pilotMarkdown,
  significanceText,
} from './den-haag-pilot.js';
export {
  PILOT_SYNTHETIC_SOURCE,
  type PilotHtmlOptions,
  pilotHtml,
} from './den-haag-pilot-html.js';
export {
  type AdditiveRelation,
  type CellStatus,
  type CellSuppression,
  type CountTable,
  type CsvWriteOptions,
  csvSafe,
  type DisclosureOptions,
  disclosureNote,
  PARTICIPATION_TOTAL,
  protectParticipation,
  suppressCells,
  suppressedText,
  suppressSmallCounts,
  suppressTable,
  type TableSuppression,
  toCsv,
} from './disclosure.js';
export {
  DENO_INSPECT,
  type Displayable,
  type DisplayOptions,
  type DisplayWrapper,
  display,
  displayBundle,
  type HtmlConvertible,
  isDisplayable,
  isVegaLiteSpec,
  JUPYTER_DISPLAY,
  type MimeBundle,
  markdownBundle,
  markdownToHtml,
  markdownToText,
  NODE_INSPECT,
  VEGA_LITE_MIME,
  withDisplay,
} from './display.js';
export {
  blockHtml,
  escapeHtml,
  type FigureBlock,
  type HeadingBlock,
  type HtmlBlock,
  type HtmlReport,
  type HtmlSection,
  htmlReport,
  inlineHtml,
  type ListBlock,
  type MarkdownBlock,
  markdownBlocks,
  markdownReportHtml,
  type NoteBlock,
  type ParagraphBlock,
  REPORT_CSS,
  type TableBlock,
  type TableColumn,
} from './html.js';
export {
  INTENSIVE_2012_CONFIG,
  type Intensive2012Arm,
  type Intensive2012Config,
  type Intensive2012Exit,
  type Intensive2012ExitByGender,
  type Intensive2012Result,
  intensive2012,
  intensive2012Markdown,
} from './intensive-2012.js';
export {
  type OutcomeAtMonth,
  PERSONAL_SERVICES_CONFIG,
  type PersonalServicesComparison,
  type PersonalServicesComparisonKey,
  type PersonalServicesConfig,
  type PersonalServicesResult,
  personalServices2017,
  personalServicesMarkdown,
} from './personal-services-2017.js';
export {
  type ScanReviewCharts,
  scanReviewCharts,
  scanReviewHtml,
  scanReviewSvgs,
} from './scan-review-html.js';
export { rowsOf, type Tabular, tableCsv, tableHtml, tableMarkdown } from './tables.js';
