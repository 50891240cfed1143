/**
 * The motion tokenizer, a VQ-VAE: temporal convs [encoder] squeeze motion to a quarter of the
 * frame rate, a vector quantizer [codebook] turns each latent frame into a code, and temporal
 * convs [decoder] rebuild the motion. Built to grow, it starts at a quarter of the frame rate
 * and adds the half- and full-rate layers level by level (recipes/time-growth.ts). Random warp
 * applies to its inputs only. Motion that leaves the model (reconstructed or generated) passes a
 * fixed low-pass on its way out.
 */
import { smoothL1, velocity } from '../../nn/losses.js';
import type { ParamStore } from '../../nn/params.js';
import { lowPassFrames } from '../../nn/low-pass.js';
import { poolFrames, type GrowthState, type TimePyramid } from '../../nn/time-pyramid.js';
import * as tf from '../../nn/tf.js';
import { VectorQuantizer } from '../../nn/vector-quantizer.js';
import { EXACT_CONTEXT, type StepContext } from '../recipe.js';
import type { GrowthLevel } from '../../protocol.js';
import type { AudioToMotionConfig } from './config.js';
import { buildTimePyramid, timeGrowthLevels } from '../time-growth.js';

/** The tokenizer's growth levels: level 0 holds the encoder, inter, the codebook and the decoder. */
export const TOKENIZER_GROWTH_LEVELS: readonly GrowthLevel[] = timeGrowthLevels(['encoder', 'inter', 'codebook', 'decoder']);

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
   * parameters, groups and seeds). Its last encoder layer, into the codebook's space, is the
   * 'inter' group (DeepFaceLab's intermediate layers).
   */
  constructor(store: ParamStore, config: AudioToMotionConfig, features: number, { growth = false, inter = true }: { growth?: boolean; inter?: boolean } = {}) {
    this.outputSmoothing = config.outputSmoothing;
    let quantizer: VectorQuantizer | undefined;
    this.pyramid = buildTimePyramid(store, {
      features,
      width: config.width,
      latent: config.codeDim,
      // Resize-convolutions: a transposed kernel-2 conv made every frame pair its own guess (jitter at 15 and 7.5 Hz).
      up: 'upsample',
      growth,
      // Without it (a run made before the group existed) the projection stays in the encoder.
      latentGroup: inter ? 'inter' : 'encoder',
      between: () => (quantizer = new VectorQuantizer(store, 'codebook', { codes: config.codes, dim: config.codeDim, decay: 0.99, deadBelow: 0.01 })),
    });
    this.quantizer = quantizer!;
    this.state = { level: growth ? 0 : this.pyramid.top, alpha: 1 };
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
