/**
 * The gradient of tf.matMul, rewritten so that every product it runs is untransposed.
 *
 * Why: the wasm backend runs a 2-D matMul without transpose flags through XNNPACK at ~30-45
 * GFLOP/s, but any transpose flag sends it down a naive loop at ~2 GFLOP/s (a 1024³ product:
 * 72 ms untransposed, 970 ms with transposeB, 6.5 s with transposeA). TF.js's stock gradient of
 * y = a·b is dy·bᵀ and aᵀ·dy, both flagged, so backprop ran 10-15× slower than the forward pass.
 * Here the operand is transposed explicitly first (a memory-bound copy, ~1-2 ms for a million
 * values) and the product then takes the fast path. Each input's gradient stays lazy, so TF.js
 * still skips the one nobody needs (a first layer's input).
 *
 * Where our SIMD product runs the matrix products instead of XNNPACK (wasm-gemm.ts), a
 * transposed left operand is free, and only a transposed right one is copied.
 *
 * Batched (rank > 2) products take the slow loop whatever their flags, so they keep the stock
 * formulas. The native backends, whose BLAS reads transposed operands for free, never get this
 * gradient: kernels.ts registers it, in place of TF.js's own BatchMatMul gradient, when the wasm
 * backend is selected (with our kernels or the stock ones). Should a process switch backends
 * later (tests do), products on one without wasm's slow transposes keep the stock formulas.
 */
import { kernelPaths } from './kernel-paths.js';
import type * as TF from './tf.js';
import { simdGemmTakes } from './wasm-gemm.js';
import type { WasmBackend } from './wasm-kernel-override.js';

type Tf = typeof TF;

/** Relative cost per value of transposing an operand and of XNNPACK packing a right operand. */
const TRANSPOSE_COST = 1;
const PACK_COST = 9;

/** (x if !tx else xᵀ) · (y if !ty else yᵀ), always as an untransposed product on rank 2. */
export type Product = (x: TF.Tensor, y: TF.Tensor, tx: boolean, ty: boolean) => TF.Tensor;

/** The product gradients use: untransposed where only those are fast (wasm), in whichever form packs less. */
export function untransposedProduct(tf: Tf): Product {
  /** x or xᵀ (last two axes) as a plain tensor, for an untransposed product. */
  const plain = (x: TF.Tensor, transposed: boolean): TF.Tensor => (transposed ? tf.transpose(x) : x);
  return (x, y, tx, ty) => {
    const paths = kernelPaths();
    if (x.rank !== 2 || y.rank !== 2 || !paths.untransposedProducts) return tf.matMul(x, y, tx, ty);
    const rows = (tx ? x.shape[1] : x.shape[0]) as number;
    const cols = (ty ? y.shape[0] : y.shape[1]) as number;
    const simd = paths.custom ? simdProduct(tf, x, y, tx, ty, rows, cols) : null;
    if (simd) return simd;
    // The same product as (op(y)ᵀ·op(x)ᵀ)ᵀ transposes the other operands and the result, and
    // packs x instead of y. Packing dominates: XNNPACK repacks a product's right operand into
    // its own layout on every call (the operand is a new tensor each step), at ~9 ns a value
    // against ~1 ns to transpose one. So a weight gradient xᵀ·dy, x [rows, inputs] and dy
    // [rows, outputs], packs whichever of x and dy is smaller: for the generator's
    // [3840, 64]ᵀ·[3840, 246] that halves the product's time (13 → 7 ms).
    const direct = TRANSPOSE_COST * ((tx ? x.size : 0) + (ty ? y.size : 0)) + PACK_COST * y.size;
    const swapped = TRANSPOSE_COST * ((ty ? 0 : y.size) + (tx ? 0 : x.size) + rows * cols) + PACK_COST * x.size;
    if (swapped < direct) return tf.transpose(tf.matMul(plain(y, !ty), plain(x, !tx)));
    return tf.matMul(plain(x, tx), plain(y, ty));
  };
}

/**
 * op(x)·op(y) [rows, cols] through our SIMD product (wasm-gemm.ts), which reads a transposed
 * left operand where it lies: only a transposed right operand costs a copy. Either y is
 * transposed, or the product is taken as (y·op(x)ᵀ)ᵀ, whichever copies fewer values. Null where
 * the SIMD product does not take the shapes.
 */
function simdProduct(tf: Tf, x: TF.Tensor, y: TF.Tensor, tx: boolean, ty: boolean, rows: number, cols: number): TF.Tensor | null {
  const backend = tf.backend() as unknown as WasmBackend;
  if (!ty) return simdGemmTakes(backend, rows, cols) ? tf.matMul(x, y, tx, false) : null;
  const swappedCopies = (tx ? 0 : x.size) + rows * cols;
  if (swappedCopies < y.size && simdGemmTakes(backend, cols, rows)) return tf.transpose(tf.matMul(y, tx ? x : tf.transpose(x)));
  return simdGemmTakes(backend, rows, cols) ? tf.matMul(x, tf.transpose(y), tx, false) : null;
}

export function untransposedMatMulGradient(tf: Tf): TF.GradConfig {
  const product = untransposedProduct(tf);
  return {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [TF.Tensor, TF.Tensor];
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      const d = dy as TF.Tensor;
      // The same four cases as TF.js's BatchMatMul_grad, each product through `product`.
      if (!transposeA && !transposeB) return { a: () => product(d, b, false, true), b: () => product(a, d, true, false) };
      if (!transposeA && transposeB) return { a: () => product(d, b, false, false), b: () => product(d, a, true, false) };
      if (transposeA && !transposeB) return { a: () => product(b, d, false, true), b: () => product(a, d, false, false) };
      return { a: () => product(b, d, true, true), b: () => product(d, a, true, true) };
    },
  };
}
