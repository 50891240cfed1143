/**
 * AdamW with its state held per parameter, written by hand (not tf.train.adam) so the stage
 * controls can reach inside:
 *  - only the trainable (unlocked) parameters are passed in; a locked group's moments and step
 *    count stay exactly as they were, and training resumes from them on unlock;
 *  - learning-rate dropout multiplies the final update by a fresh Bernoulli(keep) mask per
 *    element, while the moments still see the full gradient (as DeepFaceLab does);
 *  - the learning rate can change between any two steps; snapshots can save every moment.
 */
import type { Param } from './params.js';
import * as tf from './tf.js';

export interface AdamSettings {
  /** Decay of the first moment (momentum). */
  beta1: number;
  /** Decay of the second moment; 0.99 adapts faster between stages than 0.999. */
  beta2: number;
  /** Guards the division; 1e-8 as in the Adam paper. */
  epsilon: number;
}

export const DEFAULT_ADAM: AdamSettings = { beta1: 0.9, beta2: 0.99, epsilon: 1e-8 };

export interface UpdateOptions {
  learningRate: number;
  /** Decoupled weight decay, applied to matrices only (biases are left alone). */
  weightDecay: number;
  /** LRD: probability an element's update is kept this step; null = LRD off. */
  keep: number | null;
  /** Seed for this step's LRD masks, drawn from the run's RNG so a resumed run repeats them. */
  maskSeed: number;
}

interface Slot {
  m: tf.Variable;
  v: tf.Variable;
  /** Updates this parameter has had: bias correction is per parameter, so a locked group's stays put. */
  steps: number;
}

export class AdamW {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly settings: AdamSettings = DEFAULT_ADAM) {}

  /** `grads` is keyed by TF.js variable name, as tf.variableGrads returns it. */
  apply(params: readonly Param[], grads: Record<string, tf.Tensor>, options: UpdateOptions): void {
    const { beta1, beta2, epsilon } = this.settings;
    tf.tidy(() => {
      params.forEach((param, index) => {
        const grad = grads[param.variable.name];
        if (!grad) return;
        const slot = this.slotOf(param);
        slot.steps += 1;
        slot.m.assign(tf.add(tf.mul(slot.m, beta1), tf.mul(grad, 1 - beta1)));
        slot.v.assign(tf.add(tf.mul(slot.v, beta2), tf.mul(tf.square(grad), 1 - beta2)));
        const mHat = tf.div(slot.m, 1 - beta1 ** slot.steps);
        const vHat = tf.div(slot.v, 1 - beta2 ** slot.steps);
        let update = tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon));
        if (options.weightDecay > 0 && param.variable.rank >= 2) update = tf.add(update, tf.mul(param.variable, options.weightDecay));
        if (options.keep !== null && options.keep < 1) {
          const mask = tf.less(tf.randomUniform(param.variable.shape, 0, 1, 'float32', options.maskSeed + index), options.keep);
          update = tf.mul(update, tf.cast(mask, 'float32'));
        }
        param.variable.assign(tf.sub(param.variable, tf.mul(update, options.learningRate)));
      });
    });
  }

  private slotOf(param: Param): Slot {
    let slot = this.slots.get(param.name);
    if (!slot) {
      slot = { m: tf.variable(tf.zerosLike(param.variable), false), v: tf.variable(tf.zerosLike(param.variable), false), steps: 0 };
      this.slots.set(param.name, slot);
    }
    return slot;
  }

  /** Moment tensors by name, for snapshots. */
  moments(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    for (const [name, { m, v }] of this.slots) {
      out.set(`${name}.adam_m`, m);
      out.set(`${name}.adam_v`, v);
    }
    return out;
  }

  /** Per-parameter update counts, for snapshots and for tests of lock behaviour. */
  stepCounts(): Record<string, number> {
    return Object.fromEntries([...this.slots].map(([name, slot]) => [name, slot.steps]));
  }

  /**
   * Replaces every slot with saved state (a snapshot's): moments named as `moments()` names
   * them, and per-parameter update counts. Parameters without a count had no update yet.
   */
  restore(params: readonly Param[], saved: { moment(name: string): tf.Tensor | null; steps: Record<string, number> }): void {
    this.dispose();
    for (const param of params) {
      const steps = saved.steps[param.name];
      if (steps === undefined) continue;
      const m = saved.moment(`${param.name}.adam_m`);
      const v = saved.moment(`${param.name}.adam_v`);
      if (!m || !v) throw new Error(`The saved optimizer state of '${param.name}' has no moments.`);
      this.slots.set(param.name, { m: tf.variable(m, false), v: tf.variable(v, false), steps });
      tf.dispose([m, v]);
    }
  }

  dispose(): void {
    for (const { m, v } of this.slots.values()) tf.dispose([m, v]);
    this.slots.clear();
  }
}
