/**
 * BF16/FP16 rounding as a wasm kernel that works on the wasm heap in place: it reads the input
 * where it lies and writes the rounded values straight into the output tensor's memory, with
 * the same bit-exact loops as round-formats.ts.
 *
 * Why not tensor ops: bit-exact round-to-nearest-even needs each value's exponent, and TF.js
 * has no bitcast, so on-device float arithmetic cannot pick the rounding quantum exactly
 * across subnormals, NaN payloads and overflow. Why not dataSync + tf.tensor: that copied every
 * activation out of the heap and back in (two extra copies and two allocations per layer
 * boundary, forward and backward): BF16 cost +28% and FP16 +47% of a generator step.
 */
import * as tf from '../nn/tf.js';
import { offsetOf, type WasmBackend } from '../nn/wasm-kernel-override.js';
import { roundToBf16, roundToFp16 } from './round-formats.js';

export const ROUND_BF16 = 'StagecraftRoundBf16';
export const ROUND_FP16 = 'StagecraftRoundFp16';

function heapKernel(kernelName: string, round: (src: Float32Array, dst: Float32Array) => Float32Array): tf.KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      const wasm = backend as unknown as WasmBackend;
      const out = wasm.makeOutput(x.shape, 'float32');
      // Views only after makeOutput: allocating may grow (and replace) the heap.
      const buffer = wasm.wasm.HEAPU8.buffer;
      const size = tf.util.sizeFromShape(x.shape);
      round(new Float32Array(buffer, offsetOf(wasm, x), size), new Float32Array(buffer, offsetOf(wasm, out), size));
      return out;
    },
  };
}

let registered = false;

/**
 * The gradient of a rounding kernel: straight-through, with the incoming gradient rounded to
 * the same format (see quantize.ts). Registered on the kernel, so a rounded value costs one
 * recorded op, where tf.customGrad wrapped each in several.
 */
function straightThroughRounded(kernelName: string): tf.GradConfig {
  return { kernelName, gradFunc: (dy) => ({ x: () => tf.engine().runKernel(kernelName, { x: dy as tf.Tensor }) as tf.Tensor }) };
}

/** True when the rounding kernels can run on the current backend (registers them once). */
export function roundKernelsAvailable(): boolean {
  if (tf.getBackend() !== 'wasm') return false;
  if (!registered) {
    registered = true;
    for (const [name, round] of [[ROUND_BF16, roundToBf16], [ROUND_FP16, roundToFp16]] as const) {
      tf.registerKernel(heapKernel(name, round));
      tf.registerGradient(straightThroughRounded(name));
    }
  }
  return true;
}
