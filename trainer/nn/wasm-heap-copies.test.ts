/**
 * The wasm Slice, SplitV, Concat and GatherV2 that copy on the heap give exactly what the reference cpu
 * backend gives, for every rank and dtype the trainer uses, partial and whole axes, and
 * through gradients (Slice's gradient is a pad, Concat's a split).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await import('@tensorflow/tfjs-backend-cpu');
  await selectBackend('wasm');
});

/** Runs `fn` on the cpu backend and on wasm and returns both results as plain arrays. */
async function onBoth(fn: () => tf.Tensor | tf.Tensor[]): Promise<{ cpu: unknown; wasm: unknown }> {
  const read = (out: tf.Tensor | tf.Tensor[]) => (Array.isArray(out) ? out : [out]).map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) }));
  await tf.setBackend('cpu');
  const cpu = tf.tidy(() => read(fn()));
  await tf.setBackend('wasm');
  const wasm = tf.tidy(() => read(fn()));
  return { cpu, wasm };
}

const ramp = (shape: number[], dtype: 'float32' | 'int32' = 'float32') => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 1.5 - 7), shape, dtype);

describe('heap-copying Slice, SplitV and Concat on wasm', () => {
  it.each([
    ['1-D middle', [10], [3], [4]],
    ['2-D rows', [6, 5], [2, 0], [3, -1]],
    ['2-D columns', [6, 5], [0, 1], [-1, 3]],
    ['3-D time window (im2col tap)', [2, 7, 3], [0, 1, 0], [2, 5, 3]],
    ['3-D channels', [2, 4, 6], [0, 0, 2], [2, 4, 2]],
    ['4-D inner box', [2, 3, 4, 5], [1, 1, 1, 1], [1, 2, 2, 3]],
    ['empty', [4, 3], [1, 0], [0, 3]],
  ])('Slice: %s', async (_name, shape, begin, size) => {
    const { cpu, wasm } = await onBoth(() => [tf.slice(ramp(shape), begin, size), tf.slice(ramp(shape, 'int32'), begin, size)]);
    expect(wasm).toEqual(cpu);
  });

  it('SplitV along each axis, and Concat along each axis with mixed widths', async () => {
    const { cpu, wasm } = await onBoth(() => [
      ...tf.split(ramp([3, 8, 2]), [1, 5, 2], 1),
      ...tf.split(ramp([6, 2]), 3, 0),
      ...tf.split(ramp([39]), [10, 1, 28]),
      tf.concat([ramp([2, 3, 4]), ramp([2, 1, 4]), ramp([2, 2, 4])], 1),
      tf.concat([ramp([2, 3, 1]), ramp([2, 3, 5])], 2),
      tf.concat([ramp([1, 4]), ramp([3, 4]), ramp([0, 4])], 0),
      tf.concat([tf.tensor1d([1, 0], 'bool'), tf.tensor1d([1], 'bool')]),
    ]);
    expect(wasm).toEqual(cpu);
  });

  it('gradients through slices and concats are unchanged', async () => {
    const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.concat([tf.slice(x, [0, 1, 0], [2, 3, 4]), tf.slice(x, [0, 0, 1], [2, 3, 2])], 2), ramp([2, 3, 6])));
    const { cpu, wasm } = await onBoth(() => tf.grad(f)(ramp([2, 5, 4])));
    expect(wasm).toEqual(cpu);
  });

  it.each([
    ['codebook rows (axis 0)', [6, 4], [5, 0, 0, 3], 0],
    ['columns (axis 1)', [3, 5], [4, 1], 1],
    ['middle axis, 2-D indices', [2, 4, 3], [[3, 0], [1, 1]], 1],
    ['no indices', [4, 2], [], 0],
  ] as const)('GatherV2: %s', async (_name, shape, indices, axis) => {
    const { cpu, wasm } = await onBoth(() => [0, 1].map((i) => tf.gather(ramp([...shape], i ? 'int32' : 'float32'), tf.tensor(indices as unknown as number[], undefined, 'int32'), axis)));
    expect(wasm).toEqual(cpu);
  });

  it('GatherV2 refuses an index out of range, naming it', () => {
    expect(() => tf.gather(ramp([3, 2]), tf.tensor1d([0, 3], 'int32'))).toThrow('GatherV2: the index value 3 is not in [0, 2]');
  });
});
