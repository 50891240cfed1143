/**
 * Replacing one of the wasm backend's kernels with our own, keeping the stock one at hand for
 * the cases ours does not cover. Shared by the heap-level kernels in wasm-*.ts.
 */
import * as tf from './tf.js';

/** The parts of the wasm backend our kernels use (its own JS kernels use the same ones). */
export interface WasmBackend {
  /** The emscripten module; `asm.memory` is its WebAssembly.Memory (single-threaded build). */
  wasm: { HEAPU8: Uint8Array; asm?: { memory?: object } };
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

export interface WasmKernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: WasmBackend;
  attrs: tf.NamedAttrMap;
}

export type StockKernel = (args: WasmKernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/** Byte size of one element for the dtypes that live on the wasm heap (strings do not). */
export const BYTES_PER_ELEMENT: Partial<Record<tf.DataType, number>> = { float32: 4, int32: 4, bool: 1 };

/** Where a tensor's data starts on the wasm heap, in bytes. */
export function offsetOf(backend: WasmBackend, t: tf.TensorInfo): number {
  return backend.dataIdMap.get(t.dataId).memoryOffset;
}

const replaced = new Set<string>();

/** The stock kernels replaced so far (kernel-probe.ts must check each is there before we do). */
export function replacedKernels(): ReadonlySet<string> {
  return replaced;
}

/**
 * Registers `kernelFunc` as the wasm kernel `kernelName`. It is handed the stock kernel, to
 * call for inputs it leaves alone; inputs of dtypes off the heap (strings) always go to stock.
 */
export function replaceWasmKernel(kernelName: string, kernelFunc: (args: WasmKernelArgs, stock: StockKernel) => tf.TensorInfo | tf.TensorInfo[]): void {
  const original = tf.getKernel(kernelName, 'wasm');
  if (!original) throw new Error(`replaceWasmKernel: the wasm backend has no ${kernelName} kernel to replace`);
  const stock = original.kernelFunc as unknown as StockKernel;
  replaced.add(kernelName);
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
    kernelFunc: (args) => {
      const wasmArgs = args as unknown as WasmKernelArgs;
      const inputs = Object.values(args.inputs) as tf.TensorInfo[];
      if (inputs.some((t) => BYTES_PER_ELEMENT[t.dtype] === undefined)) return stock(wasmArgs);
      return kernelFunc(wasmArgs, stock);
    },
  });
}
