import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/seeded-random.js';
import { highFrequencyShare, meanJerk, rootRelative } from './smoothness.js';

const FPS = 30;
const JOINTS = 3;
const FRAMES = 240;

/** Joint 1 and 2 move by `offset(f)` on x; the root walks steadily (root-relative metrics must ignore it). */
function clip(offset: (f: number) => number): Float32Array {
  const out = new Float32Array(FRAMES * JOINTS * 3);
  for (let f = 0; f < FRAMES; f++) {
    const o = f * JOINTS * 3;
    out[o] = 0.01 * f; // root
    for (let j = 1; j < JOINTS; j++) {
      out[o + j * 3] = 0.01 * f + offset(f) * j;
      out[o + j * 3 + 1] = 0.5 * j;
    }
  }
  return out;
}

const smooth = clip((f) => 0.1 * Math.sin((2 * Math.PI * 1 * f) / FPS)); // a 1 Hz gesture
const rng = mulberry32(3);
const noise = clip(() => 0.01 * (rng() - 0.5)); // white noise in position

describe('highFrequencyShare', () => {
  it('is about 0 for a smooth 1 Hz gesture and most of the power for white noise', () => {
    expect(highFrequencyShare([smooth], JOINTS, FPS)).toBeLessThan(0.01);
    // Velocity of white noise rises with frequency: far more than the 11/15 of the band above 4 Hz.
    expect(highFrequencyShare([noise], JOINTS, FPS)).toBeGreaterThan(0.8);
  });

  it('sees a small 15 Hz wobble on a smooth gesture, as a person sees shaking', () => {
    // 3 mm per metre of body on a 10 cm gesture: under 1% of body height, over 20× the gesture's own share.
    const wobbly = clip((f) => 0.1 * Math.sin((2 * Math.PI * f) / FPS) + 0.003 * (f % 2 ? 1 : -1));
    expect(highFrequencyShare([wobbly], JOINTS, FPS)).toBeGreaterThan(20 * highFrequencyShare([smooth], JOINTS, FPS));
    expect(highFrequencyShare([wobbly], JOINTS, FPS)).toBeGreaterThan(0.15);
  });

  it('ignores the root walking, and is NaN for a body that does not move', () => {
    expect(highFrequencyShare([clip(() => 0)], JOINTS, FPS)).toBeNaN();
    expect(rootRelative(clip(() => 0), JOINTS).every((v, i) => (i % 3 === 0 ? v === 0 : true))).toBe(true);
  });
});

describe('meanJerk', () => {
  it('is the third derivative: 0 for a constant-acceleration curve, (2π)³·A for a 1 Hz sine on average', () => {
    const parabola = clip((f) => 0.5 * (f / FPS) ** 2);
    // Float32 positions round at ~1e-7, which fps³ (27,000) lifts to a few hundredths: still ~0 beside the sine's ~370.
    expect(meanJerk([parabola], JOINTS, FPS)).toBeLessThan(0.1);
    // |d³/dt³ A sin(ωt)| averages (2/π)·A·ω³; joints 1 and 2 move A and 2A.
    const expected = (2 / Math.PI) * 0.1 * (2 * Math.PI) ** 3 * 1.5;
    expect(meanJerk([smooth], JOINTS, FPS)).toBeCloseTo(expected, -1);
  });

  it('is far larger for noise than for the gesture', () => {
    expect(meanJerk([noise], JOINTS, FPS)).toBeGreaterThan(5 * meanJerk([smooth], JOINTS, FPS));
  });
});
