/** Fitted models print as a tidy summary (REPL, String(), notebook) and keep their data fields. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { JUPYTER_DISPLAY, type MimeBundle } from '../../src/display.js';
import { ivRegression } from '../../src/estimate/iv.js';
import { linAdjusted } from '../../src/estimate/lin.js';
import { ols } from '../../src/estimate/ols.js';
import { regress } from '../../src/estimate/regress.js';
import { formatPrecision } from '../../src/format.js';

const n = 200;
const ones = new Float64Array(n).fill(1);
const t = Float64Array.from({ length: n }, (_, i) => i % 2);
const x = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 17) / 3);
const y = Float64Array.from(
  { length: n },
  (_, i) => 1 + 0.5 * t[i]! + 0.3 * x[i]! + (((i * 13) % 7) - 3) / 4,
);
const rows = Array.from({ length: n }, (_, i) => ({
  y: y[i]!,
  x: x[i]!,
  arm: t[i] ? 'coaching' : 'control',
  office: `o${i % 8}`,
}));

function bundleOf(value: object): MimeBundle {
  return (value as { [JUPYTER_DISPLAY](): MimeBundle })[JUPYTER_DISPLAY]();
}

describe('regress prints as a summary', () => {
  const fit = regress(rows, { outcome: 'y', covariates: ['arm', 'x'], clusters: 'office' });
  const text = inspect(fit);

  it('names the model, method, n, clusters and fit statistics', () => {
    expect(text.split('\n')[0]).toBe('Linear regression of y');
    expect(text).toContain(
      'Method: OLS, CR2 cluster-robust SE (Bell–McCaffrey bias reduction, 8 clusters',
    );
    expect(text).toContain(
      `n = 200 · clusters = 8 · R² = ${formatPrecision(fit.rSquared, 4).replace(/0+$/, '')}`,
    );
    expect(text).toMatch(/residual df = 197/);
    expect(text).toContain('Stars: ** p < 0.05, * p < 0.10, † p < 0.20 (two-sided).');
  });

  it('has one line per coefficient with estimate, SE, t, df, p, CI and stars', () => {
    const header = text.split('\n').find((l) => l.startsWith('term'))!;
    expect(header.split(/\s{2,}/)).toEqual([
      'term',
      'estimate',
      'std. error',
      't',
      'df',
      'p',
      '95 % CI',
    ]);
    const c = fit.coefficient('arm[control]');
    const line = text.split('\n').find((l) => l.startsWith('arm[control]'))!;
    expect(line).toContain(formatPrecision(c.estimate, 4));
    expect(line).toContain(formatPrecision(c.stdError, 4));
    expect(line).toContain(`[${formatPrecision(c.ci[0], 4)}, ${formatPrecision(c.ci[1], 4)}]`);
    expect(line).toContain(c.statistic.toFixed(2).replace('-', '−'));
    expect(line.trimEnd().endsWith(c.stars || ']')).toBe(true);
    expect(text.split('\n').length).toBeLessThan(20);
  });

  it('String(fit) and toString() are the same text; the data fields are unchanged', () => {
    expect(String(fit)).toBe(text);
    expect(fit.toString()).toBe(text);
    expect(`${fit}`).toBe(text);
    expect(Object.keys(fit)).not.toContain('toString');
    expect(JSON.parse(JSON.stringify(fit)).n).toBe(200);
    expect(fit.coefficients).toHaveLength(3);
  });

  it('a notebook gets text/plain and an HTML table', () => {
    const bundle = bundleOf(fit);
    expect(bundle['text/plain']).toBe(text);
    expect(bundle['text/html']).toContain('<table');
    expect(bundle['text/html']).toContain('std. error');
    expect(bundle['text/html']).not.toContain('ci_lower');
  });
});

describe('ols, Lin and 2SLS fits print as summaries, not arrays', () => {
  it('ols', () => {
    const fit = ols({ names: ['(Intercept)', 'treatment', 'x'], columns: [ones, t, x], n }, y);
    const text = inspect(fit);
    expect(text.split('\n')[0]).toBe('Linear regression (OLS)');
    expect(text).toContain('Method: OLS, HC2 robust SE, t test on 197 df');
    expect(text).toContain(`residual SE = ${formatPrecision(fit.sigma, 4)}`);
    expect(text).not.toContain('Float64Array');
    expect(String(fit)).toBe(text);
    expect(fit.residuals).toHaveLength(n);
    expect(inspect({ fit }).split('\n').length).toBeLessThan(20);
  });

  it('Lin', () => {
    const lin = linAdjusted({ x }, t, y);
    const text = inspect(lin);
    expect(text).toContain('Lin (2013) adjusted regression: effect of treatment');
    expect(text).toMatch(/\ntreatment:x_c +/);
    expect(text).toContain(
      `Effect: the coefficient of treatment, ${formatPrecision(lin.treatment.estimate, 4)}${lin.treatment.stars}`,
    );
    expect(Object.keys(lin)).toEqual(['treatment', 'means', 'fit']);
  });

  it('2SLS with its first stage', () => {
    const z = Float64Array.from({ length: n }, (_, i) => (i % 2) ^ (i % 10 === 0 ? 1 : 0));
    const iv = ivRegression({ y, endogenous: { t }, instruments: { z } });
    const text = String(iv);
    expect(text.split('\n')[0]).toBe('Instrumental-variables regression (2SLS)');
    expect(text).toContain(
      `First stage of t: F = ${iv.firstStage[0]!.f.toFixed(2)} on (1, 198) df`,
    );
    expect(bundleOf(iv)['text/html']).toContain('<table');
  });
});
