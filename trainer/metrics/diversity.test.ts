import { describe, expect, it } from 'vitest';
import { diversity } from './diversity.js';

const JOINTS = 3;
const FRAMES = 40;

/** A shared swinging motion with joint 2 held at a per-clip offset (root stays at origin). */
function clipWithOffset(offset: [number, number, number], scale = 1): Float32Array {
  const clip = new Float32Array(FRAMES * JOINTS * 3);
  for (let f = 0; f < FRAMES; f++) {
    const o = f * JOINTS * 3;
    clip[o + 3] = 0.2 * Math.sin(f / 5);
    clip[o + 4] = 0.5;
    clip[o + 6] = offset[0] * scale;
    clip[o + 7] = 0.8 + offset[1] * scale;
    clip[o + 8] = offset[2] * scale;
  }
  return clip;
}

describe('diversity', () => {
  it('is zero when every sample is the same motion (mode collapse)', () => {
    const clip = clipWithOffset([0.1, 0, 0]);
    expect(diversity([clip, clip, Float32Array.from(clip)], JOINTS)).toBe(0);
    expect(diversity([clip, clip], JOINTS, { features: 'velocity' })).toBe(0);
  });

  it('is the mean pairwise distance for samples with known separations', () => {
    // Pairwise distances 0.3, 0.4 and 0.5 (a 3-4-5 triangle): mean 0.4.
    const clips = [clipWithOffset([0, 0, 0]), clipWithOffset([0.3, 0, 0]), clipWithOffset([0, 0.4, 0])];
    expect(diversity(clips, JOINTS)).toBeCloseTo(0.4, 6);
  });

  it('grows linearly when the spread between samples is scaled', () => {
    const offsets: [number, number, number][] = [[0, 0, 0], [0.1, 0.02, 0], [-0.05, 0.1, 0.03], [0.02, -0.04, 0.1]];
    const at = (k: number): number => diversity(offsets.map((o) => clipWithOffset(o, k)), JOINTS);
    expect(at(2)).toBeCloseTo(2 * at(1), 6);
    expect(at(3)).toBeCloseTo(3 * at(1), 6);
  });

  it('ignores where each sample stands and has nothing to compare for one clip', () => {
    const a = clipWithOffset([0.1, 0, 0]);
    const moved = a.map((x, i) => x + (i % 3 === 2 ? 1.5 : 0));
    expect(diversity([a, moved], JOINTS)).toBeCloseTo(0, 6);
    expect(diversity([a], JOINTS)).toBe(0);
  });
});
