/**
 * The time pyramid on real tensors: at alpha 0 a new level changes nothing (its output is the
 * coarse path's, upsampled; its encoding the coarse path's on the pooled input), at alpha 1
 * the coarse path is gone, and the data fades with the layers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import type { ConvStep } from './conv-stack.js';
import { ParamStore } from './params.js';
import { EXACT_CONTEXT } from './step-context.js';
import { dense, upsampleLinear } from './temporal-conv.js';
import { poolFrames, TimePyramid } from './time-pyramid.js';
import * as tf from './tf.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const FEATURES = 6;
const WIDTH = 8;

function pyramid() {
  const store = new ParamStore(5);
  const conv = (group: string, name: string, inputs: number, outputs: number, kind: ConvStep['kind'], relu: boolean): ConvStep => ({ layer: dense(store, group, name, inputs, outputs), kind, relu });
  const level = (g: string, top: boolean) => ({
    fromMotion: conv(`enc_${g}`, 'from', 3 * FEATURES, WIDTH, 'same', true),
    ...(top ? { down: conv(`enc_${g}`, 'down', 4 * WIDTH, WIDTH, 'down', true), up: conv(`dec_${g}`, 'up', 3 * WIDTH, WIDTH, 'upsample', true) } : {}),
    toMotion: conv(`dec_${g}`, 'to', 3 * WIDTH, FEATURES, 'same', false),
  });
  const levels = [level('0', false), level('1', true), level('2', true)];
  const core = [conv('enc_0', 'latent', 3 * WIDTH, 4, 'same', false)];
  const decoderCore = [conv('dec_0', 'in', 3 * 4, WIDTH, 'same', true)];
  return { store, levels, net: new TimePyramid(levels, core, decoderCore) };
}

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const motion = (frames: number) => tf.randomNormal([2, frames, FEATURES], 0, 1, 'float32', 3) as tf.Tensor3D;

describe('a growth level fading in', () => {
  it('at alpha 0 decodes to the level below, upsampled; at alpha 1 to its own layers only', () => {
    const { net, store } = pyramid();
    const z = tf.randomNormal([2, 4, 4], 0, 1, 'float32', 9) as tf.Tensor3D;
    const atZero = net.decode(z, { level: 1, alpha: 0 }, EXACT_CONTEXT);
    const coarse = net.decode(z, { level: 0, alpha: 1 }, EXACT_CONTEXT);
    expect(atZero.shape).toEqual([2, 8, FEATURES]);
    expect(values(atZero)).toEqual(values(upsampleLinear(coarse)));
    const atOne = net.decode(z, { level: 1, alpha: 1 }, EXACT_CONTEXT);
    const halfway = net.decode(z, { level: 1, alpha: 0.5 }, EXACT_CONTEXT);
    const mix = tf.add(tf.mul(atOne, 0.5), tf.mul(upsampleLinear(coarse), 0.5));
    expect(values(halfway).map((v, i) => Math.abs(v - values(mix)[i]!))).toSatisfy((d: number[]) => Math.max(...d) < 1e-5);
    expect(values(atOne)).not.toEqual(values(atZero));
    store.dispose();
  });

  it('at alpha 0 encodes as the level below does on the input pooled to its rate', () => {
    const { net, store } = pyramid();
    const x = motion(16);
    const atZero = net.encode(x, { level: 2, alpha: 0 }, EXACT_CONTEXT);
    const below = net.encode(poolFrames(x, 2), { level: 1, alpha: 1 }, EXACT_CONTEXT);
    expect(atZero.shape).toEqual([2, 4, 4]);
    expect(values(atZero)).toEqual(values(below));
    expect(values(net.encode(x, { level: 2, alpha: 1 }, EXACT_CONTEXT))).not.toEqual(values(atZero));
    store.dispose();
  });

  it('fades the data too: at alpha 0 the level sees its own rate smoothed to the level below, at alpha 1 its own', () => {
    const { net, store } = pyramid();
    const x = motion(16);
    expect(net.atLevel(x, { level: 2, alpha: 1 }).shape).toEqual([2, 16, FEATURES]);
    expect(net.atLevel(x, { level: 1, alpha: 1 }).shape).toEqual([2, 8, FEATURES]);
    expect(values(net.atLevel(x, { level: 1, alpha: 0 }))).toEqual(values(upsampleLinear(poolFrames(poolFrames(x, 2), 2))));
    expect(values(net.toFullRate(poolFrames(x, 4), 0))).toEqual(values(upsampleLinear(upsampleLinear(poolFrames(x, 4)))));
    store.dispose();
  });

  it('pools by averaging runs of frames', () => {
    const x = tf.tensor3d([1, 3, 5, 7], [1, 4, 1]);
    expect(values(poolFrames(x, 2))).toEqual([2, 6]);
    expect(values(poolFrames(x, 4))).toEqual([4]);
  });
});
