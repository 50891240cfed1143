/**
 * The demo autoencoder really learns, on the wasm backend this machine trains with, and a
 * training step leaks no tensors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../engine/backend.js';
import * as tf from '../../nn/tf.js';
import { demoData, ModelHarness, StepHarness } from '../../testing/step-harness.js';
import { LOOP_METRICS } from '../../protocol.js';
import { AUTOENCODER_PRESETS } from './config.js';
import { AUTOENCODER_GROWTH_LEVELS } from './model.js';
import { motionAutoencoder } from './recipe.js';
import type { MotionDatasetLike } from './windows.js';

let data: MotionDatasetLike;
let remove: () => void;

beforeAll(async () => {
  expect((await selectBackend('wasm')).backend).toBe('wasm');
  ({ data, remove } = await demoData());
});
afterAll(() => remove());

describe('motion autoencoder on the demo speaker (wasm)', () => {
  it('cuts validation reconstruction error by at least half in 300 steps', async () => {
    const harness = new StepHarness(data, 1);
    const before = (await harness.model.evaluate())['val/recon'] as number;
    const last = harness.run(300);
    const after = (await harness.model.evaluate())['val/recon'] as number;
    expect(Number.isFinite(last.values.loss)).toBe(true);
    expect(after).toBeLessThanOrEqual(0.5 * before);
    harness.dispose();
  });

  it('logs exactly the metrics the recipe declares (the ones a plan may watch), beside the loop’s own', async () => {
    const harness = new StepHarness(data, 3, { gan: { enabled: true } });
    const logged = new Set([...Object.keys(harness.run(1).values), ...Object.keys(await harness.model.evaluate())]);
    harness.dispose();
    const declared = new Set([...LOOP_METRICS, ...motionAutoencoder.metrics]);
    expect([...logged].filter((key) => !declared.has(key)), 'logged but not declared').toEqual([]);
    expect(motionAutoencoder.metrics.filter((key) => !logged.has(key)), 'declared but never logged').toEqual([]);
  });

  it('grows in time like the tokenizer: learns at a quarter rate, then the half-rate level trains with the old one locked', async () => {
    const config = AUTOENCODER_PRESETS.tiny;
    const model = motionAutoencoder.build(config, data, 4, { growth: true });
    const harness = new ModelHarness(model, motionAutoencoder.layerGroups, config, 4, {}, { levels: AUTOENCODER_GROWTH_LEVELS, start: { level: 0, fadeSteps: 10 } });
    try {
      const untrained = (await model.evaluate())['val/joint_error_pct'] as number;
      harness.run(100);
      expect((await model.evaluate())['val/joint_error_pct']).toBeLessThan(untrained);
      harness.set({ growth: { level: 1 } });
      const old = harness.weights('encoder');
      const half = harness.weights('encoder_half');
      harness.run(20);
      expect(model.growth?.state).toEqual({ level: 1, alpha: 1 });
      expect([...harness.weights('encoder')]).toEqual([...old]);
      expect([...harness.weights('encoder_half')]).not.toEqual([...half]);
      // Previews come back at the full frame rate whatever the level.
      const preview = await model.preview();
      expect(preview.generated.length).toBe(preview.truth.length);
    } finally {
      harness.dispose();
    }
  });

  it('does not grow the tensor count over 100 steps, whatever the controls', () => {
    const harness = new StepHarness(data, 2, {
      randomWarp: { enabled: true },
      lrd: { enabled: true },
      gan: { enabled: true },
      precision: 'fp16',
      accumulation: 2,
      recompute: true,
    });
    // The first steps create optimizer moments (generator and discriminator); count after them.
    harness.run(2);
    const start = tf.memory().numTensors;
    harness.run(100);
    expect(tf.memory().numTensors).toBe(start);
    harness.dispose();
  });
});
