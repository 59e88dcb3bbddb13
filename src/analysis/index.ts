// Public API of src/analysis/. Re-exported by src/index.ts.
export {
  type FigureWithInterval,
  type ImpactFigures,
  type ImpactInput,
  impactFigures,
  oneIn,
} from './impact.js';
