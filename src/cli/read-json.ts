/**
 * The CLI's one reader of JSON files (analysis configs, review configs, assignment records).
 * A UTF-8 byte-order mark is dropped; a syntax error names the file, line and column but never
 * quotes the file (V8's message does, and the file may hold a BSN); a key given twice in one
 * object is an error (JSON.parse silently keeps the last, so a setting would be lost unseen).
 */
import { readFileSync } from 'node:fs';
import { jsonSyntaxError } from '../data/json.js';
import { InputError } from '../errors.js';

/**
 * Reads and parses a JSON file. Throws an `InputError`: `file-not-found` when it cannot be
 * read, `malformed-input` with line and column when it is not JSON, `invalid-option` naming the
 * key, its path and line when an object has a key twice. `what` names the file's role in the
 * messages.
 *
 * @example
 * readJsonFile('examples/analysis-config.json', 'config');
 * // a missing file: "config file not found or unreadable: analysis.json"
 * // bad JSON: "config analysis.json is not valid JSON (line 3, column 1): Expected double-quoted property name"
 * // a repeated key: "config analysis.json has the key "months" twice in config (lines 3 and 7): …"
 */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`${what} file not found or unreadable: ${path}`, {
      code: 'file-not-found',
      value: path,
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const { line, column, description } = jsonSyntaxError(text, error);
    throw new InputError(
      `${what} ${path} is not valid JSON (line ${line}, column ${column}): ${description}`,
      { code: 'malformed-input', value: path },
    );
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) {
    const { where, lines } = duplicate;
    // A key of nine digits could be a BSN (a record keyed by client): never echo it.
    const key = (duplicate.key.match(/\d/g)?.length ?? 0) >= 9 ? '(not shown)' : duplicate.key;
    throw new InputError(
      `${what} ${path} has the key ${JSON.stringify(key)} twice in ${where} (lines ${lines[0]} and ${lines[1]}); JSON keeps only the last, so remove one`,
      { code: 'invalid-option', value: key },
    );
  }
  return parsed;
}

/** A key that occurs twice in one object: the key, the object's path and both lines. */
export interface DuplicateKey {
  readonly key: string;
  /** Path of the object, `config` for the top level (`config.arms`, `config.events[0]`). */
  readonly where: string;
  readonly lines: readonly [number, number];
}

/**
 * The first object key given twice in `text`, which must be valid JSON (call after
 * `JSON.parse` succeeded); `undefined` when every object's keys are distinct. One pass, O(n).
 *
 * @example
 * firstDuplicateKey('{"a": 1,\n "a": 2}'); // { key: 'a', where: 'config', lines: [1, 2] }
 */
export function firstDuplicateKey(text: string, root = 'config'): DuplicateKey | undefined {
  let i = 0;
  let line = 1;
  const ws = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (where: string): DuplicateKey | undefined => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Map<string, number>();
      ws();
      if (text[i] === '}') {
        i++;
        return undefined;
      }
      for (;;) {
        ws();
        const keyLine = line;
        const key = string();
        const first = seen.get(key);
        if (first !== undefined) return { key, where, lines: [first, keyLine] };
        seen.set(key, keyLine);
        ws();
        i++; // ':'
        const found = value(`${where}.${key}`);
        if (found) return found;
        ws();
        if (text[i++] === '}') return undefined; // else ','
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return undefined;
      }
      for (let k = 0; ; k++) {
        const found = value(`${where}[${k}]`);
        if (found) return found;
        ws();
        if (text[i++] === ']') return undefined; // else ','
      }
    }
    if (c === '"') {
      string();
      return undefined;
    }
    // A number, true, false or null: up to the next delimiter.
    while (i < text.length && !',]} \t\r\n'.includes(text[i] as string)) i++;
    return undefined;
  };
  return value(root);
}
