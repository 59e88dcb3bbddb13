import { describe, expect, it } from 'vitest';
import {
  DEN_HAAG_DECILE1_DESIGN,
  DEN_HAAG_STUDY,
  pilotPowerAnswer,
  pilotPowerMarkdown,
} from '../../../src/studies.js';

describe("the pilot's own question", () => {
  const answer = pilotPowerAnswer();
  it('Den Haag decile 1: about 9.8 pp ITT (32 pp per participant) without covariates', () => {
    expect(answer.pilot.none.itt).toBeCloseTo(-0.0984, 3);
    expect(answer.pilot.none.perParticipant).toBeCloseTo(-0.317, 2);
    // The published −6.3 pp had under 50 % power without covariates.
    expect(answer.pilot.powerForPublished.none).toBeLessThan(0.5);
    expect(answer.pilot.powerForPublished.none).toBeGreaterThan(0.35);
    expect(answer.pilot.withCovariates.itt).toBeGreaterThan(answer.pilot.none.itt);
  });
  it('SE without covariates ≈ 3.5 pp (docs/planning.md)', () => {
    expect(answer.pilot.none.stdError).toBeGreaterThan(0.034);
    expect(answer.pilot.none.stdError).toBeLessThan(0.036);
  });
  it('half a Den Haag: larger MDE, and the sizes needed for the pilot effect', () => {
    expect(answer.halfCity.none.itt).toBeLessThan(answer.pilot.none.itt);
    const needed = answer.halfCity.needed.find((r) => r.treatmentShare === 0.8 && r.rSquared === 0);
    expect(needed).toBeDefined();
    expect(needed!.total).toBeGreaterThan(2_900);
    expect(needed!.years).toBeGreaterThan(4);
    const even = answer.halfCity.needed.find((r) => r.treatmentShare === 0.5 && r.rSquared === 0)!;
    expect(even.total).toBeLessThan(needed!.total);
  });
});

describe('the planning question in the registry', () => {
  it('answers from the design constants and prints the published effect', () => {
    const q = DEN_HAAG_STUDY.planning!.question({});
    expect(q.answer).toEqual(pilotPowerAnswer());
    expect(q.markdown).toBe(pilotPowerMarkdown(pilotPowerAnswer()));
    expect(q.markdown).toContain('pilot (978 / 240)');
    expect(q.markdown).toContain('Power for the published −6.3 pp');
    expect(q.markdown).toContain('instead of 31 %');
    expect(DEN_HAAG_STUDY.planning!.simulation).toMatchObject({
      nTreatment: DEN_HAAG_DECILE1_DESIGN.nTreatment,
      nControl: DEN_HAAG_DECILE1_DESIGN.nControl,
    });
  });
});
