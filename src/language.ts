/**
 * The languages of every report, chart and terminal table: English (the default) and Dutch.
 * One contract for all writers: a text that depends on the language is a {@link Texts} object
 * (`{ en, nl }`, both required, so a Dutch text can never be forgotten), picked with
 * {@link textOf}; numbers take the language's {@link NumberStyle}. Imports nothing of ours but
 * the formatting primitives, so every layer may use it.
 */
import { InputError } from './errors.js';
import { NUMBER_STYLES, type NumberStyle } from './format.js';

/** A report language: `en` (default) or `nl`. */
export type Language = 'en' | 'nl';

/** Every supported language, default first. */
export const LANGUAGES: readonly Language[] = ['en', 'nl'];

/** A value (usually a text) in every language. */
export type Texts<T = string> = Readonly<Record<Language, T>>;

/**
 * The value of a {@link Texts} in a language.
 *
 * @example
 * textOf({ en: 'month', nl: 'maand' }, 'nl') // "maand"
 */
export function textOf<T>(texts: Texts<T>, lang: Language = 'en'): T {
  return texts[lang];
}

/**
 * The number style of a language: "1,234.5", "34.3 %", "−6.3 pp" in English; "1.234,5",
 * "34,3%", "−6,3 procentpunt" in Dutch.
 *
 * @example
 * numberStyleOf('nl') // { decimal: ',', group: '.', percent: '%', points: ' procentpunt', … }
 */
export function numberStyleOf(lang: Language = 'en'): NumberStyle {
  return NUMBER_STYLES[lang];
}

/**
 * A language option or flag checked: `undefined` gives the default `en`; anything but `en` /
 * `nl` is an `invalid-option` error naming the option (e.g. `--lang` or `lang`).
 *
 * @example
 * parseLanguage('nl', '--lang') // "nl"
 * parseLanguage(undefined, 'lang') // "en"
 */
export function parseLanguage(value: unknown, option: string): Language {
  if (value === undefined) return 'en';
  if (value === 'en' || value === 'nl') return value;
  throw new InputError(
    `${option}: expected "en" or "nl", got ${JSON.stringify(String(value).slice(0, 20))}`,
    { code: 'invalid-option' },
  );
}

const MONTHS: Texts<readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
};

/**
 * A calendar date in words (UTC): "1 December 2026" / "1 december 2026".
 *
 * @example
 * formatDate(new Date('2026-12-01'), 'nl') // "1 december 2026"
 */
export function formatDate(date: Date, lang: Language = 'en'): string {
  const month = MONTHS[lang][date.getUTCMonth()];
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}
