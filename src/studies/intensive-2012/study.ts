/** The 2012–2013 experiment as a registered study: its data file and reproduction. */

import { publishedJson } from '../../report/disclosure.js';
import { documentMarkdown } from '../../table/index.js';
import { INTENSIVE_2012_LISTING } from '../catalog.js';
import { stampOptions } from '../shared/report-language.js';
import { sourceNote } from '../shared/source-note.js';
import type { Study } from '../study.js';
import { generateIntensive2012, intensive2012ToCsv } from './generator.js';
import { INTENSIVE_2012_PARAMS, INTENSIVE_2012_SEED } from './params.js';
import { INTENSIVE_2012_CONFIG, intensive2012 } from './report.js';
import { intensive2012Document } from './report-document.js';
import { intensive2012Html } from './report-html.js';

const [DATA] = INTENSIVE_2012_LISTING.files;

/** Intensive versus basic services (2012–2013, BSN parity). */
export const INTENSIVE_2012_STUDY: Study = {
  name: INTENSIVE_2012_LISTING.name,
  title: INTENSIVE_2012_LISTING.title,
  datasets: [
    {
      file: DATA,
      description: 'Intensive versus basic services 2012–2013: 9,237 synthetic clients',
      generate: () =>
        intensive2012ToCsv(generateIntensive2012(INTENSIVE_2012_SEED, INTENSIVE_2012_PARAMS)),
    },
  ],
  reproduction: {
    data: DATA,
    stem: 'intensive-vs-basic-2012',
    stringColumns: ['bsn'],
    schema: {
      id: INTENSIVE_2012_CONFIG.id,
      arm: INTENSIVE_2012_CONFIG.arm,
      arms: [INTENSIVE_2012_CONFIG.treatment, INTENSIVE_2012_CONFIG.control],
      followup: INTENSIVE_2012_CONFIG.followup,
      events: [INTENSIVE_2012_CONFIG.exitEvent, INTENSIVE_2012_CONFIG.jobEvent],
    },
    charts: INTENSIVE_2012_LISTING.reproduction.charts,
    reproduce(table, { source, minCell = 10, lang, version, date }) {
      const result = intensive2012(table);
      const document = intensive2012Document(result, { threshold: minCell });
      return {
        markdown:
          lang === 'nl'
            ? documentMarkdown(intensive2012Document(result, { threshold: minCell }, 'nl'), {
                lang,
              })
            : documentMarkdown(document),
        json: minCell > 0 ? publishedJson(document, minCell) : result,
        html: () =>
          intensive2012Html(result, {
            ...(source.synthetic
              ? {}
              : { source: sourceNote(source, 'the 2012–2013 study', lang) }),
            threshold: minCell,
            ...stampOptions({ lang, version, date }),
          }),
      };
    },
  },
};
