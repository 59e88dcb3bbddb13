// Shared helpers for tests/stats: the R reference values (tests/reference/stats.json, written by
// tests/reference/stats.R) and relative-error assertions.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

/** The parsed reference file. Numbers that JSON cannot hold ("Infinity") are strings. */
export const reference = JSON.parse(
  readFileSync(new URL('../reference/stats.json', import.meta.url), 'utf8'),
) as { [key: string]: Json };

/** A number from the reference (accepts "Infinity" / "-Infinity"). */
export function num(value: Json | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  throw new Error(`not a number: ${JSON.stringify(value)}`);
}

/** An array of numbers from the reference. */
export function nums(value: Json | undefined): number[] {
  if (!Array.isArray(value)) throw new Error(`not an array: ${JSON.stringify(value)}`);
  return value.map(num);
}

/** A matrix (array of rows) from the reference. */
export function matrix(value: Json | undefined): number[][] {
  if (!Array.isArray(value)) throw new Error(`not a matrix: ${JSON.stringify(value)}`);
  return value.map(nums);
}

/** A child object of the reference. */
export function section(value: Json | undefined): { [key: string]: Json } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`not an object: ${JSON.stringify(value)}`);
  }
  return value;
}

/** |a − b| / |b|, 0 when both are equal (including both 0 or the same infinity). */
export function relErr(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Asserts relative agreement within `tol`, with a message that shows both values. */
export function expectClose(actual: number, expected: number, tol: number, what = ''): void {
  const err = relErr(actual, expected);
  if (!(err <= tol)) {
    expect.fail(`${what}: got ${actual}, expected ${expected} (relative error ${err} > ${tol})`);
  }
}

/** Element-wise {@link expectClose} for arrays (and arrays of rows). */
export function expectAllClose(
  actual: readonly number[] | readonly (readonly number[])[],
  expected: readonly number[] | readonly (readonly number[])[],
  tol: number,
  what = '',
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (typeof a === 'number' && typeof e === 'number') expectClose(a, e, tol, `${what}[${i}]`);
    else expectAllClose(a as number[], e as number[], tol, `${what}[${i}]`);
  }
}
