/**
 * The fused dense layer (product, bias and ReLU in one kernel) and its registered gradient
 * agree with the same layer written as separate ops, on wasm and on the reference cpu backend.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { fusedDense, type DenseActivation } from './fused-dense.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-cpu');
  await selectBackend('wasm');
});

const unfused = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: DenseActivation) => {
  const out = tf.add(tf.matMul(x, w), b);
  return activation === 'relu' ? tf.relu(out) : out;
};

/** A loss that weighs every output differently, so each gradient element is checked. */
const weighted = (y: tf.Tensor) => tf.sum(tf.mul(y, tf.linspace(-1, 2, y.size).reshape(y.shape)));

function expectClose(actual: tf.Tensor, expected: tf.Tensor): void {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  const e = expected.dataSync();
  e.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 4));
}

describe.each(['wasm', 'cpu'] as const)('fusedDense on %s', (backend) => {
  beforeAll(async () => {
    // Through backend selection, which installs the fused path's gradient (nn/kernels.ts).
    await selectBackend(backend);
  });

  it.each(['linear', 'relu'] as const)('matches the unfused layer, values and gradients (%s)', (activation) => {
    const x = tf.randomNormal([37, 12], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([12, 9], 0, 1, 'float32', 2) as tf.Tensor2D;
    const b = tf.randomNormal([9], 0, 1, 'float32', 3) as tf.Tensor1D;
    expectClose(fusedDense(tf, x, w, b, activation), unfused(x, w, b, activation));
    const fused = tf.grads((xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) => weighted(fusedDense(tf, xs as tf.Tensor2D, ws as tf.Tensor2D, bs as tf.Tensor1D, activation)))([x, w, b]);
    const reference = tf.grads((xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) => weighted(unfused(xs as tf.Tensor2D, ws as tf.Tensor2D, bs as tf.Tensor1D, activation)))([x, w, b]);
    fused.forEach((g, i) => expectClose(g, reference[i] as tf.Tensor));
  });

  it('uses the bias it is given, with the same weights', () => {
    const x = tf.ones([2, 3]) as tf.Tensor2D;
    const w = tf.ones([3, 2]) as tf.Tensor2D;
    expect([...fusedDense(tf, x, w, tf.tensor1d([1, 2]), 'linear').dataSync()]).toEqual([4, 5, 4, 5]);
    expect([...fusedDense(tf, x, w, tf.tensor1d([-10, 0]), 'relu').dataSync()]).toEqual([0, 3, 0, 3]);
  });

  it('refuses shapes that do not fit, naming them', () => {
    expect(() => fusedDense(tf, tf.ones([2, 3]) as tf.Tensor2D, tf.ones([4, 2]) as tf.Tensor2D, tf.ones([2]) as tf.Tensor1D, 'linear')).toThrow('input [2, 3], weights [4, 2] and bias [2] do not fit together');
  });
});
