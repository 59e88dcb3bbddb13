import { table } from 'arquero';
import { describe, expect, it, vi } from 'vitest';
import * as intakeModule from '../../src/data/intake.js';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';
import { SMALL_PLAN, smallRows } from './small-data.js';

// Count the intakes built: every module that imports `experimentIntake` gets this wrapper.
vi.mock('../../src/data/intake.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/data/intake.js')>();
  return { ...original, experimentIntake: vi.fn(original.experimentIntake) };
});

function smallTable() {
  const rows = smallRows();
  const columns: Record<string, unknown[]> = {};
  for (const name of Object.keys(rows[0]!)) {
    columns[name] = rows.map((r) => r[name as keyof typeof r]);
  }
  return table(columns);
}

describe('evaluate builds the experiment intake once', () => {
  it('one intake for balance, outflow, effects, subgroups, participation and complier effect', () => {
    const build = vi.mocked(intakeModule.experimentIntake);
    build.mockClear();
    const result = evaluate(smallTable(), parsePlan(SMALL_PLAN));
    expect(build).toHaveBeenCalledTimes(1);
    // Every analysis ran from it.
    expect(result.assignment.balance).toBeDefined();
    expect(result.effects).toHaveLength(2);
    expect(result.subgroups).toHaveLength(2);
    expect(result.participation?.complier).toHaveLength(2);
  });
  it('also with a filter: the intake is of the rows kept', () => {
    const build = vi.mocked(intakeModule.experimentIntake);
    build.mockClear();
    const plan = parsePlan({
      ...SMALL_PLAN,
      filter: { column: 'office', in: ['office 1', 'office 2'] },
    });
    const result = evaluate(smallTable(), plan);
    expect(build).toHaveBeenCalledTimes(1);
    expect(build.mock.results[0]!.value.n).toBe(result.input.analysed);
  });
});
