/**
 * On wasm, rank-2 products (BatchMatMul, and the fused dense kernel _FusedMatMul with its bias
 * and ReLU) run through our SIMD product (wasm-gemm.ts) where it takes them, and stay with the
 * stock XNNPACK kernels otherwise (batched or wide products, a transposed right operand).
 *
 * Where the stock _FusedMatMul serves a plain-matrix product, it is handed a batch of one,
 * reshaped at the kernel level where a reshape is only a different shape on the same heap
 * buffer: the stock kernel reads its operands as [batch, rows, cols] only, and reshaping as
 * engine ops cost three to five extra ops a layer, in a tiny step of ~700 kernels.
 */
import * as tf from './tf.js';
import { simdGemm } from './wasm-gemm.js';
import { replaceWasmKernel } from './wasm-kernel-override.js';

/** `t` viewed as a batch of one (same buffer), when it is a matrix. */
const batchOfOne = (t: tf.TensorInfo): tf.TensorInfo => (t.shape.length === 2 ? { ...t, shape: [1, ...t.shape] } : t);

interface ProductAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

/** Installs both products (once; the wasm backend must be loaded). */
export function installMatrixProducts(): void {
  replaceWasmKernel(tf.BatchMatMul, (args, stock) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as ProductAttrs;
    if (a.shape.length !== 2 || b.shape.length !== 2 || transposeB) return stock(args);
    return simdGemm(args.backend, { a, b, transposeA, relu: false }) ?? stock(args);
  });
  replaceWasmKernel(tf._FusedMatMul, (args, stock) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined> & { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB, activation } = args.attrs as unknown as ProductAttrs & { activation: string };
    if (a.shape.length !== 2 || b.shape.length !== 2) return stock(args);
    const simple = !transposeB && !preluActivationWeights && (activation === 'linear' || activation === 'relu') && (!bias || (bias.shape.length === 1 && bias.shape[0] === b.shape[1]));
    const out = simple ? simdGemm(args.backend, { a, b, transposeA, ...(bias ? { bias } : {}), relu: activation === 'relu' }) : null;
    if (out) return out;
    const batched = stock({ ...args, inputs: { ...args.inputs, a: batchOfOne(a), b: batchOfOne(b) } }) as tf.TensorInfo;
    return { ...batched, shape: batched.shape.slice(1) };
  });
}
