/**
 * The pilot's plan: the same analysis as the shipped example config (examples/analysis-config.json),
 * with Table 2's labelled rows; and `evaluate` on it gives the complier effect the config gives.
 */
import { readFileSync } from 'node:fs';
import { evaluate, parsePlan } from 'effectmeting';
import { DEN_HAAG_PILOT_CONFIG, DEN_HAAG_PLAN, pilotPlan } from 'effectmeting/studies';
import { describe, expect, it } from 'vitest';
import { receivedValues } from '../../../src/evaluate/plan.js';
import { dataTable } from '../../fixtures/shared.js';

const example = parsePlan(JSON.parse(readFileSync('examples/analysis-config.json', 'utf8')));

describe('DEN_HAAG_PLAN', () => {
  it('is the example config for the one event, without subgroups', () => {
    for (const key of ['columns', 'arms', 'filter', 'months', 'covariates', 'methods'] as const) {
      expect(DEN_HAAG_PLAN[key]).toEqual(example[key]);
    }
    expect(DEN_HAAG_PLAN.events).toEqual([{ label: 'bijstand', column: 'month_bijstand' }]);
    expect(DEN_HAAG_PLAN.subgroups).toEqual([]);
  });

  it('groups the conversations under the received "assessed, conversation" row', () => {
    const p = DEN_HAAG_PLAN.participation!;
    expect(p.received).toEqual(['assessed_conversation']);
    expect(receivedValues(p).filter((v) => v !== 'assessed_conversation')).toEqual(
      example.participation!.received,
    );
  });

  it('follows the config: another decile, other column names', () => {
    const plan = pilotPlan({ ...DEN_HAAG_PILOT_CONFIG, decile: 2, arm: 'group', event: 'm_b' });
    expect(plan.filter).toEqual([{ column: 'decile', values: [2] }]);
    expect(plan.columns.arm).toBe('group');
    expect(plan.events).toEqual([{ label: 'bijstand', column: 'm_b' }]);
  });

  it('gives the complier effect of the example config through the received group', async () => {
    const data = await dataTable('den-haag-pilot.csv');
    const complier = evaluate(data, DEN_HAAG_PLAN).participation!.complier[0]!;
    expect(complier.month).toBe(24);
    expect(complier.result.unadjusted.complier.estimate).toBeCloseTo(-0.22652853711372106, 12);
  });
});
