import { describe, expect, it } from 'vitest';
import {
  type Joint,
  type JointFactor,
  jointCodeArray,
  jointCodesOf,
} from '../../src/estimate/coded-basis.js';

// Two factors merged into one joint code: a of 2 members (states 0, 1, none = 2; stride 1) and
// b of 1 member (states 0, none = 1; stride 3), so code = state_a + 3·state_b, by hand:
//   row      0  1  2  3  4  5
//   a       -1  0  1  0 -1  1   → states 2 0 1 0 2 1
//   b        0 -1  0  0 -1 -1   → states 0 1 0 0 1 1
//   code     2  3  1  0  5  4
const a = Int32Array.of(-1, 0, 1, 0, -1, 1);
const b = Int32Array.of(0, -1, 0, 0, -1, -1);
const factor = (code: Int32Array, none: number, stride: number): JointFactor => ({
  code,
  none,
  stride,
  positionOf: new Int32Array(none + 1),
});
const joint = (n: number, from = 0): Joint => ({
  factors: [factor(a.subarray(from, n), 2, 1), factor(b.subarray(from, n), 1, 3)],
  size: 6,
});

describe('jointCodeArray', () => {
  it('gives each row its mixed-radix code, as jointCodesOf', () => {
    expect([...jointCodeArray(joint(6))]).toEqual([2, 3, 1, 0, 5, 4]);
    const out = new Int32Array(6);
    jointCodesOf(joint(6), 0, 6, out, 0);
    expect([...out]).toEqual([2, 3, 1, 0, 5, 4]);
  });

  it('serves every prefix of the same codes from one array', () => {
    const whole = jointCodeArray(joint(6));
    const prefix = jointCodeArray(joint(4));
    expect([...prefix]).toEqual([2, 3, 1, 0]);
    expect(prefix.buffer).toBe(whole.buffer);
    // Rows that do not start at row 0 are computed for themselves.
    const tail = jointCodeArray(joint(6, 2));
    expect([...tail]).toEqual([1, 0, 5, 4]);
    expect(tail.buffer).not.toBe(whole.buffer);
  });
});
