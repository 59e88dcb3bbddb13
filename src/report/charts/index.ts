// Charts: Vega-Lite spec builders and SVG rendering. See docs/reports.md.
export {
  type EffectChartInput,
  type EffectChartOptions,
  effectChart,
  type OutflowChartInput,
  type OutflowChartOptions,
  outflowChart,
} from './outcomes.js';
export { type RenderOptions, renderSvg } from './render.js';
export {
  type CalibrationPoint,
  calibrationChart,
  type DriftChartOptions,
  type DriftPoint,
  driftChart,
  type GainsPoint,
  gainsChart,
} from './scan.js';
export {
  CHART_FONT,
  type ChartOptions,
  type ChartSpec,
  OKABE_ITO,
  VEGA_LITE_SCHEMA,
} from './spec.js';
export {
  type BalanceChartInput,
  type BalanceChartOptions,
  balanceChart,
  type ParticipationChartInput,
  type ParticipationChartOptions,
  participationChart,
} from './tables.js';
