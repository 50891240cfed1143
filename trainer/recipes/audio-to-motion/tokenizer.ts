/**
 * The motion tokenizer, a VQ-VAE: temporal convs [encoder] squeeze motion to a quarter of the
 * frame rate, a vector quantizer [codebook] turns each latent frame into a code, and temporal
 * convs [decoder] rebuild the motion. Built to grow, it starts at a quarter of the frame rate
 * and adds the half- and full-rate layers level by level (nn/time-pyramid.ts). Random warp applies to its inputs only. Motion that
 * leaves the model (reconstructed or generated) passes a fixed low-pass on its way out.
 */
import type { ConvStep } from '../../nn/conv-stack.js';
import { smoothL1, velocity } from '../../nn/losses.js';
import type { ParamStore } from '../../nn/params.js';
import { lowPassFrames } from '../../nn/low-pass.js';
import { dense } from '../../nn/temporal-conv.js';
import { poolFrames, TimePyramid, type GrowthState } from '../../nn/time-pyramid.js';
import * as tf from '../../nn/tf.js';
import { VectorQuantizer } from '../../nn/vector-quantizer.js';
import { EXACT_CONTEXT, type StepContext } from '../recipe.js';
import type { GrowthLevel } from '../../protocol.js';
import type { AudioToMotionConfig } from './config.js';

/** The tokenizer's growth levels, coarsest first: each doubles the frame rate of the one below. */
const LEVEL_NAMES = ['quarter', 'half', 'full'] as const;

/** The encoder-side and decoder-side layer groups of a growth level. */
function levelGroups(level: number): { encoder: string; decoder: string } {
  return level === 0 ? { encoder: 'encoder', decoder: 'decoder' } : { encoder: `encoder_${LEVEL_NAMES[level]}`, decoder: `decoder_${LEVEL_NAMES[level]}` };
}

export const TOKENIZER_GROWTH_LEVELS: readonly GrowthLevel[] = LEVEL_NAMES.map((name, level) => ({
  name,
  groups: level === 0 ? ['encoder', 'codebook', 'decoder'] : [levelGroups(level).encoder, levelGroups(level).decoder],
}));

export class MotionTokenizer {
  readonly quantizer: VectorQuantizer;
  readonly pyramid: TimePyramid;
  /** The level the tokenizer runs at and its fade: the top level, fully in, unless built to grow. */
  state: GrowthState;
  private readonly outputSmoothing: number;

  /**
   * With `growth`, every level has its own layers to and from motion, in layer groups of their
   * own ('encoder_half', 'decoder_full', …; level 0's are 'encoder' and 'decoder'), and the
   * tokenizer starts at level 0. Without, it is the full-rate tokenizer it always was (same
   * parameters, groups and seeds).
   */
  constructor(store: ParamStore, config: AudioToMotionConfig, features: number, growth = false) {
    this.outputSmoothing = config.outputSmoothing;
    const { width, codeDim } = config;
    const conv = (group: string, name: string, inputs: number, outputs: number, kind: ConvStep['kind'], relu: boolean): ConvStep => ({ layer: dense(store, group, name, inputs, outputs), kind, relu });
    const fromMotion = (group: string, name: string) => conv(group, name, 3 * features, width, 'same', true);
    const down = (group: string, name: string) => conv(group, name, 4 * width, width, 'down', true);
    // Resize-convolutions: a transposed kernel-2 conv made every frame pair its own guess (jitter at 15 and 7.5 Hz).
    const up = (group: string, name: string) => conv(group, name, 3 * width, width, 'upsample', true);
    const toMotion = (group: string, name: string) => conv(group, name, 3 * width, features, 'same', false);
    if (!growth) {
      // Built in the order the full-rate tokenizer always was, so a seed gives the same weights.
      const [inLayer, down1, down2] = [fromMotion('encoder', 'in'), down('encoder', 'down1'), down('encoder', 'down2')];
      const latent = conv('encoder', 'latent', 3 * width, codeDim, 'same', false);
      this.quantizer = this.makeQuantizer(store, config);
      const decoderIn = conv('decoder', 'in', 3 * codeDim, width, 'same', true);
      const [up1, up2, out] = [up('decoder', 'up1'), up('decoder', 'up2'), toMotion('decoder', 'out')];
      this.pyramid = new TimePyramid([{}, { down: down2, up: up1 }, { fromMotion: inLayer, down: down1, up: up2, toMotion: out }], [latent], [decoderIn]);
      this.state = { level: this.pyramid.top, alpha: 1 };
      return;
    }
    const levels = LEVEL_NAMES.map((_name, level) => {
      const { encoder, decoder } = levelGroups(level);
      return level === 0
        ? { fromMotion: fromMotion(encoder, 'from_motion'), toMotion: toMotion(decoder, 'to_motion') }
        : { fromMotion: fromMotion(encoder, 'from_motion'), down: down(encoder, 'down'), up: up(decoder, 'up'), toMotion: toMotion(decoder, 'to_motion') };
    });
    const latent = conv('encoder', 'latent', 3 * width, codeDim, 'same', false);
    this.quantizer = this.makeQuantizer(store, config);
    const decoderIn = conv('decoder', 'in', 3 * codeDim, width, 'same', true);
    this.pyramid = new TimePyramid(levels, [latent], [decoderIn]);
    this.state = { level: 0, alpha: 1 };
  }

  private makeQuantizer(store: ParamStore, config: AudioToMotionConfig): VectorQuantizer {
    return new VectorQuantizer(store, 'codebook', { codes: config.codes, dim: config.codeDim, decay: 0.99, deadBelow: 0.01 });
  }

  /** Latents [batch, frames/4, codeDim] for full-rate motion [batch, frames, features] (pooled to the level's rate first). */
  encode(motion: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    return tf.tidy(() => this.pyramid.encode(poolFrames(motion, this.pyramid.factor(this.state.level)), this.state, ctx));
  }

  /** Motion at the level's rate for latents at a quarter of the full rate. */
  decode(latents: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    return this.pyramid.decode(latents, this.state, ctx);
  }

  /** Full-rate motion as the tokenizer at its level learns to rebuild it (pooled, faded): what its loss compares with. */
  atLevel(motion: tf.Tensor3D): tf.Tensor3D {
    return this.pyramid.atLevel(motion, this.state);
  }

  /** Code indices [batch, frames/4] for motion: the generator's targets (no gradient history). */
  tokens(motion: tf.Tensor3D, ctx: StepContext): tf.Tensor2D {
    return tf.tidy(() => {
      const latents = this.encode(motion, ctx);
      const [batch, length, dim] = latents.shape;
      return tf.reshape(this.quantizer.indices(tf.reshape(latents, [batch * length, dim]) as tf.Tensor2D), [batch, length]) as tf.Tensor2D;
    });
  }

  /** Motion as it leaves the model, [batch, 4·length, features], for code indices [batch, length]: decoded, then low-passed. */
  detokenize(tokens: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => this.shown(this.decode(this.quantizer.lookup(tokens) as tf.Tensor3D, EXACT_CONTEXT)));
  }

  /**
   * The decoder's raw output as it is shown, scored and exported: at full frame rate (so curves
   * stay comparable across growth), through the fixed low-pass (nn/low-pass.ts).
   */
  shown(decoded: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => lowPassFrames(this.pyramid.toFullRate(decoded, this.state.level), this.outputSmoothing));
  }

  /**
   * Reconstruction of `inputs` scored against the clean `targets`, both at the level's rate:
   * smooth-L1 + velocity + acceleration + commitment. Also returns the latents and their codes: the EMA codebook update after the
   * step works from these (standard VQ-VAE practice) rather than encoding the batch again.
   */
  losses(inputs: tf.Tensor3D, fullRateTargets: tf.Tensor3D, ctx: StepContext, config: AudioToMotionConfig) {
    const targets = this.atLevel(fullRateTargets);
    const latents = this.encode(inputs, ctx);
    const [batch, length, dim] = latents.shape;
    const flat = tf.reshape(latents, [batch * length, dim]) as tf.Tensor2D;
    const { quantized, indices, commitment } = this.quantizer.quantize(flat);
    const output = this.decode(tf.reshape(quantized, [batch, length, dim]) as tf.Tensor3D, ctx);
    const recon = smoothL1(output, targets);
    const outputVelocity = velocity(output);
    const targetVelocity = velocity(targets);
    const vel = smoothL1(outputVelocity, targetVelocity);
    const accel = smoothL1(velocity(outputVelocity), velocity(targetVelocity));
    const loss = tf.addN([recon, tf.mul(vel, config.velocityWeight), tf.mul(accel, config.accelerationWeight), tf.mul(commitment, config.commitment)]) as tf.Scalar;
    return { loss, recon, vel, accel, commitment, output, targets, flat, indices };
  }
}
