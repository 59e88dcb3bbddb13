/**
 * The CLI's one reader of JSON files (analysis configs, review configs, assignment records).
 * A UTF-8 byte-order mark is dropped; a syntax error names the file, line and column but never
 * quotes the file (V8's message does, and the file may hold a BSN).
 */
import { readFileSync } from 'node:fs';
import { jsonSyntaxError } from '../data/json.js';
import { InputError } from '../errors.js';

/**
 * Reads and parses a JSON file. Throws an `InputError`: `file-not-found` when it cannot be
 * read, `malformed-input` with line and column when it is not JSON. `what` names the file's role
 * in the messages.
 *
 * @example
 * readJsonFile('examples/analysis-config.json', 'config');
 * // a missing file: "config file not found or unreadable: analysis.json"
 * // bad JSON: "config analysis.json is not valid JSON (line 3, column 1): Expected double-quoted property name"
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
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column, description } = jsonSyntaxError(text, error);
    throw new InputError(
      `${what} ${path} is not valid JSON (line ${line}, column ${column}): ${description}`,
      { code: 'malformed-input', value: path },
    );
  }
}
