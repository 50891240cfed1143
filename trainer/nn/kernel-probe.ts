/**
 * The start-up check that the TF.js internals our wasm kernels reach into are still where they
 * were written against (tfjs-backend-wasm 4.x): the emscripten module's heap and memory, the
 * backend's dataIdMap and output allocation, and the stock kernels ours replace or fall back on.
 *
 * Why: those are not public API, and an upgrade may move them. A kernel that reads the wrong
 * offset returns garbage, not an error; so before installing anything, kernels.ts asks this
 * probe, and on any answer but null runs TF.js's stock kernels and reports why.
 */
import type * as TF from './tf.js';

/**
 * The stock wasm kernels ours replace (and call for the cases they leave to them). A test checks
 * that every kernel wasm-kernel-override.ts replaces is listed here.
 */
export const REPLACED_KERNELS: readonly string[] = ['Identity', 'Cast', 'Slice', 'SplitV', 'Concat', 'GatherV2', 'Transpose', 'Sum', 'BatchMatMul', '_FusedMatMul'];

type GetKernel = (kernelName: string, backendName: string) => TF.KernelConfig | undefined;

/** What the probe has checked is there, to run the round trip through. */
interface ProbedBackend {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: TF.DataId): { memoryOffset?: unknown } | undefined };
  makeOutput(shape: number[], dtype: 'float32', memoryOffset: undefined, values: Float32Array): TF.TensorInfo;
  incRef(dataId: TF.DataId): void;
  refCount(dataId: TF.DataId): number;
  disposeData(dataId: TF.DataId, force: boolean): void;
}

/** x[key], for an x whose shape is not trusted. */
const field = (x: unknown, key: string): unknown => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[key] : undefined);

/**
 * Null when `backend` (the live wasm backend, or a stand-in in tests) offers everything our
 * kernels use; otherwise the first thing missing, as a sentence.
 */
export function probeWasmInternals(backend: unknown, getKernel: GetKernel): string | null {
  const module = field(backend, 'wasm');
  const heap = field(module, 'HEAPU8');
  if (!(heap instanceof Uint8Array)) return 'the wasm module has no HEAPU8 heap view';
  const memoryBuffer = field(field(field(module, 'asm'), 'memory'), 'buffer');
  if (typeof memoryBuffer !== 'object') return 'the wasm module exports no asm.memory';
  if (heap.buffer !== memoryBuffer) return "the wasm module's HEAPU8 is not a view of asm.memory";
  if (typeof field(field(backend, 'dataIdMap'), 'get') !== 'function') return 'the wasm backend has no dataIdMap';
  for (const method of ['makeOutput', 'incRef', 'refCount', 'disposeData']) {
    if (typeof field(backend, method) !== 'function') return `the wasm backend has no ${method}()`;
  }
  for (const name of REPLACED_KERNELS) {
    if (!getKernel(name, 'wasm')) return `the wasm backend has no ${name} kernel`;
  }
  return roundTrip(backend as ProbedBackend);
}

/**
 * Writes four values through makeOutput and reads them back where dataIdMap says they lie, and
 * checks that incRef counts a second owner: the three things every heap kernel relies on.
 */
function roundTrip(backend: ProbedBackend): string | null {
  const values = new Float32Array([1.5, -2, 3, 0.25]);
  let info: TF.TensorInfo;
  try {
    info = backend.makeOutput([4], 'float32', undefined, values);
  } catch (error) {
    return `the wasm backend's makeOutput failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    const offset = backend.dataIdMap.get(info.dataId)?.memoryOffset;
    if (typeof offset !== 'number') return 'dataIdMap entries have no memoryOffset';
    const onHeap = new Float32Array(backend.wasm.HEAPU8.buffer, offset, values.length);
    if (!values.every((v, i) => onHeap[i] === v)) return "a tensor's values are not at its memoryOffset on the heap";
    backend.incRef(info.dataId);
    if (backend.refCount(info.dataId) !== 2) return 'incRef does not count a second owner';
    return null;
  } finally {
    backend.disposeData(info.dataId, true); // force: frees it whatever the count reached
  }
}
