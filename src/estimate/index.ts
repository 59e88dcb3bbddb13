// Public API of src/estimate/; the package entries (src/index.ts and siblings) pick from it.
export type { ColumnsInput, DesignInput, VectorInput } from './design.js';
export { toDesignMatrix } from './design.js';
export { type FirthFit, type FirthOptions, firthLogistic } from './firth.js';
export type { Coefficient } from './inference.js';
export {
  type FirstStage,
  type IvFit,
  type IvInput,
  type IvOptions,
  type IvSeType,
  type IvStageFit,
  ivRegression,
} from './iv.js';
export { type LinFit, type LinOptions, linAdjusted } from './lin.js';
export { type LogisticFit, type LogisticOptions, logisticRegression } from './logistic.js';
export {
  type OlsFit,
  type OlsOptions,
  type OlsPrepared,
  type OlsPrepareOptions,
  ols,
  olsFitPrepared,
  olsLeverages,
  olsPrepare,
  olsTermPrepared,
  type SingularAction,
} from './ols.js';
export { olsTermSeries } from './series.js';
export { SE_TYPES, type SeType } from './vcov.js';
export { type WaldFit, type WaldTest, waldTest } from './wald.js';
