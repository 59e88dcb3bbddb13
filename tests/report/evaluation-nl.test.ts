/**
 * The evaluation in Dutch (issue #17): `evaluationSections(r, { lang: 'nl' })` holds the same
 * numbers as the English sections (only texts differ), its notes are Dutch, the complier rows are
 * named after disclosure control, an unknown option is refused, and the HTML page is the same
 * bytes for the same input.
 */
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePlan } from '../../src/evaluate/index.js';
import { evaluationSections } from '../../src/report/evaluation.js';
import { evaluationHtml } from '../../src/report/evaluation-html.js';
import { methodText } from '../../src/report/method-texts.js';
import { SMALL_PLAN, smallRows } from '../evaluate/small-data.js';

const rows = smallRows();
const columns: Record<string, unknown[]> = {};
for (const name of Object.keys(rows[0]!))
  columns[name] = rows.map((r) => r[name as keyof typeof r]);
const result = evaluate(table(columns), parsePlan(SMALL_PLAN));

/** The numeric cells of a section's rows (texts differ by language, numbers never). */
const numbers = (s: { rows: readonly Record<string, unknown>[] }) =>
  s.rows.map((r) => Object.values(r).filter((v) => typeof v === 'number'));

describe('evaluationSections in Dutch', () => {
  const en = evaluationSections(result, { threshold: 10 });
  const nl = evaluationSections(result, { threshold: 10, lang: 'nl' });

  it('has the same sections, ids, columns, numbers and suppression marks as the English', () => {
    expect(nl.map((s) => s.id)).toEqual(en.map((s) => s.id));
    for (const [i, s] of nl.entries()) {
      expect(s.columns.map((c) => c.id)).toEqual(en[i]!.columns.map((c) => c.id));
      expect(numbers(s)).toEqual(numbers(en[i]!));
      expect(s.suppressed).toEqual(en[i]!.suppressed);
    }
  });

  it('writes Dutch titles and notes', () => {
    const effect = nl.find((s) => s.id === 'effect')!;
    expect(effect.title).toMatch(/^Effect op bijstand per maand/);
    expect(effect.columns.find((c) => c.id === 'raw')!.label).toBe('ruw effect');
    expect(effect.notes!.some((n) => n.startsWith('Methode: volledige follow-up'))).toBe(true);
    const complier = nl.find((s) => s.id === 'complier');
    if (complier) {
      expect(complier.rows.map((r) => r.spec)).toEqual(['ongecorrigeerd', 'gecorrigeerd']);
    }
    const english = en.find((s) => s.id === 'effect')!;
    expect(english.notes!.some((n) => n.startsWith('Method: complete follow-up'))).toBe(true);
  });

  it('refuses an unknown option, naming it', () => {
    expect(() => evaluationSections(result, { language: 'nl' } as never)).toThrow(/language/);
  });

  it('leaves English method texts as they are, maps Dutch phrase by phrase', () => {
    const text = 'complete follow-up: share at month m among clients observed at least m months';
    expect(methodText(text, 'en')).toBe(text);
    expect(methodText(text, 'nl')).toBe(
      'volledige follow-up: aandeel in maand m onder de cliënten die ten minste m maanden zijn gevolgd',
    );
    expect(methodText('stars † p < 0.20', 'nl')).toBe('stars † p < 0,20');
  });

  it('writes the same HTML bytes for the same input', async () => {
    const a = await evaluationHtml(result, nl, { lang: 'nl' });
    const b = await evaluationHtml(result, nl, { lang: 'nl' });
    expect(a).toBe(b);
    expect(a).toContain('<html lang="nl">');
    await expect(evaluationHtml(result, nl, { lang: 'de' as never })).rejects.toThrow(
      /lang: expected "en" or "nl", got "de"/,
    );
  });
});
