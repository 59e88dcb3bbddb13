import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { simulateDesign } from '../../../src/plan/simulate.js';
import { resolveDesign } from '../../../src/plan/simulate-core.js';
import { DEN_HAAG_MODEL } from '../../../src/studies.js';

describe('DEN_HAAG_MODEL, the Den Haag data model of simulateDesign', () => {
  it('gives the decile-1 defaults: 24 months, participation 334/978 and 8/240, censoring 51/1218', () => {
    const r = resolveDesign({ model: DEN_HAAG_MODEL, nTreatment: 978, nControl: 240 });
    expect(r.months).toBe(24);
    expect(r.participation).toEqual({ treatment: 334 / 978, control: 8 / 240 });
    expect(r.censoring).toBe(51 / 1218);
    expect(() =>
      resolveDesign({ model: DEN_HAAG_MODEL, nTreatment: 978, nControl: 240, months: 25 }),
    ).toThrow(/den-haag model follows clients 24 months/);
  });

  it('is plain data, so a worker loads it by module and export: same results as inline', async () => {
    expect(structuredClone(DEN_HAAG_MODEL)).toEqual(DEN_HAAG_MODEL);
    const design = { model: DEN_HAAG_MODEL, nTreatment: 120, nControl: 60, months: 6 };
    const opts = { replicates: 6, seed: 'model', chunkSize: 3, progress: false };
    const inline = await simulateDesign(design, { ...opts, workers: 0 });
    const worker = await simulateDesign(design, { ...opts, workers: 1 });
    expect(worker.workers).toBe(1);
    expect(JSON.stringify(worker.months)).toBe(JSON.stringify(inline.months));
    expect(inline.method).toContain('6 replicates of the den-haag model');
  });

  it('a descriptor without its factory is an InputError', async () => {
    const missing = { ...DEN_HAAG_MODEL, export: 'noSuchModel' };
    await expect(
      simulateDesign({ model: missing, nTreatment: 10, nControl: 10 }, { workers: 0 }),
    ).rejects.toThrow(InputError);
    await expect(
      simulateDesign(
        { model: { name: 'x' } as unknown as typeof DEN_HAAG_MODEL, nTreatment: 10, nControl: 10 },
        { workers: 0 },
      ),
    ).rejects.toThrow(/data model/);
  });
});
