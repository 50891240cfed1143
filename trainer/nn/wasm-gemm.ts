/**
 * Rank-2 matrix products on the wasm heap through gemm-simd.wat, in place of XNNPACK's for the
 * sizes a training step runs.
 *
 * Why: XNNPACK repacks the right operand of every product into its own layout (~9 ns a value)
 * and caches the packing by tensor, but in training every operand is a new tensor each step;
 * and it runs a transposed left operand down a naive loop, so a weight gradient xᵀ·dy needed
 * an explicit transpose first. For the tokenizer's products (64-256 columns) the packing costs
 * as much as the arithmetic: they ran at 14-23 GFLOP/s against XNNPACK's 30 on a 1024³
 * product. gemm-simd.wat reads both operands where they lie (a transposed left operand
 * through its strides) and runs the same shapes at 33-41 GFLOP/s.
 *
 * Wide products (more than MAX_COLUMNS columns) stay with XNNPACK, whose packing pays off there
 * (1024³: 27 against 24 GFLOP/s here), so the matMul peak the benchmarks divide by is still
 * XNNPACK's.
 */
import type { TensorInfo } from './tf.js';
import { GEMM_SIMD_WASM_BASE64 } from './gemm-simd-binary.js';
import { kernelPaths } from './kernel-paths.js';
import type { WasmBackend } from './wasm-kernel-override.js';
import { simdModuleOn } from './wasm-simd-module.js';

interface GemmExports {
  gemm(a: number, sk: number, sm: number, b: number, c: number, bias: number, m: number, n: number, k: number, flags: number): void;
}

/** Flags of gemm-simd.wat's gemm. */
const ADD_TO_C = 1;
const ADD_BIAS = 2;
const RELU = 4;

/**
 * Rows of B per kernel call: 128 rows of up to 256 columns (128 KB) stay in a 512 KB L2 cache
 * while every row tile of A passes over them. One call over all of a 3,840-row B ran at 22
 * GFLOP/s, in chunks of 128 at 38.
 */
export const K_CHUNK = 128;

/** Beyond this many output columns XNNPACK's packed product is the faster one. */
const MAX_COLUMNS = 512;

/** The kernel's tile is 4 rows × 8 columns: smaller products stay with XNNPACK. */
const MIN_ROWS = 4;
const MIN_COLUMNS = 8;

export interface GemmRequest {
  /** [rows, inner], or [inner, rows] with transposeA. */
  a: TensorInfo;
  /** [inner, columns]. */
  b: TensorInfo;
  transposeA: boolean;
  bias?: TensorInfo;
  relu: boolean;
}

function gemmFor(backend: WasmBackend): GemmExports | null {
  return simdModuleOn<GemmExports>(GEMM_SIMD_WASM_BASE64, backend.wasm.asm?.memory);
}

/**
 * True when a rank-2 float32 product of `rows` × `columns` runs here on this backend: our wasm
 * kernels run on it (kernel-paths.ts), wasm SIMD runs, and the product's size suits the kernel. Such a
 * product takes a transposed left operand at no cost (matmul-gradient.ts relies on it).
 */
export function simdGemmTakes(backend: WasmBackend, rows: number, columns: number): boolean {
  return kernelPaths().custom && sizeFits(rows, columns) && gemmFor(backend) !== null;
}

const sizeFits = (rows: number, columns: number): boolean => rows >= MIN_ROWS && columns >= MIN_COLUMNS && columns <= MAX_COLUMNS;

const offsetOf = (backend: WasmBackend, t: TensorInfo): number => backend.dataIdMap.get(t.dataId).memoryOffset;

/**
 * op(a)·b (+ bias) (ReLU) as a new [rows, columns] float32 tensor, or null where the SIMD
 * product does not take it (no SIMD module, a size it does not suit, an empty shared axis):
 * the caller then runs the stock kernel.
 */
export function simdGemm(backend: WasmBackend, { a, b, transposeA, bias, relu }: GemmRequest): TensorInfo | null {
  const [inner, columns] = b.shape as [number, number];
  const rows = (transposeA ? a.shape[1] : a.shape[0]) as number;
  const gemm = gemmFor(backend);
  if (!gemm || [a, b, bias].some((t) => t && t.dtype !== 'float32') || inner === 0 || !sizeFits(rows, columns)) return null;
  const out = backend.makeOutput([rows, columns], 'float32');
  // A missing bias is read at address 0 and masked off (gemm-simd.wat).
  const [pa, pb, pc] = [offsetOf(backend, a), offsetOf(backend, b), offsetOf(backend, out)];
  const pbias = bias ? offsetOf(backend, bias) : 0;
  // A[m, k] lies at pa + m·sm + k·sk.
  const [sk, sm] = transposeA ? [4 * rows, 4] : [4, 4 * inner];
  for (let k0 = 0; k0 < inner; k0 += K_CHUNK) {
    const chunk = Math.min(K_CHUNK, inner - k0);
    const last = k0 + chunk === inner;
    const flags = (k0 > 0 ? ADD_TO_C : 0) | (last && bias ? ADD_BIAS : 0) | (last && relu ? RELU : 0);
    gemm.gemm(pa + k0 * sk, sk, sm, pb + 4 * k0 * columns, pc, pbias, rows, columns, chunk, flags);
  }
  return out;
}
