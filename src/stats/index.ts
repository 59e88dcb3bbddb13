// Public API of src/stats/. Re-exported by src/index.ts.

export {
  chiSquareSurvival,
  fSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  twoSidedP,
} from './distributions.js';
export { type DesignMatrix, type Estimate, type Stars, stars } from './estimate.js';
