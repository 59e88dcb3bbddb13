/** The identifier guard: BSNs by the eleven test, ids by token, redaction, and the label refusal. */
import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { isValidBsn } from '../../src/assign/bsn.js';
import { describeValue } from '../../src/data/columns.js';
import { refuseIdentifierLabels } from '../../src/data/identifier-labels.js';
import {
  elevenTest,
  guardedId,
  identifierGuard,
  isBsnLike,
} from '../../src/table/identifier-guard.js';

describe('elevenTest and isBsnLike', () => {
  it('by hand: 111222333 → 9+8+7+12+10+8+9+6 − 3 = 66 = 6·11; 123456789 → 156 − 9 = 147 ≢ 0', () => {
    expect(elevenTest('111222333')).toBe(true);
    expect(elevenTest('123456789')).toBe(false);
    expect(elevenTest('000000000')).toBe(false);
    expect(elevenTest('11122233')).toBe(false);
    expect(isBsnLike(' 222000004 ')).toBe(true);
    expect(isBsnLike(222000004)).toBe(true);
    expect(isBsnLike('experiment')).toBe(false);
  });

  it('isValidBsn gives the same answer (one implementation)', () => {
    for (const s of ['111222333', '123456789', '000000000', '222000028', '100000071']) {
      expect(isValidBsn(s)).toBe(elevenTest(s));
    }
  });

  it('describeValue withholds a BSN-like value', () => {
    expect(describeValue('111222333')).toBe('(value withheld: looks like a BSN)');
    expect(describeValue('123456789')).toBe("'123456789'");
  });
});

describe('identifierGuard', () => {
  it('reads plain ASCII ids as the general rule does (trimming, lengths, tokens and phrases)', () => {
    const values = [
      'DH000001',
      'DH000001-3',
      'a_b-c-d',
      'abcd',
      'abcde',
      '123456',
      '1234567',
      '111222333',
      '-abcde',
      'abcde-',
      'ab--cde',
      ' DH000009 ',
      'DH 000010',
      'Ümlaut1',
      '',
    ];
    const guard = identifierGuard(values);
    for (const v of values) {
      const expected = guardedId(v) !== undefined || isBsnLike(v);
      expect(guard.isIdentifier(v), v).toBe(expected);
      const shown = `before ${v.trim()} after`;
      expect(guard.find(shown) !== undefined, v).toBe(expected);
    }
    // A token id is found as a whole token only; a phrase (not one token) by substring.
    expect(guard.find('DH000001-33')).toBeUndefined();
    expect(guard.find('xab--cdex')).toEqual({ line: 1, kind: 'id' });
  });

  it('guards ids of at least five characters, all-digit ids of at least seven', () => {
    expect(guardedId(' DH000001 ')).toBe('DH000001');
    expect(guardedId('C001')).toBeUndefined();
    expect(guardedId('123456')).toBeUndefined();
    expect(guardedId('1234567')).toBe('1234567');
  });

  it('finds an id as a whole token, with its line, and a BSN not inside a decimal', () => {
    const g = identifierGuard(['DH000001', 'PS-0042', 'a b c d e']);
    expect(g.find('arm,n\nDH000001,3')).toEqual({ line: 2, kind: 'id' });
    expect(g.find('DH0000011 and xDH000001')).toBeUndefined();
    expect(g.find('| PS-0042 |')).toEqual({ line: 1, kind: 'id' });
    expect(g.find('x\ny\n"a b c d e"')).toEqual({ line: 3, kind: 'id' });
    expect(g.find('id in ["1","111222333"]')).toEqual({ line: 1, kind: 'bsn' });
    expect(g.find('p = 0.111222333, 111222333.5, 1111222333')).toBeUndefined();
    expect(g.find('n = 123456789')).toBeUndefined(); // fails the eleven test
  });

  it('redacts every identifier', () => {
    const g = identifierGuard(['DH000001']);
    expect(g.redact('DH000001 and 111222333, 123456789')).toBe(
      '<withheld> and <withheld>, 123456789',
    );
  });
});

describe('refuseIdentifierLabels', () => {
  const t = table({
    id: ['DH000001', 'DH000002', 'DH000003'],
    arm: ['control', 'DH000001', 'experiment'],
    level: ['a', 'b', '111222333'],
  });
  it('names the column and the rows, never the value', () => {
    expect(() =>
      refuseIdentifierLabels(t, { id: 'id', labels: [{ column: 'arm', role: 'arm labels' }] }),
    ).toThrow(
      "column 'arm' holds a value that equals an id or looks like a BSN in row 2 (not shown); it would be printed as one of the arm labels.",
    );
    expect(() =>
      refuseIdentifierLabels(t, { labels: [{ column: 'level', role: 'factor levels' }] }),
    ).toThrow(/column 'level' .* in row 3 \(not shown\)/);
    expect(() =>
      refuseIdentifierLabels(t, {
        id: 'id',
        labels: [{ column: 'id', role: 'subgroup levels', field: 'subgroups[0]' }],
      }),
    ).toThrow("subgroups[0]: 'id' is the id column");
  });

  it('compares values as the guard does: trimmed text, any id column, every row named', () => {
    const u = table({
      id: ['DH000001', 'DH000002', 'DH000003', 'DH000004'],
      pseudonym: [1234567, 7654321, 1111111, 2222222],
      office: [' DH000003 ', 'north', 'DH000003', 'south'],
      code: ['1234567', 'x', 'y', 'z'],
      short: ['DH00', 'DH00', 'a', 'b'],
    });
    const labels = (column: string) => [{ column, role: 'factor levels' }];
    expect(() => refuseIdentifierLabels(u, { id: 'id', labels: labels('office') })).toThrow(
      "column 'office' holds a value that equals an id or looks like a BSN in rows 1, 3 (not shown)",
    );
    // A label equal to a value of another id column (a number there, text here).
    expect(() =>
      refuseIdentifierLabels(u, { id: 'id', moreIds: ['pseudonym'], labels: labels('code') }),
    ).toThrow(/column 'code' .* in row 1 \(not shown\)/);
    expect(() => refuseIdentifierLabels(u, { id: 'id', labels: labels('code') })).not.toThrow();
    // Too short to be guarded; labels in order: the first refused column is named.
    expect(() => refuseIdentifierLabels(u, { id: 'id', labels: labels('short') })).not.toThrow();
    expect(() =>
      refuseIdentifierLabels(u, {
        id: 'id',
        labels: [...labels('short'), ...labels('office'), { column: 'id', role: 'arm labels' }],
      }),
    ).toThrow(/column 'office'/);
    expect(() =>
      refuseIdentifierLabels(u, {
        id: 'id',
        values: [{ column: 'office', values: ['north', 'DH000004 '], field: 'config.filter' }],
      }),
    ).toThrow("config.filter: a value of the filter on 'office' equals an id or looks like a BSN");
  });
});
