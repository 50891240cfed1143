/**
 * The motion tokenizer, a VQ-VAE: temporal convs [encoder] squeeze motion to a quarter of the
 * frame rate, a vector quantizer [codebook] turns each latent frame into a code, and temporal
 * convs [decoder] rebuild the motion. Random warp applies to its inputs only. Motion that
 * leaves the model (reconstructed or generated) passes a fixed low-pass on its way out.
 */
import { runConvs, type ConvStep } from '../../nn/conv-stack.js';
import { smoothL1, velocity } from '../../nn/losses.js';
import type { ParamStore } from '../../nn/params.js';
import { lowPassFrames } from '../../nn/low-pass.js';
import { dense } from '../../nn/temporal-conv.js';
import * as tf from '../../nn/tf.js';
import { VectorQuantizer } from '../../nn/vector-quantizer.js';
import { EXACT_CONTEXT, type StepContext } from '../recipe.js';
import type { AudioToMotionConfig } from './config.js';

export class MotionTokenizer {
  readonly quantizer: VectorQuantizer;
  private readonly encoder: ConvStep[];
  private readonly decoder: ConvStep[];
  private readonly outputSmoothing: number;

  constructor(store: ParamStore, config: AudioToMotionConfig, features: number) {
    this.outputSmoothing = config.outputSmoothing;
    const { width, codeDim } = config;
    this.encoder = [
      { layer: dense(store, 'encoder', 'in', 3 * features, width), kind: 'same', relu: true },
      { layer: dense(store, 'encoder', 'down1', 4 * width, width), kind: 'down', relu: true },
      { layer: dense(store, 'encoder', 'down2', 4 * width, width), kind: 'down', relu: true },
      { layer: dense(store, 'encoder', 'latent', 3 * width, codeDim), kind: 'same', relu: false },
    ];
    this.quantizer = new VectorQuantizer(store, 'codebook', { codes: config.codes, dim: codeDim, decay: 0.99, deadBelow: 0.01 });
    this.decoder = [
      { layer: dense(store, 'decoder', 'in', 3 * codeDim, width), kind: 'same', relu: true },
      // Resize-convolutions: a transposed kernel-2 conv made every frame pair its own guess (jitter at 15 and 7.5 Hz).
      { layer: dense(store, 'decoder', 'up1', 3 * width, width), kind: 'upsample', relu: true },
      { layer: dense(store, 'decoder', 'up2', 3 * width, width), kind: 'upsample', relu: true },
      { layer: dense(store, 'decoder', 'out', 3 * width, features), kind: 'same', relu: false },
    ];
  }

  /** Latents [batch, frames/4, codeDim] for motion [batch, frames, features]. */
  encode(motion: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    return runConvs(this.encoder, motion, ctx);
  }

  decode(latents: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    return runConvs(this.decoder, latents, ctx);
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

  /** The decoder's raw output as it is shown, scored and exported: through the fixed low-pass (nn/low-pass.ts). */
  shown(decoded: tf.Tensor3D): tf.Tensor3D {
    return lowPassFrames(decoded, this.outputSmoothing);
  }

  /**
   * Reconstruction of `inputs` scored against the clean `targets`: smooth-L1 + velocity +
   * acceleration + commitment. Also returns the latents and their codes: the EMA codebook update after the
   * step works from these (standard VQ-VAE practice) rather than encoding the batch again.
   */
  losses(inputs: tf.Tensor3D, targets: tf.Tensor3D, ctx: StepContext, config: AudioToMotionConfig) {
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
    return { loss, recon, vel, accel, commitment, output, flat, indices };
  }
}
