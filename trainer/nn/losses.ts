import * as tf from './tf.js';

/**
 * Huber with delta 1 (PyTorch's smooth L1): robust to the occasional mocap glitch.
 *
 * The gradient is written by hand: clip(prediction − target, −1, 1) / n. Autodiff of the
 * min(|d|, 1) form ran wasm's Minimum and LessEqual kernels, which take ~0.2 ms each on a tiny
 * batch (a fast Add takes 0.02 ms), and went through sign(), which wasm rounds to 0 below 1.2e-7.
 */
export function smoothL1(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  const forward = (p: tf.Tensor, t: tf.Tensor, save: (tensors: tf.Tensor[]) => void) => {
    const diff = tf.sub(p, t);
    save([diff]);
    const distance = tf.abs(diff);
    const quadratic = tf.clipByValue(distance, 0, 1);
    const value = tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.sub(distance, quadratic)));
    const gradFunc = (dy: tf.Tensor, [saved]: tf.Tensor[]) => {
      const d = saved as tf.Tensor;
      const dp = tf.mul(tf.clipByValue(d, -1, 1), tf.div(dy, d.size));
      return [dp, tf.neg(dp)];
    };
    return { value, gradFunc };
  };
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return (op as unknown as (p: tf.Tensor, t: tf.Tensor) => tf.Scalar)(prediction, target);
}

/** Frame-to-frame differences along time, for losses that care about how motion moves. */
export function velocity(x: tf.Tensor3D): tf.Tensor3D {
  const [batch, frames, channels] = x.shape;
  return tf.sub(tf.slice(x, [0, 1, 0], [batch, frames - 1, channels]), tf.slice(x, [0, 0, 0], [batch, frames - 1, channels]));
}
