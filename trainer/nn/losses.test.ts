/**
 * smoothL1 (Huber, delta 1) and its hand-written gradient agree with the definition, on both
 * sides of the kink and for differences too small for wasm's sign().
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { smoothL1 } from './losses.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const huber = (d: number) => (Math.abs(d) < 1 ? 0.5 * d * d : Math.abs(d) - 0.5);
const diffs = [-3, -1, -0.5, -1e-8, 0, 5e-8, 0.25, 0.999, 1, 2.5];

describe('smoothL1', () => {
  it('is the mean Huber loss of the differences', () => {
    const target = tf.tensor1d(diffs.map((_, i) => i * 0.1));
    const prediction = tf.add(target, tf.tensor1d(diffs));
    const expected = diffs.reduce((sum, d) => sum + huber(d), 0) / diffs.length;
    expect(smoothL1(prediction, target).dataSync()[0]).toBeCloseTo(expected, 6);
  });

  it('has the gradient clip(d, -1, 1) / n towards the prediction and its negative towards the target', () => {
    const target = tf.zeros([2, 5]);
    const prediction = tf.tensor2d(diffs, [2, 5]);
    const [dp, dt] = tf.grads((p: tf.Tensor, t: tf.Tensor) => tf.mul(smoothL1(p, t), 3))([prediction, target]);
    const expected = diffs.map((d) => (3 * Math.max(-1, Math.min(1, d))) / diffs.length);
    [...(dp as tf.Tensor).dataSync()].forEach((g, i) => expect(g).toBeCloseTo(expected[i] as number, 7));
    [...(dt as tf.Tensor).dataSync()].forEach((g, i) => expect(g).toBeCloseTo(-(expected[i] as number), 7));
    // Below 1.2e-7 wasm's sign() is 0; the hand-written gradient still points the right way.
    expect((dp as tf.Tensor).dataSync()[5]).toBeGreaterThan(0);
    expect((dp as tf.Tensor).dataSync()[3]).toBeLessThan(0);
  });
});
