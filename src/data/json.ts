/**
 * JSON text (an array of row objects) → arquero table, with syntax errors located by line and
 * column. The engine's own message is not passed on verbatim: V8 quotes a piece of the input,
 * which could contain a BSN.
 */
import type { ColumnTable } from 'arquero';
import { formatRows, InputError } from '../errors.js';
import { rowsToTable } from './rows.js';

/**
 * Parses JSON text holding an array of row objects (`[{"id": "a", "arm": "control"}, ...]`).
 * Throws an `InputError`: `malformed-input` (with line, column and character position),
 * `wrong-type` when the top level is not an array, for elements that are not objects (with row
 * numbers) and for nested values.
 *
 * @example
 * parseJsonRows('[{"id": "001", "age": 41}]').array('id'); // ['001']
 */
export function parseJsonRows(text: string): ColumnTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw syntaxError(text, error);
  }
  if (!Array.isArray(data)) {
    const found =
      data === null ? 'null' : typeof data === 'object' ? 'an object' : `a ${typeof data}`;
    throw new InputError(`JSON must be an array of row objects, but the top level is ${found}`, {
      code: 'wrong-type',
    });
  }
  const table = rowsToTable(data, 'JSON');
  checkExactNumbers(table);
  return table;
}

/**
 * JSON.parse rounds a whole number beyond 2^53 (a 19-digit account number) to the nearest
 * double, so its last digits are already gone: refuse it, naming the column and rows.
 */
function checkExactNumbers(table: ColumnTable): void {
  for (const name of table.columnNames()) {
    const rows: number[] = [];
    (table.array(name) as unknown[]).forEach((v, i) => {
      if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v))
        rows.push(i + 1);
    });
    if (rows.length > 0) {
      throw new InputError(
        `column '${name}' in JSON has whole numbers beyond 2^53 in ${formatRows(rows)}: a JSON number cannot hold them exactly, so digits are lost; write them as strings ("…")`,
        { code: 'out-of-range', column: name, rows },
      );
    }
  }
}

function syntaxError(text: string, error: unknown): InputError {
  const { line, column, position, description } = jsonSyntaxError(text, error);
  return new InputError(
    `malformed JSON at line ${line}, column ${column} (character ${position}): ${description}`,
    { code: 'malformed-input', value: `line ${line}, column ${column}` },
  );
}

/** Where a JSON syntax error is, and what it is, without quoting the input. */
export interface JsonSyntaxError {
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** 0-based character offset. */
  readonly position: number;
  /** V8's description ("Expected ',' or ']' after array element"), or `invalid JSON syntax`. */
  readonly description: string;
}

/**
 * Locates the error `JSON.parse(text)` threw. V8's message is not passed on verbatim: it may
 * quote a piece of the input, which could contain a BSN.
 *
 * @example
 * try { JSON.parse('{\n  "a": 1,\n}') } catch (e) { jsonSyntaxError('{\n  "a": 1,\n}', e).line } // 3
 */
export function jsonSyntaxError(text: string, error: unknown): JsonSyntaxError {
  const raw = error instanceof Error ? error.message : String(error);
  // Keep V8's description ("Expected ',' or ']' after array element") but not its quote of the input.
  const what = raw
    .replace(/,\s*".*$/s, '')
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)/, '');
  const description = what.includes('"') || what === '' ? 'invalid JSON syntax' : what;
  // Not every V8 message carries a position ("Unexpected token ']'"), so find it ourselves.
  const position = Number(/at position (\d+)/.exec(raw)?.[1] ?? locateJsonError(text));
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { line, column, position, description };
}

/**
 * The character offset of the first syntax error in `text` (a small JSON recogniser; only
 * called after `JSON.parse` failed).
 */
function locateJsonError(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail();
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else {
          i++;
          fail();
        }
      } else if (c < ' ') fail();
      else i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    return Math.min(i, text.length);
  } catch (position) {
    return typeof position === 'number' ? position : 0;
  }
}
