/**
 * Temporal im2col: our wasm kernel gives exactly what the tensor-op version gives (and what a
 * direct loop gives), for 'same' and strided layouts, clips shorter than the kernel, and its
 * registered gradient matches autodiff through the tensor ops.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { im2col, im2colOps, type Im2ColAttrs } from './im2col.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** cols[b][o][i·C + c] = x[b][stride·o + i − padBefore][c], or 0 off the clip. */
function direct(x: number[][][], { taps, stride, padBefore, outFrames }: Im2ColAttrs): number[][][] {
  return x.map((clip) =>
    Array.from({ length: outFrames }, (_, o) =>
      Array.from({ length: taps }, (_, i) => clip[stride * o + i - padBefore] ?? clip[0]!.map(() => 0)).flat(),
    ),
  );
}

const cases: [string, [number, number, number], Im2ColAttrs][] = [
  ["'same', kernel 3", [2, 7, 3], { taps: 3, stride: 1, padBefore: 1, outFrames: 7 }],
  ["'same', kernel 5 over a 2-frame clip", [2, 2, 4], { taps: 5, stride: 1, padBefore: 2, outFrames: 2 }],
  ['kernel 4, stride 2 (convDown)', [3, 8, 2], { taps: 4, stride: 2, padBefore: 1, outFrames: 4 }],
  ['kernel 1 (no padding)', [1, 4, 3], { taps: 1, stride: 1, padBefore: 0, outFrames: 4 }],
];

describe('im2col', () => {
  it.each(cases)('%s: the wasm kernel matches the tensor ops and a direct loop', (_name, shape, attrs) => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', 4) as tf.Tensor3D;
    const kernel = im2col(tf, x, attrs);
    const ops = im2colOps(tf, x, attrs);
    expect(kernel.shape).toEqual([shape[0], attrs.outFrames, attrs.taps * (shape[2] as number)]);
    expect(Array.from(kernel.dataSync())).toEqual(Array.from(ops.dataSync()));
    const expected = direct(x.arraySync(), attrs).flat(2);
    Array.from(kernel.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6));
  });

  it.each(cases)('%s: the kernel gradient matches autodiff through the tensor ops', (_name, shape, attrs) => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', 5) as tf.Tensor3D;
    const weights = tf.randomNormal([shape[0] as number, attrs.outFrames, attrs.taps * (shape[2] as number)], 0, 1, 'float32', 6);
    const viaKernel = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(im2col(tf, t as tf.Tensor3D, attrs), weights)))(x);
    const viaOps = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(im2colOps(tf, t as tf.Tensor3D, attrs), weights)))(x);
    expect(viaKernel.shape).toEqual(x.shape);
    Array.from(viaKernel.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(viaOps.dataSync()[i] as number, 5));
  });

  it('refuses a layout the clip does not fit, naming it', () => {
    expect(() => im2col(tf, tf.zeros([1, 12, 2]) as tf.Tensor3D, { taps: 4, stride: 2, padBefore: 1, outFrames: 4 })).toThrow('12 frames do not fit 4 output frames of stride 2');
    expect(() => im2col(tf, tf.zeros([1, 8, 2]) as tf.Tensor3D, { taps: 3, stride: 2, padBefore: 1, outFrames: 4 })).toThrow('3 taps is not a multiple of stride 2');
  });
});
