import * as tf from './tf.js';

/** Huber with delta 1 (PyTorch's smooth L1): robust to the occasional mocap glitch. */
export function smoothL1(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  const diff = tf.abs(tf.sub(prediction, target));
  const quadratic = tf.minimum(diff, 1);
  return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.sub(diff, quadratic)));
}

/** Frame-to-frame differences along time, for losses that care about how motion moves. */
export function velocity(x: tf.Tensor3D): tf.Tensor3D {
  const [batch, frames, channels] = x.shape;
  return tf.sub(tf.slice(x, [0, 1, 0], [batch, frames - 1, channels]), tf.slice(x, [0, 0, 0], [batch, frames - 1, channels]));
}
