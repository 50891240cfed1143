/**
 * A convolutional motion autoencoder: frames of joint features are squeezed to a quarter of
 * the frame rate and rebuilt; a motion discriminator judges windows when GAN is on.
 * The first real recipe; the VQ tokenizer of audio-to-motion grows from this shape.
 */
import type { Rng } from '../../nn/rng.js';
import { runConvs, type ConvStep } from '../../nn/conv-stack.js';
import { smoothL1, velocity } from '../../nn/losses.js';
import { ParamStore } from '../../nn/params.js';
import { MotionDiscriminator } from '../../nn/motion-discriminator.js';
import { dense } from '../../nn/temporal-conv.js';
import * as tf from '../../nn/tf.js';
import { EXACT_CONTEXT, type Batch, type ClipMotion, type MotionPreview, type RecipeModel, type SampleOptions, type StepContext } from '../recipe.js';
import type { AutoencoderConfig } from './config.js';
import type { MotionWindows } from './windows.js';


export class MotionAutoencoder implements RecipeModel {
  readonly params: ParamStore;
  readonly evalEvery: number;
  readonly discriminatorGroup = 'discriminator';
  private readonly autoencoder: ConvStep[];
  private readonly discriminator: MotionDiscriminator;

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
    this.discriminator = new MotionDiscriminator(p, 'discriminator', features, Math.max(16, width / 2));
  }

  private run(stack: ConvStep[], x: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    return runConvs(stack, x, ctx);
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
      const adversarial = this.discriminator.generatorLoss(output, ctx);
      terms['gan/g_adv'] = adversarial;
      loss = tf.add(loss, tf.mul(adversarial, ctx.adversarialWeight)) as tf.Scalar;
    }
    return { loss, ...terms };
  }

  discriminatorLoss(batch: Batch, ctx: StepContext): tf.Scalar {
    // Only discriminator weights are differentiated in this step, so the tape prunes the
    // generator's ops: `fake` acts as detached.
    const fake = this.run(this.autoencoder, batch.inputs as tf.Tensor3D, ctx);
    return this.discriminator.discriminatorLoss(batch.targets as tf.Tensor3D, fake, ctx);
  }

  async evaluate(): Promise<Record<string, number>> {
    const ctx = EXACT_CONTEXT;
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

  /** Each preview clip through the autoencoder, beside itself: reconstruction, not generation. */
  async preview(): Promise<MotionPreview> {
    const clips: ClipMotion[] = [];
    for (const clip of this.data.previewClips) {
      const output = tf.tidy(() => this.run(this.autoencoder, clip, EXACT_CONTEXT));
      const generated = this.data.toPositions(await output.data());
      output.dispose();
      clips.push({ generated, truth: this.data.toPositions(await clip.data()), frames: clip.shape[1] });
    }
    const [lead, ...more] = clips as [ClipMotion, ...ClipMotion[]];
    // A normalised zero is the training data's mean feature frame: its positions are the mean pose.
    const meanPose = this.data.toPositions(new Float32Array(this.data.featureDim));
    return { ...this.data.skeleton, ...lead, more, meanPose };
  }

  dispose(): void {
    this.params.dispose();
    this.data.dispose();
  }
}
