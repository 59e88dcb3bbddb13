/**
 * effectmeting/node: the parts that need Node (or Deno): reading table files, and simulating a
 * design in worker threads. Everything else is in the root entry, which also runs in browsers.
 *
 * @example
 * import { loadTable } from 'effectmeting/node';
 * const clients = await loadTable('clients.csv');
 *
 * @module effectmeting/node
 */

export { loadTable, type TableContent, type TableSource } from './data/load.js';
export {
  type EstimatorSummary,
  type SimulatedAssignment,
  type SimulatedMonth,
  type SimulateOptions,
  type SimulationDesign,
  type SimulationResult,
  simulateDesign,
} from './plan/simulate.js';
export type { ResolvedDesign } from './plan/simulate-core.js';
export type { DataModel, Model, ModelFactory, ReplicateData } from './plan/simulate-model.js';
