import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstDuplicateKey, readJsonFile } from '../../src/cli/read-json.js';
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

  it('a key given twice in one object: the key, where, both lines; JSON.parse would keep the last', () => {
    const text =
      '{\n  "months": 24,\n  "arms": { "treatment": "a", "control": "b" },\n  "months": 12\n}\n';
    expect(JSON.parse(text).months).toBe(12);
    const e = thrown(() => readJsonFile(file('dup.json', text), 'config'));
    expect(e.code).toBe('invalid-option');
    expect(e.value).toBe('months');
    expect(e.message).toBe(
      `config ${join(dir, 'dup.json')} has the key "months" twice in config (lines 2 and 4); JSON keeps only the last, so remove one`,
    );
    // A nine-digit key (a record keyed by client) is not echoed.
    const bsn = thrown(() =>
      readJsonFile(file('k.json', '{"123456782": 1, "123456782": 2}'), 'record'),
    );
    expect(bsn.message).not.toContain('123456782');
    expect(bsn.message).toContain('"(not shown)"');
  });
});

describe('firstDuplicateKey', () => {
  it('finds repeats at any depth, inside arrays, with escapes; the same key in two objects is fine', () => {
    expect(firstDuplicateKey('{"a": {"b": 1, "c": [1, {"d": 1, "d": 2}]}}')).toEqual({
      key: 'd',
      where: 'config.a.c[1]',
      lines: [1, 1],
    });
    expect(firstDuplicateKey('{"a\\"": 1, "a\\u0022": 2}')).toEqual({
      key: 'a"',
      where: 'config',
      lines: [1, 1],
    });
    expect(
      firstDuplicateKey('{"x": {"a": 1}, "y": {"a": 2}, "s": "{\\"x\\": 1, \\"x\\": 2}"}'),
    ).toBeUndefined();
    expect(firstDuplicateKey('[1, true, null, -2.5e3, "a", {}, []]')).toBeUndefined();
  });
});
