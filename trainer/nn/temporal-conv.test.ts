import * as tf from './tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { ParamStore } from './params.js';
import { convDown, convSame, convUp, convUpsample, dense, upsampleLinear } from './temporal-conv.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

/** Direct loop reference: out[t] = b + sum_i x[t*stride + i - pad] · W[i]. */
function referenceConv(x: number[][], w: number[][], b: number[], k: number, stride: number, pad: number): number[][] {
  const channels = x[0]!.length;
  const outFrames = Math.floor((x.length + 2 * pad - k) / stride) + 1;
  const out: number[][] = [];
  for (let t = 0; t < outFrames; t++) {
    const row = [...b];
    for (let i = 0; i < k; i++) {
      const src = t * stride + i - pad;
      if (src < 0 || src >= x.length) continue;
      for (let c = 0; c < channels; c++) {
        for (let o = 0; o < b.length; o++) row[o]! += x[src]![c]! * w[i * channels + c]![o]!;
      }
    }
    out.push(row);
  }
  return out;
}

describe('temporal convolutions written as matMuls', () => {
  const frames = 8;
  const channels = 3;
  const x = Array.from({ length: frames }, (_, t) => Array.from({ length: channels }, (_, c) => Math.sin(t * 1.3 + c)));

  it('convSame matches a direct convolution with same padding', async () => {
    const layer = dense(new ParamStore(1), 'g', 'c', 3 * channels, 2);
    const out = convSame(tf.tensor3d([x]), layer, 3);
    const expected = referenceConv(x, (await layer.w.array()) as number[][], (await layer.b.array()) as number[], 3, 1, 1);
    expect(out.shape).toEqual([1, frames, 2]);
    expectClose((await out.array())[0]!, expected);
  });

  it('convDown matches a kernel-4 stride-2 convolution and halves the frames', async () => {
    const layer = dense(new ParamStore(2), 'g', 'd', 4 * channels, 2);
    const out = convDown(tf.tensor3d([x]), layer);
    const expected = referenceConv(x, (await layer.w.array()) as number[][], (await layer.b.array()) as number[], 4, 2, 1);
    expect(out.shape).toEqual([1, frames / 2, 2]);
    expectClose((await out.array())[0]!, expected);
  });

  it('convUp doubles the frames, each input frame producing two outputs', async () => {
    const layer = dense(new ParamStore(3), 'g', 'u', channels, 2 * 2);
    const out = (await convUp(tf.tensor3d([x]), layer).array())[0]!;
    const w = (await layer.w.array()) as number[][];
    const b = (await layer.b.array()) as number[];
    expect(out.length).toBe(2 * frames);
    for (let t = 0; t < frames; t++) {
      const projected = b.map((bias, o) => bias + x[t]!.reduce((s, v, c) => s + v * w[c]![o]!, 0));
      expectClose([out[2 * t]!, out[2 * t + 1]!], [projected.slice(0, 2), projected.slice(2, 4)]);
    }
  });

  it('upsampleLinear keeps a constant constant and a ramp a ramp at twice the rate (no frame-pair steps)', async () => {
    const constant = (await upsampleLinear(tf.fill([1, 4, 2], 3) as tf.Tensor3D).array())[0]!;
    expect(constant.flat()).toEqual(new Array(16).fill(3));
    const ramp = (await upsampleLinear(tf.tensor3d([[[0], [4], [8], [12]]])).array())[0]!.map((f) => f[0]!);
    // Half-frame aligned: the ends repeat, the inside steps by 2 every frame.
    expect(ramp).toEqual([0, 1, 3, 5, 7, 9, 11, 12]);
  });

  it('convUpsample is a kernel-3 conv over the interpolated frames, with gradients for every weight', async () => {
    const layer = dense(new ParamStore(5), 'g', 'u', 3 * channels, 2);
    const input = tf.tensor3d([x]);
    const out = convUpsample(input, layer);
    expect(out.shape).toEqual([1, 2 * frames, 2]);
    expectClose((await out.array())[0]!, (await convSame(upsampleLinear(input), layer, 3).array())[0]!);
    const { grads } = tf.variableGrads(() => tf.sum(convUpsample(input, layer)) as tf.Scalar);
    expect(Object.keys(grads).sort()).toEqual([layer.b.name, layer.w.name].sort());
  });

  it('has gradients for every weight (no missing backward kernel)', () => {
    const store = new ParamStore(4);
    const layer = dense(store, 'g', 'd', 4 * channels, 2);
    const { grads } = tf.variableGrads(() => tf.sum(convDown(tf.tensor3d([x]), layer)) as tf.Scalar);
    expect(Object.keys(grads).sort()).toEqual([layer.b.name, layer.w.name].sort());
  });
});

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 5)));
}
