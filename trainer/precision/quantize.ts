/**
 * Emulated reduced precision at layer boundaries.
 *
 * TF.js computes in float32 only, so "bf16" and "fp16" training here means: values crossing a
 * layer boundary are snapped to the format's grid (round-formats.ts), the maths in between
 * stays float32, and master weights stay float32. This reproduces the numerics (lost
 * mantissa bits, fp16 overflow and underflow) but none of the speed or memory savings.
 *
 * The backward pass is straight-through (d round(x)/dx taken as 1, since rounding's true
 * derivative is zero almost everywhere), but the incoming gradient is itself rounded to the
 * same format, as it would be when stored in that format. That is what makes fp16 loss
 * scaling meaningful: a scaled gradient past 65504 becomes Inf and the step is skipped.
 */
import { kernelPaths } from '../nn/kernel-paths.js';
import * as tf from '../nn/tf.js';
import { roundToBf16, roundToFp16 } from './round-formats.js';
import { ROUND_BF16, ROUND_FP16 } from './round-kernel.js';

export type Precision = 'fp32' | 'bf16' | 'fp16';

export type Quantizer = (x: tf.Tensor) => tf.Tensor;

const identity: Quantizer = (x) => x;

/** A new tensor of t's shape holding t's values rounded with `round` (where our kernels do not run). */
function roundedCopy(t: tf.Tensor, round: (src: Float32Array) => Float32Array): tf.Tensor {
  // dataSync may hand back the backend's own storage (the cpu backend does), so round into a
  // fresh array rather than in place.
  const values = round(t.dataSync() as Float32Array);
  return tf.tensor(values, t.shape, 'float32');
}

/**
 * Returns the rounding op for one precision. fp32 returns the input tensor itself, so the
 * default mode adds no op, no copy and no device read.
 */
export function makeQuantizer(precision: Precision): Quantizer {
  if (precision === 'fp32') return identity;
  const round = precision === 'bf16' ? roundToBf16 : roundToFp16;
  const kernel = precision === 'bf16' ? ROUND_BF16 : ROUND_FP16;

  // customGrad's typing passes inputs and the save callback in one rest list; we take one
  // tensor and save nothing (the backward pass needs only dy).
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: roundedCopy(args[0] as tf.Tensor, round),
    gradFunc: (dy: tf.Tensor) => roundedCopy(dy, round),
  }));

  return (x) => {
    // Integer and boolean tensors are indices and masks, not activations: leave them alone.
    if (x.dtype !== 'float32') return x;
    // Where our wasm kernels run, the kernel carries its own gradient (round-kernel.ts): one op, no customGrad.
    if (kernelPaths().custom) return tf.engine().runKernel(kernel, { x }) as tf.Tensor;
    return op(x);
  };
}
