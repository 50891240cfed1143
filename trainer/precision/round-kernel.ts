/**
 * BF16/FP16 rounding as a wasm kernel that works on the wasm heap in place: it reads the input
 * where it lies and writes the rounded values straight into the output tensor's memory, with
 * the SIMD loops of round-simd.wat (the JS loops of round-formats.ts for the last few values,
 * and for all of them where wasm SIMD cannot run).
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
import { simdRoundingFor, type SimdRounding } from './round-simd.js';

export const ROUND_BF16 = 'StagecraftRoundBf16';
export const ROUND_FP16 = 'StagecraftRoundFp16';

interface Format {
  kernelName: string;
  simd: keyof SimdRounding;
  js: (src: Float32Array, dst: Float32Array) => Float32Array;
}

const FORMATS: Format[] = [
  { kernelName: ROUND_BF16, simd: 'roundBf16', js: roundToBf16 },
  { kernelName: ROUND_FP16, simd: 'roundFp16', js: roundToFp16 },
];

function heapKernel({ kernelName, simd, js }: Format): tf.KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      const wasm = backend as unknown as WasmBackend;
      const out = wasm.makeOutput(x.shape, 'float32');
      const size = tf.util.sizeFromShape(x.shape);
      const src = offsetOf(wasm, x);
      const dst = offsetOf(wasm, out);
      const done = simdRoundingFor(wasm.wasm.asm?.memory)?.[simd](src, dst, size) ?? 0;
      if (done < size) {
        // Views only after makeOutput: allocating may grow (and replace) the heap.
        const buffer = wasm.wasm.HEAPU8.buffer;
        const rest = size - done;
        js(new Float32Array(buffer, src + 4 * done, rest), new Float32Array(buffer, dst + 4 * done, rest));
      }
      return out;
    },
  };
}

/**
 * The gradient of a rounding kernel: straight-through, with the incoming gradient rounded to
 * the same format (see quantize.ts). Registered on the kernel, so a rounded value costs one
 * recorded op, where tf.customGrad wrapped each in several.
 */
function straightThroughRounded(kernelName: string): tf.GradConfig {
  return { kernelName, gradFunc: (dy) => ({ x: () => tf.engine().runKernel(kernelName, { x: dy as tf.Tensor }) as tf.Tensor }) };
}

/** Registers both rounding kernels and their gradients for wasm (once, by kernels.ts). */
export function installRoundKernels(): void {
  for (const format of FORMATS) {
    tf.registerKernel(heapKernel(format));
    tf.registerGradient(straightThroughRounded(format.kernelName));
  }
}
