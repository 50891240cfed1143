/**
 * A model's weights as one Float32Array (every parameter back to back, in the ParamStore's
 * order) and the names and shapes to unpack it. One buffer crosses the process boundary as
 * binary (advanced IPC serialization), not as thousands of JSON numbers.
 */
import type { ParamStore } from '../nn/params.js';
import * as tf from '../nn/tf.js';

export interface PackedWeights {
  names: string[];
  shapes: number[][];
  values: Float32Array;
}

/** Copies every weight out of the live model; the only part of an evaluation that blocks training. */
export function packWeights(params: ParamStore): PackedWeights {
  const all = params.all();
  const total = all.reduce((sum, p) => sum + p.variable.size, 0);
  const values = new Float32Array(total);
  let offset = 0;
  for (const p of all) {
    values.set(p.variable.dataSync() as Float32Array, offset);
    offset += p.variable.size;
  }
  return { names: all.map((p) => p.name), shapes: all.map((p) => [...p.variable.shape]), values };
}

/** Puts packed weights into a model of the same recipe and preset; throws naming the first mismatch. */
export function unpackWeights(params: ParamStore, packed: PackedWeights): void {
  const all = params.all();
  if (all.length !== packed.names.length) throw new Error(`The evaluation model has ${all.length} weights; the trainer sent ${packed.names.length}.`);
  let offset = 0;
  all.forEach((p, i) => {
    const shape = packed.shapes[i] ?? [];
    if (p.name !== packed.names[i] || shape.join('x') !== p.variable.shape.join('x')) {
      throw new Error(`Weight ${i} is ${p.name} [${p.variable.shape.join('x')}] here but ${packed.names[i]} [${shape.join('x')}] in the trainer.`);
    }
    const size = p.variable.size;
    tf.tidy(() => p.variable.assign(tf.tensor(packed.values.subarray(offset, offset + size), shape, 'float32')));
    offset += size;
  });
}
