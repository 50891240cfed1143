import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/seeded-random.js';
import { clipBeatSync, meanWithInterval, shiftOnsets, speedLoudnessCorrelation } from './beat-sync.js';

const FPS = 30;
const JOINTS = 2;
const FRAMES = 240; // 8 s

/** A hand that pauses (speed minimum) on each of `beats` (seconds) and moves between them; `wobble` adds a 15 Hz shake. */
function gesture(beats: readonly number[], wobble = 0): Float32Array {
  const clip = new Float32Array(FRAMES * JOINTS * 3);
  let x = 0;
  for (let f = 0; f < FRAMES; f++) {
    const t = f / FPS;
    const nearest = Math.min(...beats.map((b) => Math.abs(t - b)));
    x += (0.05 + Math.min(1, nearest / 0.4)) / FPS; // slowest on a beat
    clip[f * JOINTS * 3 + 3] = x + wobble * (f % 2 ? 1 : -1);
    clip[f * JOINTS * 3 + 4] = 0.5;
  }
  return clip;
}

const onsets = [0.7, 1.9, 2.6, 3.8, 4.9, 5.5, 6.8, 7.4];

describe('clipBeatSync', () => {
  it('scores motion that pauses on the onsets well above the same onsets shifted by 1.5 s', () => {
    const { aligned, shifted } = clipBeatSync(gesture(onsets), JOINTS, FPS, onsets);
    expect(aligned).toBeGreaterThan(0.9);
    expect(aligned - shifted).toBeGreaterThan(0.2);
  });

  it('gives motion beating to other speech no gain over its shifted control, on average', () => {
    const rng = mulberry32(11);
    const gains = Array.from({ length: 40 }, () => {
      const elsewhere = gesture(Array.from({ length: onsets.length }, () => 0.3 + rng() * 7.4));
      const { aligned, shifted } = clipBeatSync(elsewhere, JOINTS, FPS, onsets);
      return aligned - shifted;
    });
    const { low, high } = meanWithInterval(gains);
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(0);
  });

  it('does not reward a wobble: the shake adds no beats, so the score is the gesture’s own', () => {
    const plain = clipBeatSync(gesture(onsets), JOINTS, FPS, onsets);
    const shaking = clipBeatSync(gesture(onsets, 0.003), JOINTS, FPS, onsets);
    expect(shaking.aligned).toBeCloseTo(plain.aligned, 1);
    expect(shaking.aligned - shaking.shifted).toBeGreaterThan(0.2);
  });
});

describe('shiftOnsets', () => {
  it('moves later and wraps around the clip, in order', () => {
    expect(shiftOnsets([0.5, 7], 1.5, 8)).toEqual([0.5, 2]);
  });
});

describe('speedLoudnessCorrelation', () => {
  it('is 1 when speed follows loudness, −1 against it, and NaN for a flat side', () => {
    const loud = Array.from({ length: FRAMES }, (_, f) => 1 + Math.sin(f / 10));
    const motion = new Float32Array(FRAMES * JOINTS * 3);
    let x = 0;
    for (let f = 0; f < FRAMES; f++) {
      motion[f * JOINTS * 3 + 3] = x;
      x += loud[f]! / FPS;
    }
    expect(speedLoudnessCorrelation(motion, JOINTS, FPS, loud)).toBeGreaterThan(0.95);
    expect(speedLoudnessCorrelation(motion, JOINTS, FPS, loud.map((v) => -v))).toBeLessThan(-0.95);
    expect(speedLoudnessCorrelation(motion, JOINTS, FPS, new Array(FRAMES).fill(1))).toBeNaN();
  });
});

describe('meanWithInterval', () => {
  it('is the mean ± 1.96 standard errors', () => {
    const { mean, low, high } = meanWithInterval([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(high - mean).toBeCloseTo(1.96 * Math.sqrt(5 / 3 / 4), 12);
    expect(mean - low).toBeCloseTo(high - mean, 12);
  });
});
