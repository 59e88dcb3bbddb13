/**
 * The sample-ratio check of a study report in the report's language: one sentence with the
 * chi-square goodness of fit and one typed table (id `sample_ratio`, so `protectSampleRatio`
 * applies to it as to `SampleRatioResult.toDocument()`), counts as counts and shares and
 * weights as percentages, every number through the table writers in the language's style.
 */
import type { SampleRatioResult } from '../../assign/srm.js';
import { formatNumber, formatPEquals } from '../../format.js';
import { type Language, numberStyleOf, type Texts, textOf } from '../../language.js';
import type { Document } from '../../table/index.js';

interface SampleRatioTexts {
  readonly sentence: (x2: string, df: number, p: string) => string;
  readonly title: string;
  readonly arm: string;
  readonly observed: string;
  readonly expected: string;
  readonly share: string;
  readonly intended: string;
}

const TEXTS: Texts<SampleRatioTexts> = {
  en: {
    sentence: (x2, df, p) =>
      `Sample ratio (chi-square goodness of fit against the intended weights, ${df} df): X² = ${x2}, ${p}.`,
    title: 'Sample ratio',
    arm: 'arm',
    observed: 'observed',
    expected: 'expected',
    share: 'share',
    intended: 'intended',
  },
  nl: {
    sentence: (x2, df, p) =>
      `Groepsverhouding (chikwadraattoets tegen de beoogde verhouding, ${df} ${df === 1 ? 'vrijheidsgraad' : 'vrijheidsgraden'}): X² = ${x2}, ${p}.`,
    title: 'Groepsverhouding',
    arm: 'groep',
    observed: 'waargenomen',
    expected: 'verwacht',
    share: 'aandeel',
    intended: 'beoogd',
  },
};

/**
 * The sample-ratio check as document blocks: "Sample ratio (chi-square goodness of fit against
 * the intended weights, 1 df): X² = 0.64, p = 0.425." and the table arm / observed / expected
 * (n·w) / share / intended; in Dutch "Groepsverhouding (chikwadraattoets …)".
 *
 * @example
 * sampleRatioBlocks(sampleRatioTest({ a: 9788, b: 2403 }, { a: 0.8, b: 0.2 }), 'nl');
 * // [{ kind: 'paragraph', text: 'Groepsverhouding (…, 1 vrijheidsgraad): X² = 0,64, p = 0,425.' }, { kind: 'table', … }]
 */
export function sampleRatioBlocks(
  srm: Pick<SampleRatioResult, 'arms' | 'statistic' | 'df' | 'pValue'>,
  lang: Language = 'en',
): Document {
  const t = textOf(TEXTS, lang);
  const style = numberStyleOf(lang);
  return [
    {
      kind: 'paragraph',
      text: t.sentence(
        formatNumber(srm.statistic, 2, style),
        srm.df,
        formatPEquals(srm.pValue, style),
      ),
    },
    {
      kind: 'table',
      table: {
        id: 'sample_ratio',
        title: t.title,
        columns: [
          { id: 'arm', label: t.arm, format: 'text' },
          { id: 'observed', label: t.observed, format: 'int' },
          { id: 'expected', label: t.expected, format: 'stat' },
          { id: 'share', label: t.share, format: 'percent' },
          { id: 'intended', label: t.intended, format: 'percent' },
        ],
        rows: srm.arms.map((a) => ({
          arm: a.arm,
          observed: a.observed,
          expected: a.expected,
          share: a.share,
          intended: a.intended,
        })),
      },
    },
  ];
}
