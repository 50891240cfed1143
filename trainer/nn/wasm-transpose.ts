/**
 * On wasm, a 2-D transpose of a matrix whose row count is a multiple of 512 runs as a 3-D one.
 *
 * Why: the stock 2-D kernel reads the input in order and writes the output a column at a time,
 * one value every `rows` floats. When that stride is a multiple of 2 KB the writes all land in
 * the same few cache sets and evict each other: a [1024, 192] transpose (the tokenizer's 16 × 64
 * frames) took 1.2 ms against 0.15 ms for a [960, 256] one of more values. Viewing the input as
 * [2, rows/2, cols] and permuting [2, 0, 1] yields the same values in the same order, and the
 * stock 3-D kernel writes its output in order instead. Other shapes keep the stock 2-D kernel,
 * which is the faster of the two when the stride is harmless.
 */
import * as tf from './tf.js';
import { replaceWasmKernel } from './wasm-kernel-override.js';

/** Row counts at which the stock 2-D transpose's output stride aliases in the cache. */
export const ALIASING_ROWS = 512;

/** x's shape and perm without its size-1 axes (the stock kernel drops them too). */
function withoutUnitAxes(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  const kept = shape.map((size, axis) => (size === 1 ? -1 : axis)).filter((axis) => axis >= 0);
  const rank = new Map(kept.map((axis, i) => [axis, i]));
  return { shape: kept.map((axis) => shape[axis] as number), perm: perm.filter((axis) => rank.has(axis)).map((axis) => rank.get(axis) as number) };
}

/** Installs the aliasing-aware Transpose (once; the wasm backend must be loaded). */
export function installTransposeWithoutAliasing(): void {
  replaceWasmKernel(tf.Transpose, (args, stock) => {
    const x = args.inputs.x as tf.TensorInfo;
    const perm = args.attrs.perm as number[];
    const core = withoutUnitAxes(x.shape, perm);
    const [rows, cols] = core.shape as [number, number];
    if (core.shape.length !== 2 || core.perm[0] !== 1 || rows % ALIASING_ROWS !== 0) return stock(args);
    const out = stock({ ...args, inputs: { x: { ...x, shape: [2, rows / 2, cols] } }, attrs: { perm: [2, 0, 1] } }) as tf.TensorInfo;
    return { ...out, shape: perm.map((axis) => x.shape[axis] as number) };
  });
}
