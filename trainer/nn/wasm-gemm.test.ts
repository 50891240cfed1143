/**
 * Rank-2 products on wasm run through gemm-simd.wat (wasm-gemm.ts). Its results are checked
 * bit for bit against the same arithmetic written out in JS, in the kernel's own order (float32
 * products added one k at a time, per chunk of 128, chunks added into C, then bias and ReLU):
 * XNNPACK adds in another order, so a match also proves the product took our route. Shapes
 * cover the tile edges (rows not a multiple of 4, columns not of 8: the overlapping last
 * tiles), several chunks of the shared axis, and a transposed left operand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { fusedDense } from './fused-dense.js';
import * as tf from './tf.js';
import { K_CHUNK, simdGemmTakes } from './wasm-gemm.js';
import type { WasmBackend } from './wasm-kernel-override.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** op(a)·b (+ bias, ReLU) in gemm-simd.wat's order of float32 operations. */
function kernelOrder(a: Float32Array, b: Float32Array, rows: number, inner: number, cols: number, transposeA: boolean, bias?: Float32Array, relu = false): Float32Array {
  const f = Math.fround;
  const out = new Float32Array(rows * cols);
  for (let m = 0; m < rows; m++) {
    for (let n = 0; n < cols; n++) {
      let total = 0;
      for (let k0 = 0; k0 < inner; k0 += K_CHUNK) {
        let chunk = 0;
        for (let k = k0; k < Math.min(inner, k0 + K_CHUNK); k++) chunk = f(chunk + f((a[transposeA ? k * rows + m : m * inner + k] as number) * (b[k * cols + n] as number)));
        const last = k0 + K_CHUNK >= inner;
        const withBias = last && bias ? f(chunk + (bias[n] as number)) : chunk;
        total = k0 === 0 ? withBias : f(withBias + total);
      }
      out[m * cols + n] = relu ? Math.max(total, 0) : total;
    }
  }
  return out;
}

/** The same product in float64, for routes that add in another order. */
function exact(a: Float32Array, b: Float32Array, rows: number, inner: number, cols: number, transposeA: boolean, transposeB = false): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let m = 0; m < rows; m++) {
    for (let n = 0; n < cols; n++) {
      let sum = 0;
      for (let k = 0; k < inner; k++) sum += (a[transposeA ? k * rows + m : m * inner + k] as number) * (b[transposeB ? n * inner + k : k * cols + n] as number);
      out[m * cols + n] = sum;
    }
  }
  return out;
}

const backend = () => tf.backend() as unknown as WasmBackend;

describe('rank-2 products on wasm through the SIMD kernel', () => {
  // [rows, inner, cols]: one tile; edges in both directions; three chunks with edges; tall.
  const shapes = [
    [4, 8, 8],
    [7, 5, 13],
    [37, 300, 21],
    [130, 257, 64],
  ] as const;

  for (const [rows, inner, cols] of shapes) {
    for (const transposeA of [false, true]) {
      it(`matMul ${rows}×${inner}×${cols}${transposeA ? ', left operand transposed' : ''}: bit for bit the kernel's arithmetic`, () => {
        expect(simdGemmTakes(backend(), rows, cols)).toBe(true);
        const a = tf.randomNormal(transposeA ? [inner, rows] : [rows, inner], 0, 1, 'float32', rows);
        const b = tf.randomNormal([inner, cols], 0, 1, 'float32', cols);
        const got = tf.matMul(a, b, transposeA, false);
        expect(got.shape).toEqual([rows, cols]);
        const want = kernelOrder(a.dataSync() as Float32Array, b.dataSync() as Float32Array, rows, inner, cols, transposeA);
        expect(Array.from(got.dataSync())).toEqual(Array.from(want));
        tf.dispose([a, b, got]);
      });
    }
  }

  it('a fused dense layer adds its bias and applies ReLU once, after the last chunk of the sum', () => {
    const [rows, inner, cols] = [21, 300, 19];
    const x = tf.randomNormal([rows, inner], 0, 1, 'float32', 5) as tf.Tensor2D;
    const w = tf.randomNormal([inner, cols], 0, 1, 'float32', 6) as tf.Tensor2D;
    const bias = tf.randomNormal([cols], 0, 5, 'float32', 7) as tf.Tensor1D;
    const [xs, ws, bs] = [x, w, bias].map((t) => t.dataSync() as Float32Array) as [Float32Array, Float32Array, Float32Array];
    for (const relu of [false, true]) {
      const got = fusedDense(tf, x, w, bias, relu ? 'relu' : 'linear').dataSync();
      const want = kernelOrder(xs, ws, rows, inner, cols, false, bs, relu);
      expect(Array.from(got)).toEqual(Array.from(want));
      if (relu) expect(want.filter((v) => v === 0).length).toBeGreaterThan(rows); // ReLU had work to do
    }
    tf.dispose([x, w, bias]);
  });

  it('keeps NaN through ReLU, so a diverged step is still caught as non-finite', () => {
    const x = tf.tensor2d(Array.from({ length: 4 * 8 }, (_, i) => (i === 9 ? NaN : 1)), [4, 8]);
    const out = fusedDense(tf, x, tf.ones([8, 8]) as tf.Tensor2D, tf.zeros([8]) as tf.Tensor1D, 'relu').dataSync();
    expect(Number.isNaN(out[8])).toBe(true); // row 1 met the NaN
    expect(out[0]).toBe(8);
  });

  it('leaves products it does not take (fewer than 4 rows or 8 columns, over 512 columns, a transposed right operand) to XNNPACK, still correct', () => {
    const cases = [
      [3, 20, 8, false, false],
      [4, 20, 7, false, false],
      [8, 20, 600, false, false],
      [16, 20, 16, false, true],
      [3, 20, 9, true, false],
    ] as const;
    for (const [rows, inner, cols, transposeA, transposeB] of cases) {
      if (!transposeB) expect(simdGemmTakes(backend(), rows, cols)).toBe(false);
      const a = tf.randomNormal(transposeA ? [inner, rows] : [rows, inner], 0, 1, 'float32', 8);
      const b = tf.randomNormal(transposeB ? [cols, inner] : [inner, cols], 0, 1, 'float32', 9);
      const got = tf.matMul(a, b, transposeA, transposeB).dataSync();
      const want = exact(a.dataSync() as Float32Array, b.dataSync() as Float32Array, rows, inner, cols, transposeA, transposeB);
      want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 3));
      tf.dispose([a, b]);
    }
  });
});
