/**
 * The wasm kernel behind im2col (im2col.ts): for each output frame, its taps are the input
 * frames stride·o − padBefore … + taps − 1, which lie next to each other on the heap, so the
 * frame's columns are one copy, plus zeros where the taps run off either end of the clip.
 * A [16, 64, 64] clip with 3 taps is 1,024 copies of 768 bytes, where pad + slices + concat
 * made ~3,100 copies of 256 bytes and three intermediate tensors.
 */
import type { Im2ColAttrs } from './im2col.js';
import { IM2COL } from './im2col.js';
import * as tf from './tf.js';
import { BYTES_PER_ELEMENT, offsetOf, type WasmKernelArgs } from './wasm-kernel-override.js';

function im2colOnHeap({ inputs, backend, attrs }: WasmKernelArgs): tf.TensorInfo {
  const x = inputs.x as tf.TensorInfo;
  const { taps, stride, padBefore, outFrames } = attrs as unknown as Im2ColAttrs;
  const [batch, frames, channels] = x.shape as [number, number, number];
  const out = backend.makeOutput([batch, outFrames, taps * channels], 'float32');
  // The heap only after makeOutput: allocating may grow (and replace) it.
  const heap = backend.wasm.HEAPU8;
  const frameBytes = channels * (BYTES_PER_ELEMENT.float32 as number);
  const source = offsetOf(backend, x);
  let target = offsetOf(backend, out);
  for (let b = 0; b < batch; b++) {
    const clip = source + b * frames * frameBytes;
    for (let o = 0; o < outFrames; o++, target += taps * frameBytes) {
      const start = stride * o - padBefore;
      const first = Math.max(0, start);
      const end = Math.min(frames, start + taps);
      const lead = (first - start) * frameBytes;
      if (lead > 0) heap.fill(0, target, target + lead);
      if (end > first) heap.copyWithin(target + lead, clip + first * frameBytes, clip + end * frameBytes);
      const copied = lead + Math.max(0, end - first) * frameBytes;
      if (copied < taps * frameBytes) heap.fill(0, target + copied, target + taps * frameBytes);
    }
  }
  return out;
}

/** Registers the im2col kernel for wasm (once; the wasm backend must be loaded). */
export function installIm2Col(): void {
  tf.registerKernel({ kernelName: IM2COL, backendName: 'wasm', kernelFunc: (args) => im2colOnHeap(args as unknown as WasmKernelArgs) });
}
