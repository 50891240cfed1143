/**
 * The SIMD rounding loops of round-simd.wat, instantiated on the wasm backend's own memory so
 * they round tensors where they lie. 7× (BF16) and 2.7× (FP16) faster per value than the JS
 * loops of round-formats.ts, which they match bit for bit (round-simd.test.ts).
 */
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
 * The slice of the WebAssembly API used here. TypeScript declares the API in its DOM lib, which
 * the trainer (a Node process) does not load; memories are passed through as opaque handles.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: { env: { memory: object } }) => { exports: unknown };
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let compiled: object | null | undefined;
const instances = new WeakMap<object, SimdRounding | null>();

function compile(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new wasmApi.Module(Buffer.from(ROUND_SIMD_WASM_BASE64, 'base64'));
    } catch {
      compiled = null; // a runtime without wasm SIMD: the JS loops serve
    }
  }
  return compiled;
}

/**
 * The loops bound to `memory` (a WebAssembly.Memory), or null where they cannot run (no wasm
 * SIMD, or a shared memory, as the backend's threaded build uses): callers then round in JS.
 */
export function simdRoundingFor(memory: object | undefined): SimdRounding | null {
  if (!memory) return null;
  let rounding = instances.get(memory);
  if (rounding === undefined) {
    const module = compile();
    try {
      rounding = module ? (new wasmApi.Instance(module, { env: { memory } }).exports as SimdRounding) : null;
    } catch {
      rounding = null;
    }
    instances.set(memory, rounding);
  }
  return rounding;
}
