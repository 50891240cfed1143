/**
 * The codebook's EMA step: live codes move to the smoothed running mean of their latents, and
 * a code whose count falls below the threshold jumps onto a latent of the batch, with its
 * count reset to 1. The random picks are drawn whether or not a code died.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { selectBackend } from '../engine/backend.js';
import { ParamStore } from './params.js';
import * as tf from './tf.js';
import { VectorQuantizer } from './vector-quantizer.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const rowsOf = (t: tf.Tensor) => t.arraySync() as number[][];

describe('VectorQuantizer.update', () => {
  it('moves every live code to its EMA mean', () => {
    const quantizer = new VectorQuantizer(new ParamStore(1), 'codebook', { codes: 2, dim: 2, decay: 0.5, deadBelow: 0.01 });
    const before = rowsOf(quantizer.codebook);
    const z = tf.tensor2d([[1, 2], [3, 4], [10, 20]]);
    const rng = new Rng(5);
    quantizer.update(z, tf.tensor1d([0, 0, 1], 'int32'), rng);
    // counts: 0.5·1 + 0.5·[2, 1] = [1.5, 1]; sums: 0.5·before + 0.5·[[4, 6], [10, 20]].
    const count = [1.5, 1];
    const sum = [[0.5 * before[0]![0]! + 2, 0.5 * before[0]![1]! + 3], [0.5 * before[1]![0]! + 5, 0.5 * before[1]![1]! + 10]];
    const total = 2.5;
    const smoothed = count.map((c) => ((c + 1e-5) / (total + 2e-5)) * total);
    const after = rowsOf(quantizer.codebook);
    after.forEach((row, code) => row.forEach((v, j) => expect(v).toBeCloseTo(sum[code]![j]! / smoothed[code]!, 5)));
    // The picks were drawn even though no code died: one rng.int per code.
    const reference = new Rng(5);
    reference.int(3);
    reference.int(3);
    expect(rng.state).toBe(reference.state);
  });

  it('restarts a dead code on a latent of the batch and resets its count', () => {
    const quantizer = new VectorQuantizer(new ParamStore(1), 'codebook', { codes: 3, dim: 2, decay: 0.01, deadBelow: 0.5 });
    const z = tf.tensor2d([[7, 8], [7, 8], [7, 8], [7, 8]]);
    // Everything goes to code 0: codes 1 and 2 get counts of 0.01 < 0.5 and die.
    quantizer.update(z, tf.tensor1d([0, 0, 0, 0], 'int32'), new Rng(9));
    const after = rowsOf(quantizer.codebook);
    expect(after[1]).toEqual([7, 8]);
    expect(after[2]).toEqual([7, 8]);
    expect([...quantizer['emaCount'].dataSync()].slice(1)).toEqual([1, 1]);
    // The live code follows its mean: 0.99·[7, 8]·4 plus a little of its start, over its count.
    expect(after[0]![0]).toBeCloseTo(7, 1);
  });
});
