/** The personal-services experiment 2017–2018 as a registered study. */

import { publishedJson } from '../../report/disclosure.js';
import { documentMarkdown } from '../../table/index.js';
import { PERSONAL_SERVICES_2017_LISTING } from '../catalog.js';
import { toCsv } from '../shared/csv.js';
import { stampOptions } from '../shared/report-language.js';
import { sourceNote } from '../shared/source-note.js';
import type { Study } from '../study.js';
import { generatePersonalServices2017, PERSONAL_SERVICES_2017_COLUMNS } from './generator.js';
import { PERSONAL_SERVICES_2017_PARAMS, PERSONAL_SERVICES_2017_SEEDS } from './params.js';
import { PERSONAL_SERVICES_CONFIG, personalServices2017 } from './report.js';
import { personalServicesDocument } from './report-document.js';
import { personalServicesHtml } from './report-html.js';

const [DATA] = PERSONAL_SERVICES_2017_LISTING.files;

/** Personal services in WW (2017–2018, 80/10/10). */
export const PERSONAL_SERVICES_2017_STUDY: Study = {
  name: PERSONAL_SERVICES_2017_LISTING.name,
  title: PERSONAL_SERVICES_2017_LISTING.title,
  datasets: [
    {
      file: DATA,
      description: 'Personal services in WW 2017–2018 (80/10/10): 60,000 synthetic clients',
      generate: () =>
        toCsv(
          PERSONAL_SERVICES_2017_COLUMNS,
          generatePersonalServices2017(PERSONAL_SERVICES_2017_SEEDS, PERSONAL_SERVICES_2017_PARAMS),
        ),
    },
  ],
  reproduction: {
    data: DATA,
    stem: 'personal-services-2017',
    stringColumns: [],
    schema: {
      arm: PERSONAL_SERVICES_CONFIG.arm,
      arms: [
        PERSONAL_SERVICES_CONFIG.service,
        PERSONAL_SERVICES_CONFIG.controlEnforcement,
        PERSONAL_SERVICES_CONFIG.controlNone,
      ],
      followup: PERSONAL_SERVICES_CONFIG.followup,
      events: [PERSONAL_SERVICES_CONFIG.jobEvent, PERSONAL_SERVICES_CONFIG.exitEvent],
    },
    charts: PERSONAL_SERVICES_2017_LISTING.reproduction.charts,
    reproduce(table, { source, minCell = 10, lang, version, date }) {
      const result = personalServices2017(table);
      const document = personalServicesDocument(result, { threshold: minCell });
      return {
        markdown:
          lang === 'nl'
            ? documentMarkdown(personalServicesDocument(result, { threshold: minCell }, 'nl'), {
                lang,
              })
            : documentMarkdown(document),
        json: minCell > 0 ? publishedJson(document, minCell) : result,
        html: () =>
          personalServicesHtml(result, {
            ...(source.synthetic
              ? {}
              : { source: sourceNote(source, 'the 2017–2018 study', lang) }),
            threshold: minCell,
            ...stampOptions({ lang, version, date }),
          }),
      };
    },
  },
};
