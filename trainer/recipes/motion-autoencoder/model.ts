/**
 * A convolutional motion autoencoder: frames of joint features are squeezed to a quarter of
 * the frame rate and rebuilt; a motion discriminator judges windows when GAN is on.
 * The first real recipe; the VQ tokenizer of audio-to-motion grows from this shape.
 */
import type { Rng } from '../../nn/rng.js';
import { smoothL1, velocity } from '../../nn/losses.js';
import { ParamStore } from '../../nn/params.js';
import { MotionDiscriminator } from '../../nn/motion-discriminator.js';
import { poolFrames, type GrowthState, type TimePyramid } from '../../nn/time-pyramid.js';
import * as tf from '../../nn/tf.js';
import { EXACT_CONTEXT, type Batch, type ClipMotion, type ModelGrowth, type MotionPreview, type RecipeModel, type SampleOptions, type StepContext } from '../recipe.js';
import { buildTimePyramid, timeGrowthLevels } from '../time-growth.js';
import type { AutoencoderConfig } from './config.js';
import type { MotionWindows } from './windows.js';

/** Its growth levels: level 0 holds the encoder and the decoder. */
export const AUTOENCODER_GROWTH_LEVELS = timeGrowthLevels(['encoder', 'decoder']);

export class MotionAutoencoder implements RecipeModel {
  readonly params: ParamStore;
  readonly evalEvery: number;
  readonly discriminatorGroup = 'discriminator';
  private readonly pyramid: TimePyramid;
  private readonly discriminator: MotionDiscriminator;
  /** Set on a model built to grow: its levels and where it stands (it starts at level 0). */
  readonly growth?: ModelGrowth;
  private readonly fullRateState: GrowthState;

  constructor(
    private readonly config: AutoencoderConfig,
    private readonly data: MotionWindows,
    seed: number,
    growth = false,
  ) {
    const { width, latent } = config;
    const features = data.featureDim;
    this.evalEvery = config.evalEvery;
    const p = (this.params = new ParamStore(seed));
    this.pyramid = buildTimePyramid(p, { features, width, latent, up: 'up', growth });
    this.discriminator = new MotionDiscriminator(p, 'discriminator', features, Math.max(16, width / 2));
    this.fullRateState = { level: this.pyramid.top, alpha: 1 };
    if (growth) this.growth = { levels: AUTOENCODER_GROWTH_LEVELS, state: { level: 0, alpha: 1 } };
  }

  /** The level it runs at and its fade: the top level, fully in, unless built to grow. */
  private get state(): GrowthState {
    return this.growth?.state ?? this.fullRateState;
  }

  /** Full-rate motion through the autoencoder at its level: out at the level's rate. */
  private reconstruct(x: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    return tf.tidy(() => this.pyramid.decode(this.pyramid.encode(poolFrames(x, this.pyramid.factor(this.state.level)), this.state, ctx), this.state, ctx));
  }

  /** Full-rate motion through the autoencoder, back at full rate: what is scored and shown. */
  private fullRate(x: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    return tf.tidy(() => this.pyramid.toFullRate(this.reconstruct(x, ctx), this.state.level));
  }

  evaluationState(): Record<string, number> {
    return { ...this.state };
  }

  useEvaluationState(state: Record<string, number | boolean>): void {
    if (this.growth && typeof state.level === 'number' && typeof state.alpha === 'number') this.growth.state = { level: state.level, alpha: state.alpha };
  }

  nextBatch(rng: Rng, options: SampleOptions): Batch {
    return this.data.sampleTrain(rng, options.batchSize, this.config.windowFrames, options.warpStrength);
  }

  losses(batch: Batch, ctx: StepContext): Record<string, tf.Scalar> & { loss: tf.Scalar } {
    // Both at the level's rate (the data fades in with a new level, as its layers do).
    const target = this.pyramid.atLevel(batch.targets as tf.Tensor3D, this.state);
    const output = this.reconstruct(batch.inputs as tf.Tensor3D, ctx);
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
    const fake = this.reconstruct(batch.inputs as tf.Tensor3D, ctx);
    return this.discriminator.discriminatorLoss(this.pyramid.atLevel(batch.targets as tf.Tensor3D, this.state), fake, ctx);
  }

  async evaluate(): Promise<Record<string, number>> {
    const ctx = EXACT_CONTEXT;
    const [recon, jointError] = tf.tidy(() => {
      const target = this.data.validationWindows;
      // val/recon at the level's rate (what it trains on); the joint error at full rate.
      const recon = smoothL1(this.reconstruct(target, ctx), this.pyramid.atLevel(target, this.state));
      const output = this.fullRate(target, ctx);
      // Back to body-height units so the joint error reads as "% of body height".
      const [batch, frames] = target.shape;
      const positions = (t: tf.Tensor3D) => tf.slice(t, [0, 0, 0], [batch, frames, this.data.positionDims]);
      const errorInHeights = tf.mul(tf.abs(tf.sub(positions(output), positions(target))), this.data.positionStd);
      return [recon, tf.mean(errorInHeights)];
    });
    const values = { 'val/recon': (await recon.data())[0] ?? NaN, 'val/joint_error_pct': ((await jointError.data())[0] ?? NaN) * 100 };
    tf.dispose([recon, jointError]);
    return values;
  }

  /** Each preview clip through the autoencoder, beside itself: reconstruction, not generation. */
  async preview(): Promise<MotionPreview> {
    const clips: ClipMotion[] = [];
    for (const clip of this.data.previewClips) {
      const output = this.fullRate(clip, EXACT_CONTEXT);
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
