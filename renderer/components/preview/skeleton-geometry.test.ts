import { describe, expect, it } from 'vitest';
import { bonePairs, motionBounds, writeBoneSegments } from './skeleton-geometry';

// The demo skeleton's shape: hips → spine → chest → neck → head, two arms of three, two legs of one.
const PARENTS = [-1, 0, 1, 2, 3, 2, 5, 6, 2, 8, 9, 0, 0];

describe('skeleton from a parent list', () => {
  it('has one bone per joint with a parent', () => {
    const pairs = bonePairs(PARENTS);
    expect(pairs.length / 2).toBe(12);
    expect([...pairs.slice(0, 4)]).toEqual([1, 0, 2, 1]);
  });

  it('skips parents that are out of range or the joint itself instead of drawing nonsense', () => {
    expect(bonePairs([-1, 0, 7, 3]).length / 2).toBe(1);
    expect(bonePairs([]).length).toBe(0);
  });

  it('puts both ends of each bone where the joints are at that frame, shifted for side by side', () => {
    const joints = 2;
    // Two frames: the child joint moves from (0,1,0) to (0,2,0).
    const positions = Float32Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0]);
    const pairs = bonePairs([-1, 0]);
    const out = new Float32Array(6);
    writeBoneSegments(positions, 1, joints, pairs, 0.5, out);
    expect([...out]).toEqual([0.5, 2, 0, 0.5, 0, 0]);
  });

  it('finds the floor, height and width over the whole clip, ignoring non-finite values', () => {
    const bounds = motionBounds([Float32Array.from([-0.2, -0.1, 0, 0.2, 0.9, 0, NaN, 5, 0])]);
    expect(bounds.floor).toBeCloseTo(-0.1);
    expect(bounds.height).toBeCloseTo(1.0);
    expect(bounds.width).toBeCloseTo(0.4);
  });
});
