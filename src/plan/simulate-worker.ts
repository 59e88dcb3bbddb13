/**
 * Worker thread of `simulateDesign`: builds the data model once, then answers chunks of
 * replicate numbers with their results (transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeModel, resolveDesign, runReplicates, type SimulationDesign } from './simulate-core.js';

interface Init {
  readonly design: SimulationDesign;
  readonly seed: string;
}

interface Chunk {
  readonly start: number;
  readonly end: number;
}

const init = workerData as Init;
const resolved = resolveDesign(init.design);
const model = await makeModel(resolved);
const port = parentPort!;
port.on('message', (chunk: Chunk | null) => {
  if (chunk === null) {
    port.close();
    return;
  }
  const values = runReplicates(resolved, model, init.seed, chunk.start, chunk.end);
  port.postMessage({ start: chunk.start, end: chunk.end, values }, [values.buffer as ArrayBuffer]);
});
port.postMessage({ ready: true });
