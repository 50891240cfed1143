/**
 * Our wasm Transpose (a 3-D route for row counts that alias in the cache) and leading-axes Sum
 * (SIMD column sums for float32, the 3-D route otherwise) give exactly what the stock wasm
 * kernels give, for the shapes the models use and the edge cases around them: size-1 axes,
 * keepDims, column counts that are not a multiple of 4 or 16, int32, trailing and whole sums.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { COLUMN_SUMS_WASM_BASE64 } from './column-sums-binary.js';
import * as tf from './tf.js';
import type { WasmBackend } from './wasm-kernel-override.js';
import { simdModuleOn } from './wasm-simd-module.js';

let stockTranspose: tf.KernelFunc;
let stockSum: tf.KernelFunc;

beforeAll(async () => {
  // The stock kernels, taken before selectBackend installs ours in their place.
  await import('@tensorflow/tfjs-backend-wasm');
  stockTranspose = (tf.getKernel(tf.Transpose, 'wasm') as tf.KernelConfig).kernelFunc;
  stockSum = (tf.getKernel(tf.Sum, 'wasm') as tf.KernelConfig).kernelFunc;
  await selectBackend('wasm');
});

it('replaces both stock kernels on wasm', () => {
  expect((tf.getKernel(tf.Transpose, 'wasm') as tf.KernelConfig).kernelFunc).not.toBe(stockTranspose);
  expect((tf.getKernel(tf.Sum, 'wasm') as tf.KernelConfig).kernelFunc).not.toBe(stockSum);
});

/** The stock kernel's answer for `x` and `attrs`, as shape and values. */
function stock(kernel: () => tf.KernelFunc, x: tf.Tensor, attrs: tf.NamedAttrMap): { shape: number[]; values: number[] } {
  const backend = tf.backend();
  const out = kernel()({ inputs: { x }, backend, attrs }) as tf.TensorInfo;
  const values = Array.from(backend.readSync(out.dataId) as Float32Array);
  backend.disposeData(out.dataId);
  return { shape: out.shape, values };
}

const noise = (shape: number[], dtype: 'float32' | 'int32' = 'float32') => (dtype === 'int32' ? tf.randomUniform(shape, -1000, 1000, 'int32', 3) : tf.randomNormal(shape, 0, 1, 'float32', 3));

describe('wasm Transpose without cache aliasing', () => {
  it.each([
    ['[1024, 192] (the 3-D route)', [1024, 192], [1, 0], 'float32'],
    ['[512, 7] (the 3-D route)', [512, 7], [1, 0], 'float32'],
    ['[1, 1024, 42] with a size-1 axis', [1, 1024, 42], [0, 2, 1], 'float32'],
    ['[1024, 1, 3] moving the size-1 axis', [1024, 1, 3], [2, 1, 0], 'float32'],
    ['[960, 256] (stock route)', [960, 256], [1, 0], 'float32'],
    ['[4, 512, 6] batched (stock route)', [4, 512, 6], [0, 2, 1], 'float32'],
    ['[1024, 5] int32', [1024, 5], [1, 0], 'int32'],
  ] as const)('%s matches the stock kernel', (_, shape, perm, dtype) => {
    const x = noise([...shape], dtype);
    const expected = stock(() => stockTranspose, x, { perm: [...perm] });
    const actual = tf.transpose(x, [...perm]);
    expect(actual.shape).toEqual(expected.shape);
    expect(Array.from(actual.dataSync())).toEqual(expected.values);
    tf.dispose([x, actual]);
  });

  it('keeps the gradient of a transpose right', () => {
    const x = noise([1024, 3]);
    const weights = noise([3, 1024]);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.transpose(t), weights)))(x);
    expect(Array.from(dx.dataSync())).toEqual(Array.from(tf.transpose(weights).dataSync()));
  });
});

describe('wasm Sum over leading axes', () => {
  it.each([
    ['a bias gradient [1024, 64] over rows', [1024, 64], [0], false],
    ['[16, 64, 42] over batch and time (the last four columns overlap)', [16, 64, 42], [0, 1], false],
    ['[16, 64, 42] over batch and time, keepDims', [16, 64, 42], [0, 1], true],
    ['[512, 3] over axis -2 (too few columns for SIMD: the 3-D route)', [512, 3], [-2], false],
    ['a bias gradient [960, 256] over rows', [960, 256], [0], false],
    ['[33, 4] over rows (one SIMD vector)', [33, 4], [0], false],
    ['[16, 60, 64] over batch and time', [16, 60, 64], [0, 1], false],
    ['[16, 60, 64] over batch and time, keepDims', [16, 60, 64], [0, 1], true],
    ['[16, 60, 64] over axes given as [1, 0] (stock route)', [16, 60, 64], [1, 0], false],
    ['[7, 3] over axis -2', [7, 3], [-2], false],
    ['[5, 4, 3] over the middle axis (stock route)', [5, 4, 3], [1], false],
    ['[5, 4] over the last axis (stock route)', [5, 4], [1], false],
    ['[5, 4] whole (stock route)', [5, 4], [0, 1], false],
  ] as const)('%s matches the stock kernel bit for bit', (_, shape, axis, keepDims) => {
    const x = noise([...shape]);
    const expected = stock(() => stockSum, x, { axis: [...axis], keepDims });
    const actual = tf.sum(x, [...axis], keepDims);
    expect(actual.shape).toEqual(expected.shape);
    expect(Array.from(actual.dataSync())).toEqual(expected.values);
    tf.dispose([x, actual]);
  });

  it('runs the float32 column sums as wasm SIMD on the backend\'s own memory', () => {
    const memory = (tf.backend() as unknown as WasmBackend).wasm.asm?.memory;
    expect(simdModuleOn(COLUMN_SUMS_WASM_BASE64, memory)).not.toBeNull();
  });

  it('sums int32 the same way (the 3-D route)', () => {
    const x = noise([1024, 5], 'int32');
    const expected = stock(() => stockSum, x, { axis: [0], keepDims: false });
    const s = tf.sum(x, 0);
    expect(s.dtype).toBe('int32');
    expect(Array.from(s.dataSync())).toEqual(expected.values);
  });
});
