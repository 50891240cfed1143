/**
 * Which of Stagecraft's own compute paths the current backend runs: what a layer asks before
 * taking a path that exists only where our kernels or rewrites are installed, so that layers
 * never test the backend's name themselves.
 *
 * kernels.ts, the one place that installs kernels and gradients, records here what it
 * installed for each backend; nothing else writes it. Answers follow tf.getBackend(), because
 * tests switch backends in one process; a backend nobody installed for gets the stock paths.
 */
import * as tf from './tf.js';

export interface KernelPaths {
  /** Our wasm heap kernels run (wasm-*.ts, im2col's kernel, the rounding kernels). */
  custom: boolean;
  /**
   * _FusedMatMul takes plain matrices with its gradient registered (fused-dense.ts): our wasm
   * kernel does, and so do the cpu and native kernels; the stock wasm kernel wants [batch,
   * rows, cols], so there a dense layer runs as matMul + add + relu.
   */
  fusedDense: boolean;
  /**
   * Only untransposed rank-2 products are fast here (wasm: XNNPACK or our SIMD product), so
   * gradients (matmul-gradient.ts) and attention (attention-core.ts) rearrange their products
   * into that form. Native BLAS reads transposed operands for free.
   */
  untransposedProducts: boolean;
}

/** Nothing of ours: TF.js as it ships. */
export const STOCK_PATHS: KernelPaths = Object.freeze({ custom: false, fusedDense: false, untransposedProducts: false });

const byBackend = new Map<string, KernelPaths>();

/** Called by kernels.ts only, once it has installed `paths` for the TF.js backend `name`. */
export function recordKernelPaths(name: string, paths: KernelPaths): void {
  byBackend.set(name, Object.freeze({ ...paths }));
}

/** The paths the current TF.js backend runs. */
export function kernelPaths(): KernelPaths {
  return byBackend.get(tf.getBackend()) ?? STOCK_PATHS;
}
