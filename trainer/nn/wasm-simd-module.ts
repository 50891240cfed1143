/**
 * Our hand-written wasm SIMD modules (the .wat files beside their users), each instantiated on
 * the wasm backend's own WebAssembly.Memory, so they work on tensors where they lie on its heap.
 */

/**
 * The slice of the WebAssembly API used here. TypeScript declares the API in its DOM lib, which
 * the trainer (a Node process) does not load; memories are passed through as opaque handles.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: { env: { memory: object } }) => { exports: unknown };
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

const compiled = new Map<string, object | null>();
const instances = new WeakMap<object, Map<string, unknown>>();

function compile(base64: string): object | null {
  let module = compiled.get(base64);
  if (module === undefined) {
    try {
      module = new wasmApi.Module(Buffer.from(base64, 'base64'));
    } catch {
      module = null; // a runtime without wasm SIMD: callers fall back
    }
    compiled.set(base64, module);
  }
  return module;
}

/**
 * The exports of the module (wasm bytes as base64) bound to `memory`, one instance per memory,
 * or null where it cannot run: no wasm SIMD, or a shared memory, as the backend's threaded
 * build uses. Callers then take their slower route.
 */
export function simdModuleOn<Exports>(base64: string, memory: object | undefined): Exports | null {
  if (!memory) return null;
  let byModule = instances.get(memory);
  if (!byModule) instances.set(memory, (byModule = new Map()));
  if (!byModule.has(base64)) {
    const module = compile(base64);
    let exports: unknown = null;
    try {
      exports = module ? new wasmApi.Instance(module, { env: { memory } }).exports : null;
    } catch {
      exports = null;
    }
    byModule.set(base64, exports);
  }
  return byModule.get(base64) as Exports | null;
}
