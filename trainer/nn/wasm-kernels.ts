/**
 * Our wasm kernels, installed in place of the stock ones by kernels.ts (the kernel seam).
 * This file also holds the first of them: a tensor copy (Identity) that shares the buffer
 * instead of copying it.
 *
 * Why: TF.js clones every tensor a gradient will need (the engine's saveTensorsForBackwardMode),
 * and wasm's Identity kernel copies the data each time: ~160 full copies per tokenizer step,
 * a third of all its kernels. TF.js tensors are immutable and wasm's own Reshape already
 * shares buffers by reference count, so Identity can do the same: count one more reference
 * and hand back the same data. (The cpu backend's Identity does exactly this.) A Cast to the
 * dtype a tensor already has is the same copy: every Relu gradient makes one of its mask
 * (cast(step(x), 'float32')), so it shares the buffer too.
 */
import * as tf from './tf.js';
import { installHeapCopies } from './wasm-heap-copies.js';
import { replaceWasmKernel } from './wasm-kernel-override.js';
import { installMatrixProducts } from './wasm-matmul.js';
import { installIm2Col } from './wasm-im2col.js';
import { installLeadingAxesSum } from './wasm-leading-sum.js';
import { installTransposeWithoutAliasing } from './wasm-transpose.js';

/**
 * Installs our wasm kernels (kernels.ts calls this once per process, after its probe): the
 * sharing Identity and Cast, the copies that work on the heap in place (wasm-heap-copies.ts),
 * the transpose that avoids cache aliasing (wasm-transpose.ts), the leading-axes sum as SIMD
 * column sums (wasm-leading-sum.ts), our SIMD matrix products (wasm-matmul.ts), and one the
 * stock backend lacks: temporal im2col (wasm-im2col.ts).
 */
export function installWasmKernels(): void {
  const stock = tf.getKernel(tf.Identity, 'wasm');
  if (!stock) throw new Error('installWasmKernels: the wasm backend is not loaded');
  tf.unregisterKernel(tf.Identity, 'wasm');
  tf.registerKernel({
    kernelName: tf.Identity,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      // Strings live outside the wasm heap: leave those to the stock kernel.
      if (x.dtype === 'string') return stock.kernelFunc(args);
      (args.backend as tf.KernelBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
  replaceWasmKernel(tf.Cast, (args, stock) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (args.attrs.dtype !== x.dtype) return stock(args);
    (args.backend as unknown as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
  installHeapCopies();
  installTransposeWithoutAliasing();
  installLeadingAxesSum();
  installMatrixProducts();
  installIm2Col();
}
