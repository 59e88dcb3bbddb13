/** The source line under a study's HTML report. */
import type { StudySource } from '../study.js';

/**
 * The footer of a study's HTML report: the shipped synthetic data, or the caller's file.
 *
 * @example
 * sourceNote({ path: 'data/x.csv', synthetic: true }, 'the 2017–2018 study');
 * // "Source: synthetic reconstruction of the 2017–2018 study (data/x.csv), calibrated to …"
 */
export function sourceNote(source: StudySource, study: string): string {
  return source.synthetic
    ? `Source: synthetic reconstruction of ${study} (${source.path}), calibrated to the published margins; not real people.`
    : `Source: ${source.path}.`;
}
