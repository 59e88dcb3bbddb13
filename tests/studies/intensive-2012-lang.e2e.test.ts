/**
 * `reproduce intensive-2012 --lang nl` end to end (issue #17; heavy: a whole reproduction, so
 * an e2e test): the study's reproduction writes the Dutch Markdown of
 * `intensive2012Markdown(result, …, 'nl')`, and its JSON is the English published tables, the
 * same bytes as without `--lang`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { publishedJson } from '../../src/report/disclosure.js';
import {
  intensive2012Document,
  intensive2012Markdown,
} from '../../src/studies/intensive-2012/report-document.js';
import { INTENSIVE_2012_STUDY } from '../../src/studies/intensive-2012/study.js';
import type { Intensive2012Result } from '../../src/studies.js';
import {
  dataTable,
  INTENSIVE_2012_OPTIONS,
  intensive2012Result,
  reuseStudyResults,
} from '../fixtures/shared.js';

// The reproduction's analysis of the shipped file is the shared result `r` (same values, same
// result): what is tested is the Dutch rendering and the JSON of the reproduction path.
reuseStudyResults();

describe('reproduce intensive-2012 in Dutch, end to end', () => {
  let r: Intensive2012Result;
  let md: string;
  beforeAll(async () => {
    r = await intensive2012Result();
    md = intensive2012Markdown(r, { threshold: 10 }, 'nl');
  });

  it('reproduce writes Dutch Markdown; its JSON is the English published tables', async () => {
    const table = await dataTable('intensive-vs-basic-2012.csv', INTENSIVE_2012_OPTIONS);
    const dutch = INTENSIVE_2012_STUDY.reproduction!.reproduce(table, {
      source: { path: 'data/intensive-vs-basic-2012.csv', synthetic: true },
      lang: 'nl',
    });
    expect(dutch.markdown).toBe(md);
    expect(JSON.stringify(dutch.json)).toBe(
      JSON.stringify(publishedJson(intensive2012Document(r, { threshold: 10 }), 10)),
    );
  });
});
