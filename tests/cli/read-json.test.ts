import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/cli/read-json.js';
import { InputError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'effectmeting-read-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('readJsonFile', () => {
  it('parses a file, dropping a UTF-8 byte-order mark', () => {
    expect(readJsonFile(file('bom.json', '\uFEFF{ "months": 24 }\n'), 'config')).toEqual({
      months: 24,
    });
  });

  it('names file, line and column of a syntax error, never the content', () => {
    // V8's own message would quote this piece of the file, BSN included.
    const path = file('bsn.json', '{\n  "id": 123456782 "arm": "control"\n}\n');
    const e = thrown(() => readJsonFile(path, 'config'));
    expect(e.code).toBe('malformed-input');
    expect(e.message).toBe(
      `config ${path} is not valid JSON (line 2, column 19): Expected ',' or '}' after property value`,
    );
    expect(e.message).not.toContain('123456782');
    const quoted = thrown(() => readJsonFile(file('quote.json', '{"id": "123456782"x}'), 'record'));
    expect(quoted.message).not.toContain('123456782');
    expect(quoted.message).toMatch(/line 1, column 19/);
  });

  it('a missing file', () => {
    const e = thrown(() => readJsonFile(join(dir, 'nope.json'), '--record'));
    expect(e.code).toBe('file-not-found');
    expect(e.message).toBe(`--record file not found or unreadable: ${join(dir, 'nope.json')}`);
  });
});
