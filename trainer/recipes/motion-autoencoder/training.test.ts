/**
 * The demo autoencoder really learns, on the wasm backend this machine trains with, and a
 * training step leaks no tensors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../../data/demo-dataset.js';
import { selectBackend } from '../../engine/backend.js';
import { Rng } from '../../engine/rng.js';
import { trainStep } from '../../engine/train-step.js';
import { Adam } from '../../nn/adam.js';
import * as tf from '../../nn/tf.js';
import { AUTOENCODER_PRESETS } from './config.js';
import { motionAutoencoder } from './recipe.js';
import type { MotionDatasetLike } from './windows.js';

let dir: string;
let data: MotionDatasetLike;

beforeAll(async () => {
  expect((await selectBackend('wasm')).backend).toBe('wasm');
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-autoencoder-'));
  writeDemoDataset(dir, {});
  data = await motionAutoencoder.loadData(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('motion autoencoder on the demo speaker (wasm)', () => {
  it('cuts validation reconstruction error by at least half in 300 steps', async () => {
    const config = AUTOENCODER_PRESETS.tiny;
    const model = motionAutoencoder.build(config, data, 1);
    const optimizer = new Adam();
    const rng = new Rng(1);
    const before = (await model.evaluate())['val/recon'] as number;
    let last: Record<string, number> = {};
    for (let step = 0; step < 300; step++) last = trainStep(model, optimizer, rng, { learningRate: config.learningRate });
    const after = (await model.evaluate())['val/recon'] as number;
    expect(Number.isFinite(last.loss)).toBe(true);
    expect(after).toBeLessThanOrEqual(0.5 * before);
    model.dispose();
    optimizer.dispose();
  });

  it('does not grow the tensor count over 100 steps', () => {
    const config = AUTOENCODER_PRESETS.tiny;
    const model = motionAutoencoder.build(config, data, 2);
    const optimizer = new Adam();
    const rng = new Rng(2);
    // The first step creates the optimizer moments; count from after it.
    trainStep(model, optimizer, rng, { learningRate: config.learningRate });
    const start = tf.memory().numTensors;
    for (let step = 0; step < 100; step++) trainStep(model, optimizer, rng, { learningRate: config.learningRate });
    expect(tf.memory().numTensors).toBe(start);
    model.dispose();
    optimizer.dispose();
  });
});
