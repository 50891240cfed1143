/**
 * On wasm, clones share their buffer (no copy) yet behave as independent tensors: disposing
 * either leaves the other readable, and gradients through saved tensors are unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('Identity on wasm shares the buffer', () => {
  it('a clone outlives its source and the source outlives its clone', () => {
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.clone(a);
    a.dispose();
    expect([...b.dataSync()]).toEqual([1, 2, 3]);
    const c = tf.clone(b);
    c.dispose();
    expect([...b.dataSync()]).toEqual([1, 2, 3]);
    b.dispose();
  });

  it('hands back the same buffer, counted twice, instead of a copy', () => {
    const a = tf.zeros([1000]);
    const b = tf.clone(a);
    const backend = tf.backend() as tf.KernelBackend;
    expect(b.dataId).toBe(a.dataId);
    expect(backend.refCount(a.dataId)).toBe(2);
    a.dispose();
    expect(backend.refCount(b.dataId)).toBe(1);
    b.dispose();
  });

  it('leaves gradients that save their inputs exact', () => {
    const x = tf.tensor1d([0.5, -1, 2]);
    const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.square(v), tf.exp(v))))(x);
    const expected = [0.5, -1, 2].map((v) => (2 * v + v * v) * Math.exp(v));
    [...dx.dataSync()].forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 5));
  });
});
