import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INPUT_ERROR_CODES, InputError } from '../../src/errors.js';

describe('InputErrorCode', () => {
  it('matches the error-code table of docs/data-schema.md, code for code and meaning', () => {
    const doc = readFileSync(new URL('../../docs/data-schema.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Error codes'));
    const table = section.slice(
      0,
      section.indexOf('\n## ') > 0 ? section.indexOf('\n## ') : undefined,
    );
    const documented = Object.fromEntries(
      [...table.matchAll(/^\| `([a-z-]+)` +\| (.+?) +\|$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(documented).toEqual({ ...INPUT_ERROR_CODES });
  });

  it('has no synonyms left and stays within 25–35 codes', () => {
    const codes = Object.keys(INPUT_ERROR_CODES);
    expect(codes.length).toBeGreaterThanOrEqual(25);
    expect(codes.length).toBeLessThanOrEqual(35);
    for (const gone of [
      'bad-option',
      'invalid-argument',
      'invalid-config',
      'empty-arm',
      'non-finite',
    ]) {
      expect(codes).not.toContain(gone);
    }
  });

  it('is what an InputError carries', () => {
    const e = new InputError('x', { code: 'missing-column', column: 'arm' });
    expect(e.code in INPUT_ERROR_CODES).toBe(true);
  });
});
