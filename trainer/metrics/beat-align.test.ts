import { describe, expect, it } from 'vitest';
import { beatAlign, beatAlignScore, motionBeats } from './beat-align.js';
import { mulberry32 } from '../data/seeded-random.js';

const FPS = 30;
const JOINTS = 2;
const PERIOD = 20; // frames between gesture beats: 0.667 s
const FIRST = 10;
const FRAMES = 200;

/**
 * A hand whose speed is 0.6 − 0.5·cos(2π(f − FIRST)/PERIOD) body heights/s: slowest
 * exactly on frames 10, 30, …, 190, moving smoothly in between. The root stays put.
 */
function beatingMotion(): Float32Array {
  const clip = new Float32Array(FRAMES * JOINTS * 3);
  for (let f = 0; f < FRAMES; f++) {
    const t = f / FPS;
    const w = (2 * Math.PI) / (PERIOD / FPS);
    const x = 0.6 * t - (0.5 / w) * Math.sin(w * (t - FIRST / FPS));
    clip[f * JOINTS * 3 + 3] = x;
    clip[f * JOINTS * 3 + 4] = 0.5;
  }
  return clip;
}

const onsets = Array.from({ length: 10 }, (_, k) => (FIRST + k * PERIOD) / FPS);

describe('motionBeats', () => {
  it('finds the speed minima, in seconds, and never an end frame', () => {
    const beats = motionBeats(beatingMotion(), JOINTS, FPS);
    expect(beats).toHaveLength(onsets.length);
    beats.forEach((t, i) => expect(t).toBeCloseTo(onsets[i]!, 9));
  });

  it('finds no beats in a body that stands still', () => {
    expect(motionBeats(new Float32Array(60 * JOINTS * 3).fill(0.3), JOINTS, FPS)).toEqual([]);
  });
});

describe('beatAlign', () => {
  it('scores ≈ 1 when the speed minima sit on the audio onsets', () => {
    expect(beatAlignScore(beatingMotion(), JOINTS, FPS, onsets)).toBeGreaterThan(0.999);
    expect(beatAlignScore(beatingMotion(), JOINTS, FPS, onsets, { direction: 'audio-to-motion' })).toBeGreaterThan(0.999);
  });

  it('drops sharply when the audio is 0.3 s off', () => {
    const late = onsets.map((t) => t + 0.3);
    // Every beat is 0.3 s from its nearest onset: exp(−0.09 / 0.02) ≈ 0.011.
    expect(beatAlignScore(beatingMotion(), JOINTS, FPS, late)).toBeCloseTo(Math.exp(-4.5), 3);
  });

  it('scores random onsets lower than aligned ones', () => {
    const rng = mulberry32(7);
    const aligned = beatAlignScore(beatingMotion(), JOINTS, FPS, onsets);
    for (let trial = 0; trial < 5; trial++) {
      const random = onsets.map(() => rng() * (FRAMES / FPS)).sort((a, b) => a - b);
      expect(beatAlignScore(beatingMotion(), JOINTS, FPS, random)).toBeLessThan(aligned - 0.2);
    }
  });

  it('averages over motion beats by default, over onsets when asked', () => {
    // Motion beats at 1 s and 5 s, onsets at 1, 2, 3 s; σ = 1 s to keep every term visible.
    const motion = [1, 5];
    const audio = [1, 2, 3];
    const opts = { sigma: 1 };
    expect(beatAlign(motion, audio, opts)).toBeCloseTo((1 + Math.exp(-2)) / 2, 12);
    expect(beatAlign(motion, audio, { ...opts, direction: 'audio-to-motion' })).toBeCloseTo(
      (1 + Math.exp(-0.5) + Math.exp(-2)) / 3,
      12,
    );
    expect(beatAlign([1.1], [1], { sigma: 0.1 })).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it('scores 0 when either side has no beats', () => {
    expect(beatAlign([], [1, 2])).toBe(0);
    expect(beatAlign([1], [])).toBe(0);
  });
});
