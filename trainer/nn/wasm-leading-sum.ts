/**
 * On wasm, a sum over a tensor's leading axes whose row count is a multiple of 512 (a bias
 * gradient over the tokenizer's 16 × 64 frames) is handed to the stock kernel as a sum over the
 * first two axes of a [2, rows/2, cols] view.
 *
 * Why: the stock Sum reduces only innermost axes, so it first transposes the input to bring the
 * summed axes last, and it calls its transpose directly, not through the kernel registry, so the
 * aliasing fix in wasm-transpose.ts does not reach it. For [1024, 64] that transpose aliases in
 * the cache (0.34 ms against 0.09 ms for [960, 64]). In the 3-D view the stock kernel permutes
 * [2, 0, 1], which writes in order, and the transposed values and the order they are added in
 * are the same as before, so the result is the same, bit for bit. (A plain JS loop over the
 * heap was tried and is slower than the stock kernel for every other shape.)
 */
import * as tf from './tf.js';
import { replaceWasmKernel } from './wasm-kernel-override.js';
import { ALIASING_ROWS } from './wasm-transpose.js';

/** Installs the aliasing-aware leading-axes Sum (once; the wasm backend must be loaded). */
export function installLeadingAxesSum(): void {
  replaceWasmKernel(tf.Sum, (args, stock) => {
    const x = args.inputs.x as tf.TensorInfo;
    const axes = tf.util.parseAxisParam(args.attrs.axis as number | number[], x.shape);
    // Axes given in order only: the stock kernel sums [1, 0] in transposed order, and the
    // result must not depend on which route ran.
    const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((axis, i) => axis === i);
    const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
    if (!leading || rows % ALIASING_ROWS !== 0) return stock(args);
    const cols = tf.util.sizeFromShape(x.shape.slice(axes.length));
    const view = { ...x, shape: [2, rows / 2, cols] };
    const out = stock({ ...args, inputs: { x: view }, attrs: { axis: [0, 1], keepDims: false } }) as tf.TensorInfo;
    const keepDims = args.attrs.keepDims as boolean;
    return { ...out, shape: keepDims ? x.shape.map((size, axis) => (axis < axes.length ? 1 : size)) : x.shape.slice(axes.length) };
  });
}
