// Public API of src/stats/. Re-exported by src/index.ts.
export { type DesignMatrix, type Estimate, type Stars, stars } from './estimate.js';
