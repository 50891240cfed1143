import { describe, expect, it } from 'vitest';
import { onsetTimes } from './onset-peaks.js';

const curve = (frames: number, peaks: Record<number, number>): Float32Array => {
  const x = new Float32Array(frames);
  for (const [f, v] of Object.entries(peaks)) x[Number(f)] = v;
  return x;
};

describe('onsetTimes', () => {
  it('returns the frame centres of local maxima, in seconds', () => {
    expect(onsetTimes(curve(60, { 6: 1, 30: 0.8, 45: 0.5 }), 30)).toEqual([0.2, 1, 1.5]);
  });

  it('keeps onsets at least ~100 ms apart (one hit rings for a few frames)', () => {
    // Frames 10 and 12 are 67 ms apart at 30 fps: only the first counts.
    expect(onsetTimes(curve(40, { 10: 1, 12: 0.9, 20: 1 }), 30)).toEqual([10 / 30, 20 / 30]);
    expect(onsetTimes(curve(40, { 10: 1, 12: 0.9 }), 30, { minSpacing: 0.05 })).toEqual([10 / 30, 12 / 30]);
  });

  it('ignores bumps that do not stand above the local mean, and flat plateaus count once', () => {
    const noisy = new Float32Array(60).fill(0.5);
    noisy[30] = 0.52; // within delta of its neighbourhood
    expect(onsetTimes(noisy, 30)).toEqual([]);
    expect(onsetTimes(curve(30, { 10: 1, 11: 1, 12: 1 }), 30, { minSpacing: 0 })).toEqual([10 / 30]);
    expect(onsetTimes(new Float32Array(30), 30)).toEqual([]);
  });
});
