/**
 * On wasm, the fused dense kernel (_FusedMatMul) takes plain matrices: a rank-2 product runs as
 * a batch of one, reshaped at the kernel level where a reshape is only a different shape on the
 * same heap buffer.
 *
 * Why: the stock kernel reads its operands as [batch, rows, cols] only, so fused-dense.ts had to
 * reshape both operands in and the output out, and its gradient the same again: three to five
 * extra engine ops a layer, each a few µs of bookkeeping in a tiny step of ~700 kernels.
 */
import * as tf from './tf.js';
import { replaceWasmKernel } from './wasm-kernel-override.js';

/** `t` viewed as a batch of one (same buffer), when it is a matrix. */
const batchOfOne = (t: tf.TensorInfo): tf.TensorInfo => (t.shape.length === 2 ? { ...t, shape: [1, ...t.shape] } : t);

/** Installs the rank-2-aware _FusedMatMul (once; the wasm backend must be loaded). */
export function installMatrixFusedMatMul(): void {
  replaceWasmKernel(tf._FusedMatMul, (args, stock) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (a.shape.length !== 2 || b.shape.length !== 2) return stock(args);
    const out = stock({ ...args, inputs: { ...args.inputs, a: batchOfOne(a), b: batchOfOne(b) } }) as tf.TensorInfo;
    return { ...out, shape: out.shape.slice(1) };
  });
}
