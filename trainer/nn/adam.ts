/**
 * Adam with its moments held per parameter name. Written by hand rather than tf.train.adam so
 * that the stage controls can reach inside: locked groups keep their moments untouched,
 * the learning rate changes between any two steps, and snapshots can save the moments.
 */
import * as tf from './tf.js';
import type { Param } from './params.js';

export interface AdamSettings {
  /** Decay of the first moment (momentum). */
  beta1: number;
  /** Decay of the second moment; 0.99 rather than 0.999 adapts faster between stages. */
  beta2: number;
  /** Guards the division; 1e-8 as in the Adam paper. */
  epsilon: number;
}

export const DEFAULT_ADAM: AdamSettings = { beta1: 0.9, beta2: 0.99, epsilon: 1e-8 };

export class Adam {
  private readonly moments = new Map<string, { m: tf.Variable; v: tf.Variable }>();
  /** Number of updates applied; drives the bias correction. */
  updates = 0;

  constructor(private readonly settings: AdamSettings = DEFAULT_ADAM) {}

  /** `grads` is keyed by TF.js variable name, as tf.variableGrads returns it. */
  apply(params: readonly Param[], grads: Record<string, tf.Tensor>, learningRate: number): void {
    this.updates++;
    const { beta1, beta2, epsilon } = this.settings;
    const correction1 = 1 - beta1 ** this.updates;
    const correction2 = 1 - beta2 ** this.updates;
    tf.tidy(() => {
      for (const param of params) {
        const grad = grads[param.variable.name];
        if (!grad) continue;
        const { m, v } = this.momentsOf(param);
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(grad, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(grad), 1 - beta2)));
        const update = tf.div(tf.div(m, correction1), tf.add(tf.sqrt(tf.div(v, correction2)), epsilon));
        param.variable.assign(tf.sub(param.variable, tf.mul(update, learningRate)));
      }
    });
  }

  private momentsOf(param: Param): { m: tf.Variable; v: tf.Variable } {
    let entry = this.moments.get(param.name);
    if (!entry) {
      entry = {
        m: tf.variable(tf.zerosLike(param.variable), false),
        v: tf.variable(tf.zerosLike(param.variable), false),
      };
      this.moments.set(param.name, entry);
    }
    return entry;
  }

  /** Moment tensors by name, for snapshots. */
  state(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    for (const [name, { m, v }] of this.moments) {
      out.set(`${name}.adam_m`, m);
      out.set(`${name}.adam_v`, v);
    }
    return out;
  }

  dispose(): void {
    for (const { m, v } of this.moments.values()) {
      m.dispose();
      v.dispose();
    }
    this.moments.clear();
  }
}
