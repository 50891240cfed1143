import * as tf from './tf.js';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianTaps, lowPassFrames } from './low-pass.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const FPS = 30;
const FRAMES = 120;
const sine = (hz: number) => Array.from({ length: FRAMES }, (_, t) => Math.sin((2 * Math.PI * hz * t) / FPS));

/** Amplitude after filtering, over the middle frames (away from the repeated ends). */
async function amplitudeAfter(signal: number[], sigma: number): Promise<number> {
  const out = lowPassFrames(tf.tensor3d(signal, [1, FRAMES, 1]), sigma);
  const values = Array.from(await out.data()).slice(20, FRAMES - 20);
  return Math.max(...values.map(Math.abs));
}

describe('the Gaussian low-pass on decoded motion', () => {
  it('has taps that sum to one and are symmetric', () => {
    const taps = gaussianTaps(1.5);
    expect(taps.length).toBe(9);
    expect(taps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(taps[0]).toBeCloseTo(taps[8]!, 12);
  });

  it('keeps a still pose still and a steady movement steady, ends included', async () => {
    const still = await lowPassFrames(tf.fill([1, FRAMES, 2], 0.7) as tf.Tensor3D, 1.5).data();
    for (const v of still) expect(v).toBeCloseTo(0.7, 5);
    const ramp = Array.from({ length: FRAMES }, (_, t) => t / FRAMES);
    const out = await lowPassFrames(tf.tensor3d(ramp, [1, FRAMES, 1]), 1.5).data();
    for (let t = 10; t < FRAMES - 10; t++) expect(out[t]).toBeCloseTo(ramp[t]!, 5);
  });

  it('passes a 1 Hz gesture almost whole and removes a 10 Hz wobble', async () => {
    expect(await amplitudeAfter(sine(1), 1.5)).toBeGreaterThan(0.94);
    expect(await amplitudeAfter(sine(10), 1.5)).toBeLessThan(0.05);
  });

  it('is the identity at sigma 0', async () => {
    const x = tf.tensor3d(sine(10), [1, FRAMES, 1]);
    expect(lowPassFrames(x, 0)).toBe(x);
  });
});
