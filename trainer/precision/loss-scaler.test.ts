import * as tf from '../nn/tf.js';
import { selectBackend } from '../engine/backend.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFinite, DynamicLossScaler } from './loss-scaler.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('DynamicLossScaler', () => {
  it('starts at 2^15 with nothing counted', () => {
    expect(new DynamicLossScaler().state()).toEqual({ scale: 2 ** 15, cleanSteps: 0, skipped: 0 });
  });

  it('halves on overflow, counts the skip and resets the clean run', () => {
    const s = new DynamicLossScaler();
    expect(s.update(true)).toEqual({ skip: false });
    expect(s.update(true)).toEqual({ skip: false });
    expect(s.cleanSteps).toBe(2);
    expect(s.update(false)).toEqual({ skip: true });
    expect(s.state()).toEqual({ scale: 2 ** 14, cleanSteps: 0, skipped: 1 });
    s.update(false);
    expect(s.state()).toEqual({ scale: 2 ** 13, cleanSteps: 0, skipped: 2 });
  });

  it('doubles after exactly growthInterval clean steps, then starts counting again', () => {
    const s = new DynamicLossScaler({ initial: 8, growthInterval: 3, factor: 2, min: 1 });
    s.update(true);
    s.update(true);
    expect(s.scale).toBe(8);
    s.update(true);
    expect(s.state()).toEqual({ scale: 16, cleanSteps: 0, skipped: 0 });
    s.update(true);
    s.update(true);
    expect(s.scale).toBe(16);
    s.update(true);
    expect(s.scale).toBe(32);
  });

  it('an overflow restarts the growth interval', () => {
    const s = new DynamicLossScaler({ initial: 8, growthInterval: 3, factor: 2, min: 1 });
    s.update(true);
    s.update(true);
    s.update(false); // 4
    s.update(true);
    s.update(true);
    expect(s.scale).toBe(4);
    s.update(true);
    expect(s.scale).toBe(8);
  });

  it('never goes below min, but still skips the step', () => {
    const s = new DynamicLossScaler({ initial: 4, growthInterval: 2000, factor: 2, min: 1 });
    for (let i = 0; i < 5; i++) expect(s.update(false).skip).toBe(true);
    expect(s.state()).toEqual({ scale: 1, cleanSteps: 0, skipped: 5 });
  });

  it('uses the default 2000-step interval', () => {
    const s = new DynamicLossScaler();
    for (let i = 0; i < 1999; i++) s.update(true);
    expect(s.scale).toBe(2 ** 15);
    s.update(true);
    expect(s.scale).toBe(2 ** 16);
  });

  it('restore continues exactly where state() left off', () => {
    const a = new DynamicLossScaler({ initial: 8, growthInterval: 3, factor: 2, min: 1 });
    a.update(false);
    a.update(true);
    a.update(true);
    const saved = JSON.parse(JSON.stringify(a.state())) as ReturnType<DynamicLossScaler['state']>;
    const b = new DynamicLossScaler({ initial: 8, growthInterval: 3, factor: 2, min: 1 });
    b.restore(saved);
    expect(b.state()).toEqual({ scale: 4, cleanSteps: 2, skipped: 1 });
    a.update(true);
    b.update(true);
    expect(b.state()).toEqual(a.state());
    expect(b.scale).toBe(8);
    expect(() => b.restore({ scale: 0, cleanSteps: 0, skipped: 0 })).toThrow(/scale/);
  });

  it('rejects nonsense options', () => {
    expect(() => new DynamicLossScaler({ factor: 1 })).toThrow();
    expect(() => new DynamicLossScaler({ initial: 0.5, min: 1 })).toThrow();
  });
});

describe('allFinite', () => {
  it('runs on the wasm backend', () => {
    expect(tf.getBackend()).toBe('wasm');
  });

  it('is true for finite gradients, including huge ones whose sum would overflow', () => {
    const ts = [tf.tensor1d([1, -2, 0]), tf.tensor2d([[3e38, 3e38], [3e38, 3e38]]), tf.scalar(-0)];
    expect(allFinite(ts)).toBe(true);
    tf.dispose(ts);
  });

  for (const bad of [NaN, Infinity, -Infinity]) {
    it(`is false when any one tensor holds ${bad}`, () => {
      const ts = [tf.tensor1d([1, 2]), tf.tensor2d([[0, bad], [1, 1]]), tf.tensor1d([5])];
      expect(allFinite(ts)).toBe(false);
      expect(allFinite([ts[1]!])).toBe(false);
      tf.dispose(ts);
    });
  }

  it('is true for no tensors and leaks nothing', () => {
    expect(allFinite([])).toBe(true);
    const ts = [tf.tensor1d([1, NaN]), tf.tensor1d([2])];
    const before = tf.memory().numTensors;
    allFinite(ts);
    allFinite([ts[0]!]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(ts);
  });
});
