/**
 * The kernel seam: the one place that installs Stagecraft's own kernels and gradients, for the
 * backend selectBackend settled on (engine/backend.ts calls installKernels once it is set).
 * Nothing installs kernels or gradients at import time. Layers ask kernel-paths.ts which
 * paths the current backend runs; they never test its name.
 *
 * What each backend gets:
 *  - wasm with our kernels (the default): the heap kernels of wasm-kernels.ts (sharing copies,
 *    heap copies, transpose, column sums, SIMD products, im2col) and the BF16/FP16 rounding
 *    kernels (precision/round-kernel.ts), with im2col's gradient. They reach into TF.js
 *    internals, so kernel-probe.ts checks those first.
 *  - wasm with stock kernels (STAGECRAFT_WASM_KERNELS=0, or the probe found something missing):
 *    TF.js's own kernels, and no fused dense layers (the stock _FusedMatMul wants batches).
 *  - wasm either way: matMul's gradient as untransposed products (matmul-gradient.ts), and
 *    attention as 2-D products (attention-core.ts). They read no internals, only choose which
 *    stock kernels run: without them backprop on wasm runs 10-15× slower, a cost a TF.js
 *    upgrade that moves an internal should not bring with it.
 *  - cpu and native: the gradient of the plain-matrix _FusedMatMul their kernels take
 *    (fused-dense.ts), which TF.js does not register. Nothing else: native BLAS reads
 *    transposed operands for free, and the cpu backend is the reference.
 */
import type { BackendName, KernelSet } from '../protocol.js';
import { installRoundKernels } from '../precision/round-kernel.js';
import { fusedDenseGradient } from './fused-dense.js';
import { im2colGradient } from './im2col.js';
import { recordKernelPaths, type KernelPaths } from './kernel-paths.js';
import { probeWasmInternals } from './kernel-probe.js';
import { untransposedMatMulGradient } from './matmul-gradient.js';
import * as tf from './tf.js';
import { installWasmKernels } from './wasm-kernels.js';

/** The env var that turns our wasm kernels off: STAGECRAFT_WASM_KERNELS=0. */
export const WASM_KERNELS_ENV = 'STAGECRAFT_WASM_KERNELS';

/** What the person asked for: our wasm kernels where they can run, or TF.js's stock ones. */
export type KernelRequest = 'custom' | 'stock';

export function parseKernelRequest(value: string | undefined): KernelRequest {
  if (value === undefined || value === '' || value === '1') return 'custom';
  if (value === '0') return 'stock';
  throw new Error(`${WASM_KERNELS_ENV}='${value}' is not 0 (TF.js's stock kernels) or 1 (Stagecraft's wasm kernels, the default).`);
}

/** TF.js names both native backends 'tensorflow'. */
const tfName = (backend: BackendName): string => (backend === 'tensorflow-gpu' ? 'tensorflow' : backend);

/** Kernels and gradients go into TF.js's global registries once per process. */
let wasmKernelsInstalled = false;
const gradientsRegistered = new Set<string>();

function registerGradientOnce(config: tf.GradConfig): void {
  if (gradientsRegistered.has(config.kernelName)) return;
  gradientsRegistered.add(config.kernelName);
  tf.registerGradient(config);
}

/**
 * Decides whether our wasm kernels run, installs what the backend gets (see above), records it
 * for the layers, and says which kernels run for the backend/selected event. `backend` must be
 * the active TF.js backend; `wasmBackend` is its instance, for the probe (tests hand in a
 * stripped one).
 */
export function installKernels(backend: BackendName, request: KernelRequest, wasmBackend: unknown = tf.backend()): KernelSet {
  const kernels = backend === 'wasm' ? wasmKernelSet(request, wasmBackend) : { kind: 'stock' as const, reason: `Stagecraft's own kernels are for the wasm backend, not ${backend}` };
  const custom = kernels.kind === 'custom';
  const paths: KernelPaths = backend === 'wasm' ? { custom, fusedDense: custom, untransposedProducts: true } : { custom: false, fusedDense: true, untransposedProducts: false };
  if (paths.untransposedProducts) registerGradientOnce(untransposedMatMulGradient(tf));
  if (paths.fusedDense) registerGradientOnce(fusedDenseGradient(tf));
  if (custom && !wasmKernelsInstalled) {
    wasmKernelsInstalled = true;
    installWasmKernels();
    installRoundKernels();
    registerGradientOnce(im2colGradient(tf));
  }
  recordKernelPaths(tfName(backend), paths);
  return kernels;
}

function wasmKernelSet(request: KernelRequest, wasmBackend: unknown): KernelSet {
  // Once installed they stay: TF.js's registry keeps no history to restore the stock ones from.
  if (wasmKernelsInstalled) return { kind: 'custom' };
  if (request === 'stock') return { kind: 'stock', reason: `${WASM_KERNELS_ENV}=0` };
  const missing = probeWasmInternals(wasmBackend, tf.getKernel);
  return missing ? { kind: 'stock', reason: `TF.js internals our kernels need have moved: ${missing}` } : { kind: 'custom' };
}
