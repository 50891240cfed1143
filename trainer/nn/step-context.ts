/**
 * How the live controls reach inside a forward pass: what every layer is handed. It lives with
 * the layers, so they need not reach up into the recipes or the loop that build it.
 */
import type * as tf from './tf.js';

/** How the live controls reach inside a forward pass. */
export interface StepContext {
  /** Rounds a tensor to the emulated precision at a layer boundary; identity in fp32. */
  quantize: (x: tf.Tensor) => tf.Tensor;
  /** Recompute each block's forward in the backward pass instead of keeping its activations. */
  recompute: boolean;
  /** Weight of the generator's adversarial term; 0 while GAN is off. */
  adversarialWeight: number;
  /** Layer groups that are unlocked this step: a model may skip work for frozen parts. */
  trainable: ReadonlySet<string>;
}

/** Evaluation, sampling and previews run in exact fp32, nothing recomputed, nothing adversarial. */
export const EXACT_CONTEXT: StepContext = { quantize: (x) => x, recompute: false, adversarialWeight: 0, trainable: new Set() };
