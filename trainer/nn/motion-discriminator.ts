/**
 * A temporal-conv discriminator on motion windows [discriminator group], used when GAN is on:
 * two halvings, a mean over time, one logit per window. Non-saturating GAN losses.
 */
import type { StepContext } from './step-context.js';
import { runConvs, type ConvStep } from './conv-stack.js';
import type { ParamStore } from './params.js';
import { dense, project } from './temporal-conv.js';
import * as tf from './tf.js';

export class MotionDiscriminator {
  private readonly convs: ConvStep[];
  private readonly critic: { w: tf.Variable; b: tf.Variable };

  constructor(store: ParamStore, group: string, features: number, width: number) {
    this.convs = [
      { layer: dense(store, group, 'in', 3 * features, width), kind: 'same', relu: true },
      { layer: dense(store, group, 'down1', 4 * width, width), kind: 'down', relu: true },
      { layer: dense(store, group, 'down2', 4 * width, width), kind: 'down', relu: true },
    ];
    this.critic = dense(store, group, 'critic', width, 1);
  }

  /** One logit per window: is this motion real? */
  judge(motion: tf.Tensor3D, ctx: StepContext): tf.Tensor {
    const pooled = tf.mean(runConvs(this.convs, motion, ctx), 1, true) as tf.Tensor3D;
    return project(pooled, this.critic, ctx.quantize);
  }

  /** The generator's adversarial term: softplus(-D(fake)). */
  generatorLoss(fake: tf.Tensor3D, ctx: StepContext): tf.Scalar {
    return tf.mean(tf.softplus(tf.neg(this.judge(fake, ctx)))) as tf.Scalar;
  }

  /** softplus(-D(real)) + softplus(D(fake)); only discriminator weights are differentiated. */
  discriminatorLoss(real: tf.Tensor3D, fake: tf.Tensor3D, ctx: StepContext): tf.Scalar {
    return tf.add(tf.mean(tf.softplus(tf.neg(this.judge(real, ctx)))), tf.mean(tf.softplus(this.judge(fake, ctx)))) as tf.Scalar;
  }
}
