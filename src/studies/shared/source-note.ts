/** The source line under a study's HTML report. */
import { type Language, textOf } from '../../language.js';
import type { StudySource } from '../study.js';

/**
 * The footer of a study's HTML report: the shipped synthetic data, or the caller's file.
 *
 * @example
 * sourceNote({ path: 'data/x.csv', synthetic: true }, 'the 2017–2018 study');
 * // "Source: synthetic reconstruction of the 2017–2018 study (data/x.csv), calibrated to …"
 */
export function sourceNote(source: StudySource, study: string, lang: Language = 'en'): string {
  if (!source.synthetic) return `${textOf({ en: 'Source', nl: 'Bron' }, lang)}: ${source.path}.`;
  return textOf(
    {
      en: `Source: synthetic reconstruction of ${study} (${source.path}), calibrated to the published margins; not real people.`,
      nl: `Bron: synthetische reconstructie van ${study} (${source.path}), gekalibreerd op de gepubliceerde randtotalen; geen echte personen.`,
    },
    lang,
  );
}
