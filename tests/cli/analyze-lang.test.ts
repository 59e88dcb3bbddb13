/**
 * `analyze --lang` (issue #17): every human format in English and Dutch (labels, method texts,
 * decimal comma, thousands dot, "%" against the number, "procentpunt"), the HTML report in both,
 * CSV and JSON machine-readable and identical in both languages, and a clear usage error for an
 * unknown language.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_PLAN, smallCsv, smallRows } from '../evaluate/small-data.js';
import { cli } from '../fixtures/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-analyze-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = join(dir, 'clients.csv');
const config = join(dir, 'config.json');
writeFileSync(data, smallCsv());
writeFileSync(config, JSON.stringify(SMALL_PLAN));

const read = (lang: string, name: string) => readFileSync(join(dir, lang, name), 'utf8');

describe('analyze --lang', () => {
  beforeAll(async () => {
    for (const lang of ['en', 'nl']) {
      const base = ['analyze', '--input', data, '--config', config, '--quiet'];
      const r = await cli([...base, '--lang', lang, '--out', join(dir, lang)]);
      expect(r.code, r.err).toBe(0);
    }
  });

  it('writes the Dutch text and Markdown: Dutch titles, "1.234,5", "34,3%", "procentpunt"', () => {
    for (const name of ['analysis.md', 'analysis.txt']) {
      const nl = read('nl', name);
      expect(nl).toContain('Controle van de toewijzing');
      expect(nl).toContain('Cumulatieve uitstroom per maand (volledige follow-up)');
      expect(nl).toContain('Effect op bijstand per maand');
      expect(nl).toContain('procentpunt');
      expect(nl).toMatch(/Sterren: † p < 0,20/);
      expect(nl).toMatch(/\b\d+,\d%/); // a share such as "60,0%"
      expect(nl).not.toMatch(/\d\.\d+ %/); // no English percentage
      expect(nl).not.toMatch(/\d pp\b/); // no "pp"
      expect(nl).toContain('Methode: volledige follow-up');
    }
  });

  it('writes the English text and Markdown as before: "34.3 %", "pp"', () => {
    const en = read('en', 'analysis.md');
    expect(en).toContain('## Assignment check');
    expect(en).toMatch(/\d\.\d %/);
    expect(en).toMatch(/\d pp\b/);
    expect(en).toContain('Stars: † p < 0.20');
    expect(en).not.toContain('procentpunt');
  });

  it('the shares are the same numbers in both languages, only written differently', () => {
    // the share of the treatment arm in the assignment table: English "60.0 %", Dutch "60,0%"
    const rows = smallRows();
    const share = rows.filter((r) => r.arm === 'experiment').length / rows.length;
    const en = `${(100 * share).toFixed(1)} %`;
    expect(read('en', 'analysis.md')).toContain(en);
    expect(read('nl', 'analysis.md')).toContain(`${en.replace('.', ',').replace(' %', '%')}`);
  });

  it('keeps CSV and JSON machine-readable: identical bytes in English and Dutch', () => {
    for (const name of ['analysis.csv', 'analysis.json']) {
      expect(read('nl', name)).toBe(read('en', name));
    }
    expect(read('nl', 'analysis.csv').split('\n')[0]).toBe(
      'section,event,subgroup,level,arm,month,measure,value',
    );
  });

  it('writes report.html in both languages, with charts and no client key', () => {
    const en = read('en', 'report.html');
    const nl = read('nl', 'report.html');
    expect(en).toContain('<html lang="en">');
    expect(nl).toContain('<html lang="nl">');
    expect(en).toContain('Cumulative outflow into bijstand by month');
    expect(nl).toContain('Cumulatieve uitstroom naar bijstand per maand');
    expect(nl).toContain('Maanden sinds de start');
    expect((nl.match(/<figure>/g) ?? []).length).toBe(4); // outflow + effect, two events
    for (const r of smallRows()) {
      expect(nl).not.toContain(r.id);
      expect(en).not.toContain(r.id);
    }
  });

  it('refuses an unknown language with a usage error naming --lang', async () => {
    const r = await cli(['analyze', '--input', data, '--config', config, '--lang', 'de']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--lang');
    expect(r.err).toContain('expected "en" or "nl", got "de"');
    expect(r.out).toBe('');
  });
});
