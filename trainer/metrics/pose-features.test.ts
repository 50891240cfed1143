import { describe, expect, it } from 'vitest';
import { poseFeatures, velocityFeatures } from './pose-features.js';

// Two joints: root and one hand. Clip A: hand rises 0.1 per frame; clip B: hand held high.
const clipA = Float32Array.of(5, 0, 0, 5, 1.0, 0, 5, 0, 0, 5, 1.1, 0, 5, 0, 0, 5, 1.2, 0);
const clipB = Float32Array.of(0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0);

describe('pose features', () => {
  it('are non-root joints relative to the root, one row per frame, clips pooled', () => {
    const m = poseFeatures([clipA, clipB], 2);
    expect(m.rows).toBe(5);
    expect(m.dim).toBe(3);
    expect([...m.data].map((x) => Math.round(x * 10) / 10)).toEqual([0, 1, 0, 0, 1.1, 0, 0, 1.2, 0, 0, 2, 0, 0, 2, 0]);
  });

  it('velocities never bridge the jump from one clip to the next', () => {
    const v = velocityFeatures([clipA, clipB], 2);
    expect(v.rows).toBe(3);
    expect([...v.data].map((x) => Math.round(x * 10) / 10)).toEqual([0, 0.1, 0, 0, 0.1, 0, 0, 0, 0]);
  });

  it('reject a buffer that is not frames × joints × 3', () => {
    expect(() => poseFeatures([new Float32Array(7)], 2)).toThrow();
  });
});
