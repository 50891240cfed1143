/**
 * AdamW updates parameters that share an update count as one flat vector; the result must be
 * bit-identical to the textbook per-parameter update, including decay on matrices only, LRD
 * masks, and parameters whose update counts differ (a group that was locked for a while).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { AdamW, DEFAULT_ADAM, type UpdateOptions } from './adamw.js';
import { ParamStore, type Param } from './params.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** The per-parameter AdamW step, written out plainly. */
function referenceStep(p: Param, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, steps: number, index: number, o: UpdateOptions) {
  const { beta1, beta2, epsilon } = DEFAULT_ADAM;
  const m2 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
  const v2 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
  let update = tf.div(tf.div(m2, 1 - beta1 ** steps), tf.add(tf.sqrt(tf.div(v2, 1 - beta2 ** steps)), epsilon));
  if (o.weightDecay > 0 && p.variable.rank >= 2) update = tf.add(update, tf.mul(p.variable, o.weightDecay));
  if (o.keep !== null) update = tf.mul(update, tf.cast(tf.less(tf.randomUniform(p.variable.shape, 0, 1, 'float32', o.maskSeed + index), o.keep), 'float32'));
  return { w: tf.sub(p.variable, tf.mul(update, o.learningRate)), m: m2, v: v2 };
}

const bits = (t: tf.Tensor) => Buffer.from((t.dataSync() as Float32Array).slice().buffer);

describe('AdamW', () => {
  it('updates like the per-parameter formula, bit for bit, with decay, LRD and uneven step counts', () => {
    const store = new ParamStore(3);
    store.glorot('a', 'w', [30, 20], 30, 20);
    store.zeros('a', 'b', [20]);
    store.glorot('b', 'w', [20, 5], 20, 5);
    store.ones('b', 'gain', [5]);
    const all = store.all();
    const optimizer = new AdamW();
    const ref = all.map((p) => ({ w: p.variable.clone(), m: tf.zerosLike(p.variable), v: tf.zerosLike(p.variable), steps: 0 }));
    for (let step = 0; step < 5; step++) {
      // Group b is locked for steps 1-2, so its update count falls behind a's.
      const params = step === 1 || step === 2 ? all.slice(0, 2) : all;
      const options: UpdateOptions = { learningRate: 1e-2, weightDecay: 0.01, keep: step % 2 === 1 ? 0.7 : null, maskSeed: 40 + step };
      const grads = Object.fromEntries(params.map((p, i) => [p.variable.name, tf.randomNormal(p.variable.shape, 0, 1, 'float32', 100 * step + i + 1)]));
      params.forEach((p, index) => {
        const r = ref[all.indexOf(p)] as (typeof ref)[number];
        r.steps += 1;
        const next = referenceStep({ ...p, variable: r.w as tf.Variable }, grads[p.variable.name] as tf.Tensor, r.m, r.v, r.steps, index, options);
        tf.dispose([r.w, r.m, r.v]);
        Object.assign(r, next);
      });
      optimizer.apply(params, grads, options);
      tf.dispose(Object.values(grads));
    }
    const moments = optimizer.moments();
    all.forEach((p, i) => {
      const r = ref[i] as (typeof ref)[number];
      expect(bits(p.variable).equals(bits(r.w))).toBe(true);
      expect(bits(moments.get(`${p.name}.adam_m`) as tf.Tensor).equals(bits(r.m))).toBe(true);
      expect(bits(moments.get(`${p.name}.adam_v`) as tf.Tensor).equals(bits(r.v))).toBe(true);
    });
    expect(optimizer.stepCounts()).toEqual({ 'a.w': 5, 'a.b': 5, 'b.w': 3, 'b.gain': 3 });
    optimizer.dispose();
    store.dispose();
  });
});
