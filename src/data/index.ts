// Public API of src/data/; the package entries (src/index.ts and siblings) pick from it.
export {
  asTable,
  type ColumnKind,
  columnTypes,
  columnValues,
  describeValue,
  isMissing,
  missingColumnError,
  type NumberColumnOptions,
  numberColumn,
  numericValue,
  type RowObject,
  requireColumns,
  type StringColumnOptions,
  stringColumn,
  stringValue,
  type TableInput,
  valuesKind,
} from './columns.js';
export { type CsvColumnType, type CsvOptions, type CsvResult, parseCsv } from './csv.js';
export {
  type Exclusion,
  type ExperimentIntake,
  type ExperimentRoles,
  type ExperimentRolesSpec,
  experimentIntake,
  experimentRoles,
  type IntakeOptions,
  type IntakeSpec,
  isExperimentIntake,
  resolveSchema,
} from './intake.js';
export { parseJsonRows } from './json.js';
export { loadTable, type TableContent, type TableSource } from './load.js';
export {
  type DroppedRows,
  type DroppedTerm,
  type ModelFrame,
  type ModelFrameSpec,
  type ModelMatrix,
  type ModelSpec,
  type ModelTerm,
  modelFrame,
  modelMatrix,
} from './model-matrix.js';
export { normaliseTable } from './normalise.js';
export {
  type InMemorySource,
  type LoadOptions,
  loadTableSync,
  parseTable,
  type TableFormat,
} from './parse.js';
export { rowsToTable } from './rows.js';
export {
  DEFAULT_EXPERIMENT_SCHEMA,
  type ExperimentSchema,
  type ResolvedExperimentSchema,
} from './schema.js';
export {
  checkExperiment,
  type ExperimentCheck,
  ExperimentError,
  type IntakeArms,
  type ValidatedExperiment,
  type ValidationProblem,
  validateExperiment,
} from './validate.js';
