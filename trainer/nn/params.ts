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

/** How a parameter's first value is made again, from a seed where it is drawn at random. */
type Initializer = (seed: number) => tf.Tensor;

export class ParamStore {
  private readonly params = new Map<string, Param>();
  private readonly initializers = new Map<string, Initializer>();
  private seed: number;

  constructor(seed: number) {
    this.seed = seed;
  }

  /** Glorot-uniform weights, seeded so that a run is reproducible from its seed. */
  glorot(group: string, name: string, shape: number[], fanIn: number, fanOut: number): tf.Variable {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return this.add(group, name, (seed) => tf.randomUniform(shape, -limit, limit, 'float32', seed), this.seed++);
  }

  ones(group: string, name: string, shape: number[]): tf.Variable {
    return this.add(group, name, () => tf.ones(shape));
  }

  zeros(group: string, name: string, shape: number[]): tf.Variable {
    return this.add(group, name, () => tf.zeros(shape));
  }

  /**
   * State that belongs to a group but is not learned by gradient (e.g. an EMA codebook). Its
   * first value is kept (on the CPU) so that re-initialising the group starts it there again.
   */
  buffer(group: string, name: string, initial: tf.Tensor): tf.Variable {
    const { shape } = initial;
    const values = initial.dataSync().slice();
    return this.add(group, name, () => tf.tensor(values, shape), 0, initial, false);
  }

  private add(group: string, name: string, init: Initializer, seed = 0, initial = init(seed), trainable = true): tf.Variable {
    const full = `${group}.${name}`;
    if (this.params.has(full)) throw new Error(`Parameter '${full}' is defined twice`);
    // Unnamed in TF.js: its variable names are process-global, and two models may coexist.
    const variable = tf.variable(initial, trainable);
    initial.dispose();
    this.params.set(full, { name: full, group, variable, trainable });
    this.initializers.set(full, init);
    return variable;
  }

  all(): Param[] {
    return [...this.params.values()];
  }

  /**
   * Gives every parameter of `group` a first value again, as the model was built but drawn from
   * `seed` (DeepFaceLab's "re-init inter": a fresh start for one part, the rest kept). Returns
   * the parameters it changed.
   */
  reinitialize(group: string, seed: number): Param[] {
    const changed = this.all().filter((p) => p.group === group);
    if (changed.length === 0) throw new Error(`The model has no layer group '${group}'.`);
    changed.forEach((p, i) => {
      const fresh = this.initializers.get(p.name)!(seed + i);
      p.variable.assign(fresh);
      fresh.dispose();
    });
    return changed;
  }

  dispose(): void {
    for (const p of this.params.values()) p.variable.dispose();
    this.params.clear();
    this.initializers.clear();
  }
}
