/**
 * Audio-to-motion, after Audio2Photoreal's recipe: a VQ motion tokenizer and an
 * audio-conditioned token generator in one model, trained stage by stage. Which part learns
 * in a step follows the locks: the default plan trains the tokenizer first, then freezes it
 * and trains the generator on its tokens. Decoding always goes through the tokenizer's decoder.
 */
import { Rng } from '../../nn/rng.js';
import { MotionDiscriminator } from '../../nn/motion-discriminator.js';
import { ParamStore } from '../../nn/params.js';
import * as tf from '../../nn/tf.js';
import { EXACT_CONTEXT, type Batch, type GeneratedMotion, type ModelGrowth, type MotionPreview, type RecipeModel, type SampleOptions, type StepContext } from '../recipe.js';
import type { AudioToMotionConfig } from './config.js';
import { evaluateAudioToMotion } from './evaluate.js';
import { TokenGenerator } from './generator.js';
import { motionForAudio } from './motion-for-audio.js';
import { audioToMotionPreview } from './preview.js';
import { MotionTokenizer, TOKENIZER_GROWTH_LEVELS } from './tokenizer.js';
import type { AudioMotionBatch, AudioMotionWindows } from './windows.js';

/** Every group of the tokenizer, its growth levels' included (a model built without them has only level 0's names). */
const TOKENIZER_GROUPS = TOKENIZER_GROWTH_LEVELS.flatMap((l) => l.groups);
const GENERATOR_GROUPS = ['audio_encoder', 'generator'];


export class AudioToMotionModel implements RecipeModel {
  readonly params: ParamStore;
  readonly evalEvery: number;
  readonly discriminatorGroup = 'discriminator';
  readonly tokenizer: MotionTokenizer;
  readonly generator: TokenGenerator;
  private readonly discriminator: MotionDiscriminator;
  /** Set once a step has trained the generator: the chart's likeness then follows it. */
  generatorTrained = false;
  /**
   * The latents and codes of this step's loss pass (one entry per accumulation micro-batch),
   * kept for the EMA codebook update after the optimizer step: the update follows the forward
   * pass's latents, as VQ-VAE's EMA does, instead of encoding the batch a second time.
   */
  private codebookLatents: { latents: tf.Tensor2D; indices: tf.Tensor1D }[] = [];

  /** Growth in time, on a model built to grow: the tokenizer's levels (the generator works at the token rate, whatever the level). */
  readonly growth?: ModelGrowth;

  constructor(
    readonly config: AudioToMotionConfig,
    readonly data: AudioMotionWindows,
    readonly seed: number,
    { growth = false, inter = true }: { growth?: boolean; inter?: boolean } = {},
  ) {
    this.evalEvery = config.evalEvery;
    this.params = new ParamStore(seed);
    const features = data.motion.featureDim;
    const tokenizer = (this.tokenizer = new MotionTokenizer(this.params, config, features, { growth, inter }));
    if (growth) {
      this.growth = {
        levels: TOKENIZER_GROWTH_LEVELS,
        get state() {
          return tokenizer.state;
        },
        set state(state) {
          tokenizer.state = state;
        },
      };
    }
    this.generator = new TokenGenerator(this.params, config, data.audioDim);
    this.discriminator = new MotionDiscriminator(this.params, this.discriminatorGroup, features, Math.max(16, config.width / 2));
  }

  nextBatch(rng: Rng, options: SampleOptions): Batch {
    this.dropCodebookLatents(); // a skipped step (overflow, non-finite) never reached afterStep
    const { trainable } = options;
    // The discriminator judges the tokenizer's reconstructions, so GAN needs its windows too.
    const parts = trainable ? { tokenizer: [...TOKENIZER_GROUPS, this.discriminatorGroup].some((g) => trainable.has(g)), generator: GENERATOR_GROUPS.some((g) => trainable.has(g)) } : undefined;
    return this.data.sample(rng, options.batchSize, options.warpStrength, this.config.conditionDropout, parts);
  }

  losses(batch: Batch, ctx: StepContext): Record<string, tf.Scalar> & { loss: tf.Scalar } {
    const b = batch as AudioMotionBatch;
    const terms: Record<string, tf.Scalar> = {};
    const parts: tf.Scalar[] = [];
    if (TOKENIZER_GROUPS.some((g) => ctx.trainable.has(g))) {
      const tok = this.tokenizer.losses(b.inputs as tf.Tensor3D, b.targets as tf.Tensor3D, ctx, this.config);
      Object.assign(terms, { 'loss/recon': tok.recon, 'loss/velocity': tok.vel, 'loss/acceleration': tok.accel, 'loss/commit': tok.commitment });
      if (ctx.trainable.has('codebook')) this.codebookLatents.push({ latents: tf.keep(tok.flat), indices: tf.keep(tok.indices) });
      parts.push(tok.loss);
      if (ctx.adversarialWeight > 0) {
        terms['gan/g_adv'] = this.discriminator.generatorLoss(tok.output, ctx);
        parts.push(tf.mul(terms['gan/g_adv'], ctx.adversarialWeight) as tf.Scalar);
      }
    }
    if (GENERATOR_GROUPS.some((g) => ctx.trainable.has(g))) {
      this.generatorTrained = true;
      // Targets come from the tokenizer as it is now; no gradient flows back through argmin.
      if (!b.motion || !b.audio || !b.keepAudio) throw new Error('audio-to-motion: the generator trains, but the batch was drawn without its windows (nextBatch without the generator groups)');
      const tokens = this.tokenizer.tokens(b.motion, ctx);
      const gen = this.generator.losses(tokens, b.audio, b.keepAudio, ctx);
      terms['loss/tokens'] = gen.loss;
      parts.push(gen.loss);
    }
    // With every part locked there is nothing to learn: a zero loss is reported (train-step skips backprop).
    const loss = (parts.length > 0 ? tf.addN(parts) : tf.scalar(0)) as tf.Scalar;
    return { loss, ...terms };
  }

  afterStep(_batch: Batch, ctx: StepContext, rng: Rng): void {
    const parts = this.codebookLatents;
    if (ctx.trainable.has('codebook') && parts.length > 0) {
      // Accumulation ran several loss passes: the update sees the whole batch, as before.
      const rows = <T extends tf.Tensor>(ts: T[]): T => (ts.length === 1 ? (ts[0] as T) : (tf.concat(ts) as T));
      tf.tidy(() => this.tokenizer.quantizer.update(rows(parts.map((p) => p.latents)), rows(parts.map((p) => p.indices)), rng));
    }
    this.dropCodebookLatents();
  }

  private dropCodebookLatents(): void {
    for (const { latents, indices } of this.codebookLatents) tf.dispose([latents, indices]);
    this.codebookLatents = [];
  }

  discriminatorLoss(batch: Batch, ctx: StepContext): tf.Scalar {
    // The decoder's reconstruction is the "fake": only discriminator weights are differentiated here.
    // Both at the tokenizer's level, so the discriminator judges what the decoder can make there.
    const { output: fake, targets } = this.tokenizer.losses(batch.inputs as tf.Tensor3D, batch.targets as tf.Tensor3D, ctx, this.config);
    return this.discriminator.discriminatorLoss(targets, fake, ctx);
  }

  evaluationState(): Record<string, number | boolean> {
    const { level, alpha } = this.tokenizer.state;
    return { generatorTrained: this.generatorTrained, level, alpha };
  }

  useEvaluationState(state: Record<string, number | boolean>): void {
    this.generatorTrained = state.generatorTrained === true;
    if (typeof state.level === 'number' && typeof state.alpha === 'number') this.tokenizer.state = { level: state.level, alpha: state.alpha };
  }

  evaluate(): Promise<Record<string, number>> {
    return evaluateAudioToMotion(this);
  }

  /** Generated motion for the first validation clips' audio, beside their ground truth (preview.ts). */
  preview(): Promise<MotionPreview> {
    return audioToMotionPreview(this);
  }

  /** Normalised motion [batch, frames, features] generated for normalised audio features. */
  async generate(audio: tf.Tensor3D, seed: number): Promise<tf.Tensor3D> {
    const tokens = await this.generator.sample(audio, new Rng(seed), EXACT_CONTEXT);
    const [batch, frames] = audio.shape;
    return tf.tidy(() => this.tokenizer.detokenize(tf.tensor2d(tokens, [batch, frames / 4], 'int32')));
  }

  motionForAudio(samples: Float32Array, sampleRate: number, seed: number): Promise<GeneratedMotion> {
    return motionForAudio(this, samples, sampleRate, seed);
  }

  dispose(): void {
    this.dropCodebookLatents();
    this.params.dispose();
    this.data.dispose();
  }
}
