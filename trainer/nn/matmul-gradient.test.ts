/**
 * matMul's gradient as registered by kernels.ts on wasm (untransposed products, for wasm's fast path) must
 * equal the gradient of the same product written without matMul at all, for every transpose
 * combination the models use, and batched products must keep working.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** a·b as broadcast multiply + sum: a formulation whose gradient involves no matMul. */
function plainProduct(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  const left = transposeA ? tf.transpose(a) : a;
  const right = transposeB ? tf.transpose(b) : b;
  return tf.sum(tf.mul(tf.expandDims(left, 2), tf.expandDims(right, 0)), 1) as tf.Tensor2D;
}

function gradsOf(product: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D, a: tf.Tensor2D, b: tf.Tensor2D, weights: tf.Tensor2D): [Float32Array, Float32Array] {
  const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(product(x as tf.Tensor2D, y as tf.Tensor2D), weights)))([a, b]);
  return [(da as tf.Tensor).dataSync() as Float32Array, (db as tf.Tensor).dataSync() as Float32Array];
}

describe('matMul gradient with untransposed products', () => {
  // Square-ish shapes take the direct products; tall and wide ones the swapped form. The first
  // three are too small for wasm's SIMD product (XNNPACK runs them), the last two run on it.
  const cases = [[5, 7, 3], [40, 6, 2], [2, 6, 40], [37, 30, 21], [9, 30, 300]].flatMap(([m, k, n]) => [[false, false], [false, true], [true, false], [true, true]].map(([ta, tb]) => [m, k, n, ta, tb] as [number, number, number, boolean, boolean]));
  for (const [m, k, n, transposeA, transposeB] of cases) {
    it(`matches the plain product's gradient (${m}×${k}×${n}, transposeA=${transposeA}, transposeB=${transposeB})`, () => {
      const a = tf.randomNormal(transposeA ? [k, m] : [m, k], 0, 1, 'float32', 1) as tf.Tensor2D;
      const b = tf.randomNormal(transposeB ? [n, k] : [k, n], 0, 1, 'float32', 2) as tf.Tensor2D;
      const weights = tf.randomNormal([m, n], 0, 1, 'float32', 3) as tf.Tensor2D;
      const [da, db] = gradsOf((x, y) => tf.matMul(x, y, transposeA, transposeB), a, b, weights);
      const [pa, pb] = gradsOf((x, y) => plainProduct(x, y, transposeA, transposeB), a, b, weights);
      expectClose(da, pa);
      expectClose(db, pb);
      tf.dispose([a, b, weights]);
    });
  }

  it('still differentiates batched products (the stock formulas)', () => {
    const a = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 4);
    const b = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 5);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y, false, true)))([a, b]);
    // d/da sum(a·bᵀ) = row sums of b broadcast over a's rows; likewise for b.
    const expectedA = tf.tile(tf.sum(b, 1, true), [1, 4, 1]);
    const expectedB = tf.tile(tf.sum(a, 1, true), [1, 5, 1]);
    expectClose((da as tf.Tensor).dataSync() as Float32Array, expectedA.dataSync() as Float32Array);
    expectClose((db as tf.Tensor).dataSync() as Float32Array, expectedB.dataSync() as Float32Array);
  });
});

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 4));
}
