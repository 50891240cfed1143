/**
 * Attention as per-group 2-D products (wasm's fast path) with its hand-written backward must
 * equal the plain batched formulation, value and gradients (tf.grads of the plain version).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { attention, plainAttention } from './attention-core.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('attention on wasm', () => {
  it('matches the plain formulation in value and in the gradients of q, k and v', () => {
    const [groups, length, size] = [6, 9, 4];
    const [q, k, v] = [1, 2, 3].map((seed) => tf.randomNormal([groups, length, size], 0, 1, 'float32', seed) as tf.Tensor3D) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([length, length]), -1, 0)), -1e9) as tf.Tensor2D;
    const weights = tf.randomNormal([groups, length, size], 0, 1, 'float32', 4);
    const lossOf = (fn: typeof attention) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(fn(a as tf.Tensor3D, b as tf.Tensor3D, c as tf.Tensor3D, mask, 0.5), weights));
    const fast = tf.grads(lossOf(attention))([q, k, v]);
    const plain = tf.grads(lossOf(plainAttention))([q, k, v]);
    expectClose(attention(q, k, v, mask, 0.5), plainAttention(q, k, v, mask, 0.5));
    fast.forEach((g, i) => expectClose(g, plain[i] as tf.Tensor));
    // The causal mask holds: the first position's output is its own value row.
    expectClose(tf.slice(attention(q, k, v, mask, 0.5), [0, 0, 0], [groups, 1, size]), tf.slice(v, [0, 0, 0], [groups, 1, size]));
  });
});

function expectClose(actual: tf.Tensor, expected: tf.Tensor): void {
  expect(actual.shape).toEqual(expected.shape);
  const e = expected.dataSync();
  actual.dataSync().forEach((x, i) => expect(x).toBeCloseTo(e[i] as number, 4));
}
