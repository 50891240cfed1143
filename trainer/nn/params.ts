/**
 * The model's weights, each owned by a named layer group. Groups are what the stage controls
 * lock and unlock, and what snapshots and exports are organised by.
 */
import * as tf from './tf.js';

export interface Param {
  name: string;
  group: string;
  variable: tf.Variable;
  /** False for buffers updated outside backprop (an EMA codebook): never differentiated. */
  trainable: boolean;
}

export class ParamStore {
  private readonly params = new Map<string, Param>();
  private seed: number;

  constructor(seed: number) {
    this.seed = seed;
  }

  /** Glorot-uniform weights, seeded so that a run is reproducible from its seed. */
  glorot(group: string, name: string, shape: number[], fanIn: number, fanOut: number): tf.Variable {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return this.add(group, name, tf.randomUniform(shape, -limit, limit, 'float32', this.seed++));
  }

  ones(group: string, name: string, shape: number[]): tf.Variable {
    return this.add(group, name, tf.ones(shape));
  }

  zeros(group: string, name: string, shape: number[]): tf.Variable {
    return this.add(group, name, tf.zeros(shape));
  }

  /** State that belongs to a group but is not learned by gradient (e.g. an EMA codebook). */
  buffer(group: string, name: string, initial: tf.Tensor): tf.Variable {
    return this.add(group, name, initial, false);
  }

  private add(group: string, name: string, initial: tf.Tensor, trainable = true): tf.Variable {
    const full = `${group}.${name}`;
    if (this.params.has(full)) throw new Error(`Parameter '${full}' is defined twice`);
    // Unnamed in TF.js: its variable names are process-global, and two models may coexist.
    const variable = tf.variable(initial, trainable);
    initial.dispose();
    this.params.set(full, { name: full, group, variable, trainable });
    return variable;
  }

  all(): Param[] {
    return [...this.params.values()];
  }

  dispose(): void {
    for (const p of this.params.values()) p.variable.dispose();
    this.params.clear();
  }
}
