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
  /** The weight-decay factors of the last parameter list updated (they rarely change). */
  private decay: { key: string; factors: tf.Tensor1D } | null = null;

  constructor(private readonly settings: AdamSettings = DEFAULT_ADAM) {}

  /**
   * `grads` is keyed by TF.js variable name, as tf.variableGrads returns it.
   *
   * Parameters that share an update count are updated together as one flat vector: their
   * gradients, moments and weights are concatenated, the Adam arithmetic runs once, and the
   * results are split back. On wasm every op costs ~20-35 µs of engine overhead whatever its
   * size, and a model has dozens of small weights (biases, norms): per parameter this was ~15
   * ops each, ~250 per tokenizer step and ~570 per generator step. The arithmetic is the same,
   * element by element, so the result is bit-identical to updating each parameter on its own.
   */
  apply(params: readonly Param[], grads: Record<string, tf.Tensor>, options: UpdateOptions): void {
    const groups = new Map<number, { param: Param; index: number; grad: tf.Tensor; slot: Slot }[]>();
    params.forEach((param, index) => {
      const grad = grads[param.variable.name];
      if (!grad) return;
      const slot = this.slotOf(param);
      slot.steps += 1;
      const group = groups.get(slot.steps) ?? [];
      group.push({ param, index, grad, slot });
      groups.set(slot.steps, group);
    });
    for (const [steps, members] of groups) this.applyGroup(steps, members, options);
  }

  private applyGroup(steps: number, members: { param: Param; index: number; grad: tf.Tensor; slot: Slot }[], options: UpdateOptions): void {
    const { beta1, beta2, epsilon } = this.settings;
    tf.tidy(() => {
      const grad = flatten(members.map((m) => m.grad));
      const m = tf.add(tf.mul(flatten(members.map((x) => x.slot.m)), beta1), tf.mul(grad, 1 - beta1));
      const v = tf.add(tf.mul(flatten(members.map((x) => x.slot.v)), beta2), tf.mul(tf.square(grad), 1 - beta2));
      const mHat = tf.div(m, 1 - beta1 ** steps);
      const vHat = tf.div(v, 1 - beta2 ** steps);
      let update = tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon));
      const weights = flatten(members.map((x) => x.param.variable));
      // Decoupled weight decay on matrices only: a flat per-element factor (wd or 0).
      if (options.weightDecay > 0 && members.some((x) => x.param.variable.rank >= 2)) {
        update = tf.add(update, tf.mul(weights, this.decayFactors(members.map((x) => x.param), options.weightDecay)));
      }
      if (options.keep !== null && options.keep < 1) {
        // One mask per parameter, seeded by its position as before, so runs repeat exactly.
        const keep = options.keep;
        const masks = members.map(({ param, index }) => tf.less(tf.randomUniform(param.variable.shape, 0, 1, 'float32', options.maskSeed + index), keep));
        update = tf.mul(update, tf.cast(flatten(masks), 'float32'));
      }
      const next = tf.sub(weights, tf.mul(update, options.learningRate));
      const sizes = members.map((x) => x.param.variable.size);
      const [nextW, nextM, nextV] = [next, m, v].map((t) => (members.length === 1 ? [t] : tf.split(t, sizes)));
      members.forEach((x, i) => {
        const shape = x.param.variable.shape;
        x.slot.m.assign(tf.reshape((nextM as tf.Tensor[])[i] as tf.Tensor, shape));
        x.slot.v.assign(tf.reshape((nextV as tf.Tensor[])[i] as tf.Tensor, shape));
        x.param.variable.assign(tf.reshape((nextW as tf.Tensor[])[i] as tf.Tensor, shape));
      });
    });
  }

  /** wd for each element of a matrix, 0 for vectors (biases, norms), cached per parameter list. */
  private decayFactors(params: Param[], weightDecay: number): tf.Tensor1D {
    const key = `${weightDecay}:${params.map((p) => p.name).join(',')}`;
    if (this.decay?.key !== key) {
      this.decay?.factors.dispose();
      const values = new Float32Array(params.reduce((n, p) => n + p.variable.size, 0));
      let offset = 0;
      for (const p of params) {
        if (p.variable.rank >= 2) values.fill(weightDecay, offset, offset + p.variable.size);
        offset += p.variable.size;
      }
      this.decay = { key, factors: tf.keep(tf.tensor1d(values)) };
    }
    return this.decay.factors;
  }

  private slotOf(param: Param): Slot {
    let slot = this.slots.get(param.name);
    if (!slot) {
      slot = { m: tf.variable(tf.zerosLike(param.variable), false), v: tf.variable(tf.zerosLike(param.variable), false), steps: 0 };
      this.slots.set(param.name, slot);
    }
    return slot;
  }

  /** Drops the state of `params` (re-initialised weights): their next update starts Adam afresh. */
  forget(params: readonly Param[]): void {
    for (const { name } of params) {
      const slot = this.slots.get(name);
      if (!slot) continue;
      tf.dispose([slot.m, slot.v]);
      this.slots.delete(name);
    }
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
    this.decay?.factors.dispose();
    this.decay = null;
  }
}

/** Tensors as one vector, in order (reshapes share their data; one concat copies). */
function flatten(tensors: tf.Tensor[]): tf.Tensor1D {
  const rows = tensors.map((t) => tf.reshape(t, [t.size]));
  return (rows.length === 1 ? rows[0] : tf.concat(rows)) as tf.Tensor1D;
}
