/**
 * A VQ-VAE vector quantizer with an EMA codebook (no gradient reaches the codebook: it follows
 * the running mean of the latents assigned to each code) and dead-code restart (a code that
 * is almost never chosen is moved onto a random latent of the batch, so the codebook stays
 * in use). The encoder learns through a straight-through estimator plus a commitment loss.
 */
import type { Rng } from './rng.js';
import { untransposedProduct } from './matmul-gradient.js';
import type { ParamStore } from './params.js';
import * as tf from './tf.js';

/** Products with a transposed operand, each in the fastest form the backend runs. */
const product = untransposedProduct(tf);

export interface QuantizerSettings {
  codes: number;
  dim: number;
  /** EMA decay of code counts and sums; 0.99 as in the VQ-VAE-2 paper. */
  decay: number;
  /** A code whose EMA count falls below this is restarted. */
  deadBelow: number;
}

export class VectorQuantizer {
  readonly codebook: tf.Variable;
  private readonly emaCount: tf.Variable;
  private readonly emaSum: tf.Variable;

  constructor(
    store: ParamStore,
    group: string,
    private readonly settings: QuantizerSettings,
  ) {
    const { codes, dim } = settings;
    // Not trainable: updated by EMA only. Registered in the store so locks and snapshots see it.
    this.codebook = store.buffer(group, 'codebook', tf.randomUniform([codes, dim], -1 / codes, 1 / codes, 'float32', 7));
    this.emaCount = store.buffer(group, 'ema_count', tf.ones([codes]));
    this.emaSum = store.buffer(group, 'ema_sum', tf.clone(this.codebook));
  }

  /**
   * Nearest code for each row of `z` [n, dim]. The result is a fresh tensor with no history:
   * argmin has no gradient, and a tape that walked back through it would fail on the int32
   * indices of the code lookup. (Products with a transposed operand go through `product`:
   * wasm's stock matMul runs transpose flags 10-15× slower; see matmul-gradient.ts.)
   */
  indices(z: tf.Tensor2D): tf.Tensor1D {
    const nearest = tf.tidy(() => {
      const distances = tf.add(tf.sub(tf.sum(tf.square(z), 1, true), tf.mul(2, product(z, this.codebook, false, true))), tf.sum(tf.square(this.codebook), 1));
      return tf.argMin(distances, 1) as tf.Tensor1D;
    });
    const detached = tf.tensor1d(nearest.dataSync() as Int32Array, 'int32');
    nearest.dispose();
    return detached;
  }

  lookup(indices: tf.Tensor): tf.Tensor {
    return tf.gather(this.codebook, indices);
  }

  /**
   * Quantizes `z` [n, dim]: the output equals the codes, but gradients flow to `z` unchanged
   * (straight-through). Also returns the commitment loss pulling `z` towards its codes.
   */
  quantize(z: tf.Tensor2D): { quantized: tf.Tensor2D; indices: tf.Tensor1D; commitment: tf.Scalar } {
    const indices = this.indices(z);
    const codes = this.lookup(indices) as tf.Tensor2D;
    const commitment = tf.mean(tf.square(tf.sub(z, codes))) as tf.Scalar;
    return { quantized: straightThrough(z, codes) as tf.Tensor2D, indices, commitment };
  }

  /** One EMA step of the codebook towards the latents `z` assigned by `indices`, then restarts. */
  update(z: tf.Tensor2D, indices: tf.Tensor1D, rng: Rng): void {
    const { codes, dim, decay, deadBelow } = this.settings;
    // Drawn every step, dead codes or not, so the run's random stream does not depend on them.
    const picks = Array.from({ length: codes }, () => rng.int(z.shape[0]));
    tf.tidy(() => {
      const onehot = tf.cast(tf.oneHot(tf.cast(indices, 'int32'), codes), 'float32');
      const count = tf.add(tf.mul(this.emaCount, decay), tf.mul(tf.sum(onehot, 0), 1 - decay));
      const sum = tf.add(tf.mul(this.emaSum, decay), tf.mul(product(onehot, z, true, false), 1 - decay));
      // Laplace smoothing keeps empty codes from dividing by zero.
      const total = tf.sum(count);
      const smoothed = tf.mul(tf.div(tf.add(count, 1e-5), tf.add(total, codes * 1e-5)), total);
      const means = tf.div(sum, tf.expandDims(smoothed, 1));
      // Which codes died is read here (a few hundred counts) rather than masked on the device:
      // most steps have none, and the masks cost more than the rest of the update on wasm.
      const dead = Array.from(count.dataSync(), (c) => c < deadBelow);
      if (!dead.includes(true)) {
        this.codebook.assign(means as tf.Tensor2D);
        this.emaSum.assign(sum as tf.Tensor2D);
        this.emaCount.assign(count as tf.Tensor1D);
        return;
      }
      // Dead codes jump onto random latents of this batch.
      const deadRows = tf.tensor2d(dead.flatMap((d) => new Array<boolean>(dim).fill(d)), [codes, dim], 'bool');
      const fresh = tf.gather(z, tf.tensor1d(picks, 'int32'));
      this.codebook.assign(tf.where(deadRows, fresh, means) as tf.Tensor2D);
      this.emaSum.assign(tf.where(deadRows, fresh, sum) as tf.Tensor2D);
      this.emaCount.assign(tf.where(tf.tensor1d(dead, 'bool'), tf.onesLike(count), count) as tf.Tensor1D);
    });
  }

  /** Share of codes chosen at least once in `indices`: codebook usage, worth charting. */
  static usage(indices: Int32Array | Float32Array, codes: number): number {
    return new Set(indices).size / codes;
  }
}

/** Forward: `target`. Backward: the gradient goes to `source` as is, nothing to `target`. */
function straightThrough(source: tf.Tensor, target: tf.Tensor): tf.Tensor {
  const forward = (_source: tf.Tensor, t: tf.Tensor) => ({
    value: tf.clone(t),
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => [dy as tf.Tensor, tf.zerosLike(t)],
  });
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return (op as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor)(source, target);
}
