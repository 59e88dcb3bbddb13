import { describe, expect, it } from 'vitest';
import { formatDate, numberStyleOf, parseLanguage, textOf } from '../../src/language.js';

describe('language', () => {
  it('picks texts and number styles by language', () => {
    expect(textOf({ en: 'month', nl: 'maand' }, 'nl')).toBe('maand');
    expect(textOf({ en: 'month', nl: 'maand' })).toBe('month');
    expect(numberStyleOf('nl')).toEqual({
      decimal: ',',
      group: '.',
      percent: '%',
      points: ' procentpunt',
      yes: 'ja',
      no: 'nee',
    });
    expect(numberStyleOf()).toMatchObject({ decimal: '.', group: ',', points: ' pp' });
  });
  it('checks a language option by name', () => {
    expect(parseLanguage(undefined, '--lang')).toBe('en');
    expect(parseLanguage('nl', '--lang')).toBe('nl');
    expect(() => parseLanguage('de', '--lang')).toThrow('--lang: expected "en" or "nl", got "de"');
  });
  it('writes dates in words', () => {
    expect(formatDate(new Date('2026-12-01T00:00:00Z'), 'nl')).toBe('1 december 2026');
    expect(formatDate(new Date('2026-03-15T00:00:00Z'))).toBe('15 March 2026');
  });
});
