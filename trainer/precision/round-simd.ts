/**
 * The SIMD rounding loops of round-simd.wat, instantiated on the wasm backend's own memory so
 * they round tensors where they lie. 7× (BF16) and 2.7× (FP16) faster per value than the JS
 * loops of round-formats.ts, which they match bit for bit (round-simd.test.ts).
 */
import { simdModuleOn } from '../nn/wasm-simd-module.js';
import { ROUND_SIMD_WASM_BASE64 } from './round-simd-binary.js';

export interface SimdRounding {
  /**
   * Round `count` float32 values at byte offset `src` of the memory into `dst` (which may be
   * `src`), all but the last few: returns how many were rounded, a multiple of 16.
   */
  roundBf16(src: number, dst: number, count: number): number;
  roundFp16(src: number, dst: number, count: number): number;
}

/**
 * The loops bound to `memory` (a WebAssembly.Memory), or null where they cannot run (no wasm
 * SIMD, or a shared memory, as the backend's threaded build uses): callers then round in JS.
 */
export function simdRoundingFor(memory: object | undefined): SimdRounding | null {
  return simdModuleOn<SimdRounding>(ROUND_SIMD_WASM_BASE64, memory);
}
