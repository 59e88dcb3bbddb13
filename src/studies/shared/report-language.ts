/**
 * The language pieces every study report shares: numbers in the language's style, effects in
 * percentage points ("pp" in English, "procentpunt" in Dutch, docs/glossary.md), intervals, and
 * the version/date stamp. Texts are {@link Texts} objects (`{ en, nl }`), picked with `textOf`.
 */
import { InputError } from '../../errors.js';
import { formatNumber, formatPercent, formatPp } from '../../format.js';
import { formatDate, type Language, numberStyleOf, textOf } from '../../language.js';

/**
 * A share as a percentage in the language's style: 0.343 → "34.3 %" / "34,3%".
 *
 * @example
 * shareText(0.343, 'nl') // "34,3%"
 */
export function shareText(share: number, lang: Language, digits = 1): string {
  return formatPercent(share, digits, numberStyleOf(lang));
}

/**
 * A difference of shares in percentage points, 100·d with `digits` decimals: −0.063 →
 * "−6.3 pp" / "−6,3 procentpunt" (U+2212 minus; `plus` gives "+" to positive values).
 *
 * @example
 * ppText(-0.063, 'nl') // "−6,3 procentpunt"
 */
export function ppText(difference: number, lang: Language, digits = 1, plus = false): string {
  return formatPp(difference, digits, plus, numberStyleOf(lang));
}

/**
 * A confidence interval of a difference of shares: [−0.12, 0.003] → "−12.0 to 0.3 pp" /
 * "−12,0 tot 0,3 procentpunt".
 *
 * @example
 * ciText([-0.12, 0.003], 'en') // "−12.0 to 0.3 pp"
 */
export function ciText(ci: readonly [number, number], lang: Language, digits = 1): string {
  const style = numberStyleOf(lang);
  const lo = formatNumber(100 * ci[0], digits, style);
  const hi = formatNumber(100 * ci[1], digits, style);
  return `${lo} ${textOf({ en: 'to', nl: 'tot' }, lang)} ${hi}${style.points}`;
}

/**
 * A confidence interval of a share: [0.31, 0.37] → "31.0 to 37.0 %" / "31,0 tot 37,0%".
 *
 * @example
 * shareCiText([0.31, 0.37], 'nl') // "31,0 tot 37,0%"
 */
export function shareCiText(ci: readonly [number, number], lang: Language, digits = 1): string {
  const style = numberStyleOf(lang);
  const word = textOf({ en: 'to', nl: 'tot' }, lang);
  return `${formatNumber(100 * ci[0], digits, style)} ${word} ${formatNumber(100 * ci[1], digits, style)}${style.percent}`;
}

/**
 * A report date checked: `YYYY-MM-DD` (a real calendar day) → the UTC date; anything else is an
 * `invalid-option` error naming the option. The date is always an input (never the clock), so
 * the same inputs give the same report.
 *
 * @example
 * parseReportDate('2026-12-01', 'date').toISOString() // "2026-12-01T00:00:00.000Z"
 */
export function parseReportDate(value: string, option: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : new Date(Number.NaN);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new InputError(
      `${option}: expected a date YYYY-MM-DD, got ${JSON.stringify(String(value).slice(0, 20))}`,
      { code: 'invalid-option' },
    );
  }
  return date;
}

/** What the stamp of a report says: the software version and the report date. */
export interface ReportStamp {
  /** effectmeting's version (the CLI passes package.json's); omitted: "version not given". */
  readonly version?: string;
  /** Report date `YYYY-MM-DD`; omitted: the report says it is undated (never the clock). */
  readonly date?: string;
}

/**
 * The version/date line of a study report: "effectmeting 0.9.0 · report date 1 December 2026" /
 * "effectmeting 0.9.0 · rapportdatum 1 december 2026". Without a date it says "undated"; the
 * date is never read from the clock (same inputs → byte-identical report).
 *
 * @example
 * stampText({ version: '0.9.0', date: '2026-12-01' }, 'nl');
 * // "effectmeting 0.9.0 · rapportdatum 1 december 2026"
 */
export function stampText(stamp: ReportStamp, lang: Language): string {
  const version =
    stamp.version === undefined
      ? textOf(
          { en: 'effectmeting (version not given)', nl: 'effectmeting (versie niet opgegeven)' },
          lang,
        )
      : `effectmeting ${stamp.version}`;
  const date =
    stamp.date === undefined
      ? textOf(
          {
            en: 'undated (no report date given)',
            nl: 'zonder datum (geen rapportdatum opgegeven)',
          },
          lang,
        )
      : `${textOf({ en: 'report date', nl: 'rapportdatum' }, lang)} ${formatDate(parseReportDate(stamp.date, 'date'), lang)}`;
  return `${version} · ${date}`;
}

/**
 * The `lang`, `version` and `date` options of a study's HTML report without the absent ones
 * (the options reject `undefined` keys nowhere, but an absent key keeps the object minimal).
 *
 * @example
 * stampOptions({ lang: 'nl', version: undefined, date: '2026-12-01' }) // { lang: 'nl', date: '2026-12-01' }
 */
export function stampOptions(o: {
  readonly lang?: Language | undefined;
  readonly version?: string | undefined;
  readonly date?: string | undefined;
}): { lang?: Language; version?: string; date?: string } {
  return {
    ...(o.lang !== undefined ? { lang: o.lang } : {}),
    ...(o.version !== undefined ? { version: o.version } : {}),
    ...(o.date !== undefined ? { date: o.date } : {}),
  };
}
