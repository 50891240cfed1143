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

  it('shares the buffer for a cast to the same dtype, and converts for any other', () => {
    const a = tf.tensor1d([1.5, -2.5, 3]);
    const same = tf.cast(a, 'float32');
    expect(same.dataId).toBe(a.dataId);
    a.dispose();
    expect([...same.dataSync()]).toEqual([1.5, -2.5, 3]);
    const whole = tf.cast(same, 'int32');
    expect(whole.dtype).toBe('int32');
    expect(whole.dataId).not.toBe(same.dataId);
    expect([...whole.dataSync()]).toEqual([1, -2, 3]);
    tf.dispose([same, whole]);
  });

  it('leaves a Relu gradient (a same-dtype cast of its mask) exact', () => {
    const x = tf.tensor1d([-1, 0.5, 2, -0.25]);
    const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.relu(v), tf.tensor1d([1, 2, 3, 4]))))(x);
    expect([...dx.dataSync()]).toEqual([0, 2, 3, 0]);
  });

  it('leaves gradients that save their inputs exact', () => {
    const x = tf.tensor1d([0.5, -1, 2]);
    const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.square(v), tf.exp(v))))(x);
    const expected = [0.5, -1, 2].map((v) => (2 * v + v * v) * Math.exp(v));
    [...dx.dataSync()].forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 5));
  });
});
