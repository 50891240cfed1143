import * as tf from '../nn/tf.js';
import { selectBackend } from '../engine/backend.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeQuantizer } from './quantize.js';
import { bf16, fp16, roundToBf16, roundToFp16 } from './round-formats.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

// Values with bits below both formats' precision, plus fp16's overflow and underflow.
const X = [1 + 3 * 2 ** -11, -0.1, 70000, 2 ** -26, Math.PI, 1 + 2 ** -8 + 2 ** -12];

describe('makeQuantizer', () => {
  it('fp32 is the identity and returns the same tensor', () => {
    const x = tf.tensor1d(X);
    expect(makeQuantizer('fp32')(x)).toBe(x);
    x.dispose();
  });

  for (const [precision, round] of [['bf16', bf16], ['fp16', fp16]] as const) {
    it(`${precision} forward rounds every value and keeps the shape`, () => {
      const x = tf.tensor2d(X, [2, 3]);
      const y = makeQuantizer(precision)(x);
      expect(y.shape).toEqual([2, 3]);
      expect(Array.from(y.dataSync())).toEqual(X.map(round));
      // The input must be untouched (no in-place rounding of backend storage).
      expect(Array.from(x.dataSync())).toEqual(X.map(Math.fround));
      tf.dispose([x, y]);
    });

    it(`${precision} gradient is straight-through, rounded to ${precision}`, () => {
      const w = tf.variable(tf.tensor1d(X.map((v) => v * 0.5)));
      const c = tf.tensor1d(X);
      const q = makeQuantizer(precision);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(q(w), c)) as tf.Scalar, [w]);
      expect(Object.keys(grads)).toEqual([w.name]);
      expect(Array.from(grads[w.name]!.dataSync())).toEqual(X.map(round));
      tf.dispose([value, grads[w.name]!, w, c]);
    });

    it(`${precision} forward + backward leaks no tensors`, () => {
      const w = tf.variable(tf.tensor1d(X));
      const c = tf.tensor1d(X);
      const q = makeQuantizer(precision);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(q(w), c)) as tf.Scalar, [w]);
        value.dataSync();
        grads[w.name]!.dataSync();
      });
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([w, c]);
    });
  }

  it('fp16 turns a scaled gradient past 65504 into Inf (what loss scaling detects)', () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const q = makeQuantizer('fp16');
    const scale = tf.scalar(2 ** 15);
    const g = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(q(w), tf.tensor1d([1, 3]))).mul(scale) as tf.Scalar, [w]);
      value.dispose();
      return grads[w.name]!;
    });
    // 1 · 2^15 = 32768 fits; 3 · 2^15 = 98304 does not.
    expect(Array.from(g.dataSync())).toEqual([32768, Infinity]);
    tf.dispose([g, w, scale]);
  });

  it('rounds on the wasm heap bit for bit like the JS reference, over all kinds of float32 bits', () => {
    // Random bit patterns (every exponent, NaN payloads, subnormals) plus the edge cases.
    let seed = 12345;
    const bits = new Uint32Array(200_000).map(() => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0));
    bits.set([0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00001, 0xffa00001, 0x00000001, 0x807fffff, 0x7f7fffff, 0x477fe000, 0x477ff000, 0x33000000, 0x3f808000, 0x3f818000]);
    const values = new Float32Array(bits.buffer);
    const x = tf.tensor1d(values);
    for (const [precision, round] of [['bf16', roundToBf16], ['fp16', roundToFp16]] as const) {
      const y = makeQuantizer(precision)(x);
      expect(Buffer.from(y.dataSync().buffer).equals(Buffer.from(round(values).buffer))).toBe(true);
      y.dispose();
    }
    x.dispose();
  });

  it('passes non-float tensors through untouched', () => {
    const i = tf.tensor1d([70000, 3], 'int32');
    expect(makeQuantizer('fp16')(i)).toBe(i);
    i.dispose();
  });
});
