/**
 * Re-initialising a layer group (DeepFaceLab's "re-init inter") on real tensors: exactly the
 * chosen group gets fresh first values, drawn as the model drew them (another seed, the same
 * initializer and bounds; an EMA buffer its first value), and its optimizer state starts over
 * while every other group keeps its weights and moments bit for bit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { AdamW } from './adamw.js';
import { ParamStore } from './params.js';
import { dense } from './temporal-conv.js';
import * as tf from './tf.js';
import { VectorQuantizer } from './vector-quantizer.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const bits = (t: tf.Tensor) => Buffer.from((t.dataSync() as Float32Array).slice().buffer).toString('base64');

function model() {
  const store = new ParamStore(11);
  dense(store, 'encoder', 'in', 12, 8);
  dense(store, 'inter', 'latent', 8, 4);
  new VectorQuantizer(store, 'codebook', { codes: 16, dim: 4, decay: 0.99, deadBelow: 0.01 });
  dense(store, 'decoder', 'out', 4, 12);
  return store;
}

/** Trains every trainable weight a few steps on a made-up loss, so weights and moments are no longer where they began. */
function train(store: ParamStore, optimizer: AdamW, steps: number) {
  const params = store.all().filter((p) => p.trainable);
  for (let i = 0; i < steps; i++) {
    const { grads } = tf.variableGrads(() => tf.addN(params.map((p) => tf.sum(tf.square(tf.sub(p.variable, 0.5))))) as tf.Scalar, params.map((p) => p.variable));
    optimizer.apply(params, grads, { learningRate: 0.05, weightDecay: 0, keep: null, maskSeed: i });
    tf.dispose(Object.values(grads));
  }
  // The EMA buffers move outside backprop: nudge them so their first value is not where they are.
  for (const p of store.all().filter((q) => !q.trainable)) p.variable.assign(tf.add(p.variable, 0.25));
}

const weightsOf = (store: ParamStore) => new Map(store.all().map((p) => [p.name, bits(p.variable)]));
const momentsOf = (optimizer: AdamW) => new Map([...optimizer.moments()].map(([name, v]) => [name, bits(v)]));

describe('re-initialising a layer group', () => {
  it('gives exactly that group fresh first values and fresh optimizer state; every other weight and moment is bit-identical', () => {
    const store = model();
    const first = weightsOf(store);
    const optimizer = new AdamW();
    train(store, optimizer, 5);
    const trained = weightsOf(store);
    const moments = momentsOf(optimizer);

    const changed = store.reinitialize('inter', 1234);
    optimizer.forget(changed);
    expect(changed.map((p) => p.name)).toEqual(['inter.latent.w', 'inter.latent.b']);
    const after = weightsOf(store);
    for (const [name, value] of after) {
      if (name.startsWith('inter.')) expect(value, name).not.toBe(trained.get(name));
      else expect(value, name).toBe(trained.get(name));
    }
    // Drawn afresh: a new matrix within the Glorot bound, not the first one again; biases back at zero.
    const w = store.all().find((p) => p.name === 'inter.latent.w')!.variable;
    expect(bits(w)).not.toBe(first.get('inter.latent.w'));
    expect(Math.max(...Array.from(w.dataSync(), Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 12));
    expect(Array.from(store.all().find((p) => p.name === 'inter.latent.b')!.variable.dataSync())).toEqual([0, 0, 0, 0]);
    // The optimizer forgot the group, and only the group.
    const left = momentsOf(optimizer);
    expect([...left.keys()].filter((k) => k.startsWith('inter.'))).toEqual([]);
    for (const [name, value] of left) expect(value, name).toBe(moments.get(name));
    expect(optimizer.stepCounts()).not.toHaveProperty('inter.latent.w');
    expect(optimizer.stepCounts()['encoder.in.w']).toBe(5);
  });

  it('starts an EMA codebook at its first value again, and the same seed draws the same weights', () => {
    const a = model();
    const first = weightsOf(a);
    train(a, new AdamW(), 3);
    a.reinitialize('codebook', 99);
    for (const name of ['codebook.codebook', 'codebook.ema_count', 'codebook.ema_sum']) expect(weightsOf(a).get(name), name).toBe(first.get(name));
    const b = model();
    a.reinitialize('decoder', 7);
    b.reinitialize('decoder', 7);
    expect(weightsOf(a).get('decoder.out.w')).toBe(weightsOf(b).get('decoder.out.w'));
  });

  it('refuses a group the model does not have', () => {
    expect(() => model().reinitialize('inters', 1)).toThrow("no layer group 'inters'");
  });
});
