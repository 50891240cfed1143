/**
 * Scaled dot-product attention, softmax(q·kᵀ·scale + mask)·v, over [groups, length, size]
 * tensors (groups = batch × heads), written for wasm's one fast matMul.
 *
 * Why: the wasm backend sends every batched (rank > 2) matMul down a naive loop at ~1-2
 * GFLOP/s whatever its flags, against ~30 for a plain 2-D product through XNNPACK. So each
 * group's product runs as its own untransposed 2-D matMul: one split per operand (a single
 * copy kernel), the products, one concat. The transposes the products need are taken once for
 * all groups (a cheap batched transpose) rather than per product, and the backward pass is
 * written out by hand for the same reason: autodiff would transpose per group and save every
 * intermediate. Where any product is fast (native TF, cpu) the plain batched formulation is used.
 */
import { kernelPaths } from './kernel-paths.js';
import * as tf from './tf.js';

/** Per-group a[g]·b[g] for a [groups, m, k] and b [groups, k, n], as 2-D untransposed products. */
function groupProducts(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const [groups, m, k] = a.shape;
  const n = b.shape[2];
  // Stacked as rows, each group's block splits off already 2-D: no reshape per group.
  const bs = tf.split(tf.reshape(b, [groups * k, n]), groups) as tf.Tensor2D[];
  const outs = (tf.split(tf.reshape(a, [groups * m, k]), groups) as tf.Tensor2D[]).map((x, g) => tf.matMul(x, bs[g] as tf.Tensor2D));
  return tf.reshape(tf.concat(outs), [groups, m, n]);
}

const swapLast = (x: tf.Tensor3D): tf.Tensor3D => tf.transpose(x, [0, 2, 1]);

/** The plain formulation: batched products, TF.js's own gradients. */
export function plainAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor2D, scale: number): tf.Tensor3D {
  return tf.matMul(tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), scale), mask)), v);
}

/** softmax(q·kᵀ·scale + mask)·v; `mask` [length, length] is a constant (no gradient). */
export function attention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, mask: tf.Tensor2D, scale: number): tf.Tensor3D {
  if (!kernelPaths().untransposedProducts) return plainAttention(q, k, v, mask, scale);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [qi, ki, vi] = args as tf.Tensor3D[];
    const save = args[3] as tf.GradSaveFunc;
    const [query, key, value] = [qi, ki, vi] as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    const probs = tf.softmax(tf.add(tf.mul(groupProducts(query, swapLast(key)), scale), mask)) as tf.Tensor3D;
    save([query, key, value, probs]);
    return {
      value: groupProducts(probs, value),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sq, sk, sv, p] = saved as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
        const dOut = dy as tf.Tensor3D;
        const dProbs = groupProducts(dOut, swapLast(sv));
        const dValue = groupProducts(swapLast(p), dOut);
        // Softmax backward: p ⊙ (dp − Σ dp⊙p), then the scale of the scores.
        const dScores = tf.mul(tf.mul(p, tf.sub(dProbs, tf.sum(tf.mul(dProbs, p), -1, true))), scale) as tf.Tensor3D;
        return [groupProducts(dScores, sk), groupProducts(swapLast(dScores), sq), dValue];
      },
    };
  });
  return (op as unknown as (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.Tensor3D)(q, k, v);
}
