import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditAssignment } from '../../src/assign/index.js';
import { InputError } from '../../src/errors.js';

const ref = JSON.parse(
  readFileSync(new URL('../reference/assign.json', import.meta.url), 'utf8'),
) as { srm: Record<string, { statistic: number; pValue: number; df: number }> };

/** An existing trial: 9,788 experiment / 2,403 control (Den Haag's counts), rule unknown. */
function trial(): Record<string, unknown>[] {
  return Array.from({ length: 9788 + 2403 }, (_, i) => ({
    id: `t${i}`,
    arm: i < 9788 ? 'experiment' : 'control',
    decile: (i % 10) + 1,
    gender: i % 3 === 0 ? 'woman' : 'man',
  }));
}

describe('audit of an existing trial against stated weights (no rule)', () => {
  it('sample ratio as R chisq.test(x, p = w), balance, and no conformance', () => {
    const audit = auditAssignment(
      trial(),
      { weights: { experiment: 0.8, control: 0.2 } },
      { covariates: ['decile', 'gender'] },
    );
    const r = ref.srm.denHaag!;
    expect(audit.sampleRatio.statistic).toBeCloseTo(r.statistic, 12);
    expect(audit.sampleRatio.pValue).toBeCloseTo(r.pValue, 12);
    expect(audit.sampleRatio.df).toBe(1);
    expect(audit.balance?.arms).toEqual(['experiment', 'control']);
    expect('conformance' in audit).toBe(false);
    const md = audit.toMarkdown();
    expect(md).toContain('stated weights experiment 0.8 / control 0.2');
    expect(md).toContain('no conformance check');
    expect(md).toContain('## Balance');
    expect(md).not.toContain('## Conformance');
    expect(md).not.toContain('rows differ');
    expect(md).toContain(
      'Stars: † p < 0.20, * p < 0.10, ** p < 0.05 (p-values: chi-square goodness of fit',
    );
    expect(md).not.toContain('t17');
  });
  it('lists recorded arms that are not stated, as the rule audit does', () => {
    const rows = trial();
    rows[3] = { ...rows[3], arm: 'pilot' };
    const audit = auditAssignment(rows, { weights: { experiment: 0.8, control: 0.2 } });
    expect(audit.unknownArms).toEqual({ pilot: 1 });
    expect(audit.sampleRatio.n).toBe(12190);
    expect(audit.toMarkdown()).toContain('Recorded arms not in the stated weights: pilot (1)');
  });
  it('refuses weights that name none of the recorded arms, naming the column and labels', () => {
    const rows = trial().map((r) => ({ ...r, arm: r.arm === 'control' ? 'basic' : 'intensive' }));
    let error: unknown;
    try {
      auditAssignment(rows, { weights: { experiment: 0.8, control: 0.2 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('unknown-arm');
    expect((error as InputError).column).toBe('arm');
    expect((error as InputError).message).toContain("holds 'intensive', 'basic'");
  });
  it('bad weights and conformance options are InputErrors', () => {
    expect(() => auditAssignment(trial(), { weights: { experiment: 0.8, control: 0.3 } })).toThrow(
      /sum to 1/,
    );
    expect(() =>
      auditAssignment(trial(), { weights: { experiment: 0.8, control: 0.2 } }, { pseudonym: 'id' }),
    ).toThrow(/needs a rule/);
  });
});
