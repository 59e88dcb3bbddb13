import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  scanDesign,
  scanLinearPredictor,
  scanModelFromCoefficients,
} from '../../src/scan/model.js';

// Factor values as codes (one Map lookup per client) and η term by term on the level's rows:
// the same numbers, bit for bit, as X·β of the materialised design in term order.
describe('scan design from level codes', () => {
  const n = 3000;
  const towns = ['Almere', 'Breda', 'Delft', 'Ede', 'Zwolle'];
  const rows = Array.from({ length: n }, (_, i) => ({
    age: 20 + ((i * 37) % 45),
    benefit: 900 + ((i * 7919) % 2500) / 3,
    household: i % 3 === 0 ? 'single' : 'cohabiting',
    municipality: towns[(i * 13) % 5]!,
  }));
  const t = table(
    Object.fromEntries(
      Object.keys(rows[0]!).map((k) => [k, rows.map((r) => r[k as keyof typeof r])]),
    ),
  );
  const model = scanModelFromCoefficients(
    {
      '(Intercept)': -2.25,
      'municipality[Ede]': 0.31,
      age: 0.0123,
      'household[single]': -0.4,
      'municipality[Breda]': -0.17,
      benefit: -0.000731,
      'municipality[Zwolle]': 0.05,
    },
    { references: { municipality: 'Almere', household: 'cohabiting' } },
  );

  it('builds the dummies of each level on its rows', () => {
    const X = scanDesign(
      {
        ...model,
        factors: [
          ...model.factors.map((f) =>
            f.feature === 'municipality' ? { ...f, levels: [...f.levels, 'Delft'] } : f,
          ),
        ],
      },
      t,
    );
    const j = X.names.indexOf('municipality[Breda]');
    for (let i = 0; i < n; i++)
      expect(X.columns[j]![i]).toBe(rows[i]!.municipality === 'Breda' ? 1 : 0);
  });

  it('η equals X·β in term order, bit for bit', () => {
    const m = {
      ...model,
      factors: model.factors.map((f) =>
        f.feature === 'municipality' ? { ...f, levels: [...f.levels, 'Delft'] } : f,
      ),
    };
    const X = scanDesign(m, t);
    const expected = new Float64Array(n);
    m.terms.forEach((term, j) => {
      for (let i = 0; i < n; i++) expected[i]! += term.coefficient * X.columns[j]![i]!;
    });
    expect(Array.from(scanLinearPredictor(m, t))).toEqual(Array.from(expected));
  });

  it('names a level the model does not know, with its rows', () => {
    let error: unknown;
    try {
      scanLinearPredictor(model, t);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /column 'municipality': level 'Delft' \(rows 5, 10, 15, 20, 25 and 595 more\)/,
    );
  });
});
