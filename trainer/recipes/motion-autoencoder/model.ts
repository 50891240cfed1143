/**
 * A convolutional motion autoencoder: frames of joint features are squeezed to a quarter of
 * the frame rate and rebuilt. A small temporal-conv discriminator judges motion windows when
 * GAN is on. The first real recipe; the VQ tokenizer grows from this shape.
 */
import type { Rng } from '../../engine/rng.js';
import { applyBlock } from '../../nn/block.js';
import { smoothL1, velocity } from '../../nn/losses.js';
import { ParamStore } from '../../nn/params.js';
import { convDown, convSame, convUp, dense, project, type Dense } from '../../nn/temporal-conv.js';
import * as tf from '../../nn/tf.js';
import type { Batch, MotionPreview, RecipeModel, SampleOptions, StepContext } from '../recipe.js';
import type { AutoencoderConfig } from './config.js';
import type { MotionWindows } from './windows.js';

type Layer = { w: tf.Variable; b: tf.Variable };
type LayerKind = 'same' | 'down' | 'up' | 'head';

/** One layer and how it is applied; `relu` false for the last layer of a stack. */
interface Step {
  layer: Layer;
  kind: LayerKind;
  relu: boolean;
}

export class MotionAutoencoder implements RecipeModel {
  readonly params: ParamStore;
  readonly evalEvery: number;
  readonly discriminatorGroup = 'discriminator';
  private readonly autoencoder: Step[];
  private readonly discriminator: Step[];
  private readonly critic: Layer;

  constructor(
    private readonly config: AutoencoderConfig,
    private readonly data: MotionWindows,
    seed: number,
  ) {
    const { width, latent } = config;
    const features = data.featureDim;
    this.evalEvery = config.evalEvery;
    const p = (this.params = new ParamStore(seed));
    this.autoencoder = [
      { layer: dense(p, 'encoder', 'in', 3 * features, width), kind: 'same', relu: true },
      { layer: dense(p, 'encoder', 'down1', 4 * width, width), kind: 'down', relu: true },
      { layer: dense(p, 'encoder', 'down2', 4 * width, width), kind: 'down', relu: true },
      { layer: dense(p, 'encoder', 'latent', 3 * width, latent), kind: 'same', relu: false },
      { layer: dense(p, 'decoder', 'in', 3 * latent, width), kind: 'same', relu: true },
      { layer: dense(p, 'decoder', 'up1', width, 2 * width), kind: 'up', relu: true },
      { layer: dense(p, 'decoder', 'up2', width, 2 * width), kind: 'up', relu: true },
      { layer: dense(p, 'decoder', 'out', 3 * width, features), kind: 'same', relu: false },
    ];
    const dWidth = Math.max(16, width / 2);
    this.discriminator = [
      { layer: dense(p, 'discriminator', 'in', 3 * features, dWidth), kind: 'same', relu: true },
      { layer: dense(p, 'discriminator', 'down1', 4 * dWidth, dWidth), kind: 'down', relu: true },
      { layer: dense(p, 'discriminator', 'down2', 4 * dWidth, dWidth), kind: 'down', relu: true },
    ];
    this.critic = dense(p, 'discriminator', 'critic', dWidth, 1);
  }

  private run(stack: Step[], x: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    let h = x;
    for (const { layer, kind, relu } of stack) {
      const fn = (input: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor => {
        const l: Dense = { w, b };
        const x3 = input as tf.Tensor3D;
        const out = kind === 'down' ? convDown(x3, l, ctx.quantize) : kind === 'up' ? convUp(x3, l, ctx.quantize) : convSame(x3, l, 3, ctx.quantize);
        return relu ? tf.relu(out) : out;
      };
      h = applyBlock(ctx.recompute, fn, h, [layer.w, layer.b]) as tf.Tensor3D;
    }
    return h;
  }

  /** One logit per window: is this motion real? */
  private judge(x: tf.Tensor3D, ctx: StepContext): tf.Tensor {
    const pooled = tf.mean(this.run(this.discriminator, x, ctx), 1, true) as tf.Tensor3D;
    return project(pooled, this.critic, ctx.quantize);
  }

  nextBatch(rng: Rng, options: SampleOptions): Batch {
    return this.data.sampleTrain(rng, options.batchSize, this.config.windowFrames, options.warpStrength);
  }

  losses(batch: Batch, ctx: StepContext): Record<string, tf.Scalar> & { loss: tf.Scalar } {
    const target = batch.targets as tf.Tensor3D;
    const output = this.run(this.autoencoder, batch.inputs as tf.Tensor3D, ctx);
    const recon = smoothL1(output, target);
    const vel = smoothL1(velocity(output), velocity(target));
    let loss = tf.add(recon, tf.mul(vel, this.config.velocityWeight)) as tf.Scalar;
    const terms: Record<string, tf.Scalar> = { 'loss/recon': recon, 'loss/velocity': vel };
    if (ctx.adversarialWeight > 0) {
      // Non-saturating generator loss: softplus(-D(fake)).
      const adversarial = tf.mean(tf.softplus(tf.neg(this.judge(output, ctx)))) as tf.Scalar;
      terms['gan/g_adv'] = adversarial;
      loss = tf.add(loss, tf.mul(adversarial, ctx.adversarialWeight)) as tf.Scalar;
    }
    return { loss, ...terms };
  }

  discriminatorLoss(batch: Batch, ctx: StepContext): tf.Scalar {
    // Only discriminator weights are differentiated in this step, so the tape prunes the
    // generator's ops: `fake` acts as detached.
    const fake = this.run(this.autoencoder, batch.inputs as tf.Tensor3D, ctx);
    const real = this.judge(batch.targets as tf.Tensor3D, ctx);
    const judged = this.judge(fake, ctx);
    return tf.add(tf.mean(tf.softplus(tf.neg(real))), tf.mean(tf.softplus(judged))) as tf.Scalar;
  }

  async evaluate(): Promise<Record<string, number>> {
    const ctx: StepContext = { quantize: (x) => x, recompute: false, adversarialWeight: 0 };
    const [recon, jointError] = tf.tidy(() => {
      const target = this.data.validationWindows;
      const output = this.run(this.autoencoder, target, ctx);
      // Back to body-height units so the joint error reads as "% of body height".
      const [batch, frames] = target.shape;
      const positions = (t: tf.Tensor3D) => tf.slice(t, [0, 0, 0], [batch, frames, this.data.positionDims]);
      const errorInHeights = tf.mul(tf.abs(tf.sub(positions(output), positions(target))), this.data.positionStd);
      return [smoothL1(output, target), tf.mean(errorInHeights)];
    });
    const values = { 'val/recon': (await recon.data())[0] ?? NaN, 'val/joint_error_pct': ((await jointError.data())[0] ?? NaN) * 100 };
    tf.dispose([recon, jointError]);
    return values;
  }

  async preview(): Promise<MotionPreview> {
    const clip = this.data.previewClip;
    const ctx: StepContext = { quantize: (x) => x, recompute: false, adversarialWeight: 0 };
    const output = tf.tidy(() => this.run(this.autoencoder, clip, ctx));
    const generated = this.data.toPositions(await output.data());
    output.dispose();
    return { ...this.data.skeleton, generated, truth: this.data.toPositions(await clip.data()), frames: clip.shape[1] };
  }

  dispose(): void {
    this.params.dispose();
    this.data.dispose();
  }
}
