import { describe, expect, it } from 'vitest';
import { pck } from './pck.js';

const JOINTS = 4;
const FRAMES = 10;
const truth = Float32Array.from({ length: FRAMES * JOINTS * 3 }, (_, i) => Math.sin(i) * 0.5);

describe('pck', () => {
  it('is 1 for a perfect prediction', () => {
    expect(pck(Float32Array.from(truth), truth, JOINTS)).toBe(1);
  });

  it('is 0 when every joint is 0.1 body heights off', () => {
    const off = truth.map((x, i) => (i % 3 === 1 ? x + 0.1 : x));
    expect(pck(off, truth, JOINTS)).toBe(0);
  });

  it('is 0.5 when half the joint-frames are off', () => {
    // Joints 0 and 1 exact, joints 2 and 3 off by 0.06 along x and 0.08 along z (0.1 total).
    const half = truth.map((x, i) => {
      const joint = Math.floor(i / 3) % JOINTS;
      if (joint < 2) return x;
      return x + [0.06, 0, 0.08][i % 3]!;
    });
    expect(pck(half, truth, JOINTS)).toBe(0.5);
    // The same error passes a looser threshold.
    expect(pck(half, truth, JOINTS, 0.11)).toBe(1);
  });

  it('pools joint-frames over clips and rejects mismatched shapes', () => {
    const off = truth.map((x) => x + 1);
    expect(pck([truth, off], [truth, truth], JOINTS)).toBe(0.5);
    expect(() => pck(truth.subarray(3), truth, JOINTS)).toThrow();
    expect(pck([], [], JOINTS)).toBeNaN();
  });
});
