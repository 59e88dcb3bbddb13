// Public API of src/stats/; the package entries (src/index.ts and siblings) pick from it.

// Distributions, random numbers and tests (src/stats/{distributions,random,proportions,means,
// chisquare,multiplicity}.ts).
export {
  type ChiSquareGoodnessOfFitResult,
  type ChiSquareIndependenceResult,
  type ChiSquareOptions,
  chiSquareTest,
  type GoodnessOfFitInput,
} from './chisquare.js';
export {
  chiSquareQuantile,
  chiSquareSurvival,
  fQuantile,
  fSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  twoSidedP,
} from './distributions.js';
export { type DesignMatrix, type Estimate, estimateFromSe, type Stars, stars } from './estimate.js';
// Small dense linear algebra for the regression kernels (src/stats/linalg.ts).
export {
  backSolveTransposed,
  cholesky,
  choleskyInverse,
  choleskySolve,
  crossProduct,
  crossProductVector,
  forwardSolve,
  type PivotedCholesky,
  pivotedCholesky,
  ROW_BLOCK,
  residualCrossProduct,
  sandwich,
  subtractProduct,
} from './linalg.js';
export {
  type DiffInMeansOptions,
  diffInMeans,
  type TTestKind,
  type TTestOptions,
  type TTestResult,
  tTest,
} from './means.js';
export { type PAdjustMethod, type PAdjustOptions, pAdjust } from './multiplicity.js';
export {
  type DiffInProportionsOptions,
  type DiffInProportionsResult,
  diffInProportions,
  type ProportionCounts,
} from './proportions.js';
export { createRng, type Rng } from './random.js';
