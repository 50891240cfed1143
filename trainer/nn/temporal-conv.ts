/**
 * Temporal (1-D) convolutions written as im2col + one matMul each. Why not tf.conv1d: the wasm
 * backend has no Conv2DBackpropFilter kernel, and a few large matMuls are also what keeps a
 * single wasm thread busy. Inputs are [batch, frames, channels].
 */
import { fusedDense, type DenseActivation } from './fused-dense.js';
import { im2col } from './im2col.js';
import type { ParamStore } from './params.js';
import * as tf from './tf.js';

export interface Dense {
  w: tf.Tensor;
  b: tf.Tensor;
}

/** Rounds to the emulated precision at a layer boundary (identity in fp32). */
export type Quantize = (x: tf.Tensor) => tf.Tensor;
const exact: Quantize = (x) => x;

/** Weights for a layer that maps `inputs` features to `outputs`, Glorot-initialised. */
export function dense(store: ParamStore, group: string, name: string, inputs: number, outputs: number): { w: tf.Variable; b: tf.Variable } {
  return {
    w: store.glorot(group, `${name}.w`, [inputs, outputs], inputs, outputs),
    b: store.zeros(group, `${name}.b`, [outputs]),
  };
}

/**
 * The matMul every conv here reduces to, with its bias and activation in the same kernel;
 * weights and output are rounded in emulated precisions. (A ReLU before the rounding is the
 * same as one after it: rounding keeps signs and zero.)
 */
export function project(cols: tf.Tensor3D, layer: Dense, q: Quantize = exact, activation: DenseActivation = 'linear'): tf.Tensor3D {
  const [batch, frames, width] = cols.shape;
  const flat = tf.reshape(cols, [batch * frames, width]) as tf.Tensor2D;
  const out = fusedDense(tf, flat, q(layer.w) as tf.Tensor2D, q(layer.b) as tf.Tensor1D, activation);
  return q(tf.reshape(out, [batch, frames, layer.w.shape[1] as number])) as tf.Tensor3D;
}

/** Stride-1 convolution, kernel `k` (odd), 'same' padding: out[t] sees in[t-k/2 .. t+k/2]. */
export function convSame(x: tf.Tensor3D, layer: Dense, k: number, q: Quantize = exact, activation: DenseActivation = 'linear'): tf.Tensor3D {
  const cols = im2col(tf, x, { taps: k, stride: 1, padBefore: (k - 1) / 2, outFrames: x.shape[1] });
  return project(cols, layer, q, activation);
}

/** Halves the frame count: kernel 4, stride 2, padding 1. */
export function convDown(x: tf.Tensor3D, layer: Dense, q: Quantize = exact, activation: DenseActivation = 'linear'): tf.Tensor3D {
  const frames = x.shape[1];
  if (frames % 2 !== 0) throw new Error(`convDown needs an even frame count, got ${frames}`);
  return project(im2col(tf, x, { taps: 4, stride: 2, padBefore: 1, outFrames: frames / 2 }), layer, q, activation);
}

/**
 * Resize-convolution: doubles the frame count by linear interpolation, then a kernel-3 conv
 * (weights [3·in, out]). A transposed conv with kernel 2, stride 2 (convUp) maps each frame to
 * two output frames independently, so every output pair is a separate guess and the motion
 * wobbles at the frame-pair and token rates (the checkerboard artifact of Odena et al., 2016;
 * measured on the demo: 39-41% of joint-velocity power above 4 Hz against the data's 0.3%).
 * Interpolating first makes neighbouring frames start from neighbouring values.
 */
export function convUpsample(x: tf.Tensor3D, layer: Dense, q: Quantize = exact, activation: DenseActivation = 'linear'): tf.Tensor3D {
  return convSame(upsampleLinear(x), layer, 3, q, activation);
}

/**
 * Twice the frames, each new frame a quarter of the way to its neighbour (half-frame aligned,
 * as linear resizing with align_corners false; the ends repeat their frame): x0, x0·¾+x1·¼,
 * x0·¼+x1·¾, … so a constant stays constant and a ramp stays a ramp.
 */
export function upsampleLinear(x: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, frames, channels] = x.shape;
    const previous = tf.concat([tf.slice(x, [0, 0, 0], [batch, 1, channels]), tf.slice(x, [0, 0, 0], [batch, frames - 1, channels])], 1);
    const next = tf.concat([tf.slice(x, [0, 1, 0], [batch, frames - 1, channels]), tf.slice(x, [0, frames - 1, 0], [batch, 1, channels])], 1);
    const even = tf.add(tf.mul(x, 0.75), tf.mul(previous, 0.25));
    const odd = tf.add(tf.mul(x, 0.75), tf.mul(next, 0.25));
    return tf.reshape(tf.stack([even, odd], 2), [batch, frames * 2, channels]) as tf.Tensor3D;
  });
}

/**
 * Doubles the frame count (a transposed conv with kernel 2, stride 2): each frame projects
 * to two output frames at once, then a reshape interleaves them.
 */
export function convUp(x: tf.Tensor3D, layer: Dense, q: Quantize = exact, activation: DenseActivation = 'linear'): tf.Tensor3D {
  const [batch, frames] = x.shape;
  const outChannels = (layer.w.shape[1] as number) / 2;
  return tf.reshape(project(x, layer, q, activation), [batch, frames * 2, outChannels]);
}
