/**
 * The evaluation worker is a real second process with real TF.js (wasm): given the trainer's
 * weights, or a snapshot's folder, it reports exactly what the trainer would have computed
 * itself, a worker that dies sends evaluation back into the training process with a warning,
 * and handing weights over leaves no tensors behind in the trainer.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { selectBackend } from '../engine/backend.js';
import * as tf from '../nn/tf.js';
import type { AudioToMotionModel } from '../recipes/audio-to-motion/model.js';
import { audioToMotion } from '../recipes/audio-to-motion/recipe.js';
import { AUDIO_TO_MOTION_PRESETS } from '../recipes/audio-to-motion/config.js';
import { AudioStepHarness, GENERATOR_ONLY } from '../testing/audio-step-harness.js';
import type { RunFile } from '../project/project-store.js';
import { captureSnapshot } from '../snapshots/take-snapshot.js';
import { writeSnapshot } from '../snapshots/snapshot-writer.js';
import type { AudioMotionDatasetLike } from '../recipes/audio-to-motion/windows.js';
import { BackgroundEvaluation, type Evaluated } from './background-evaluation.js';
import { EvaluationClient } from './evaluation-client.js';
import { packWeights } from './packed-weights.js';

let datasetDir: string;
let data: AudioMotionDatasetLike;
beforeAll(async () => {
  await selectBackend('wasm');
  datasetDir = mkdtempSync(join(tmpdir(), 'stagecraft-eval-worker-'));
  writeDemoDataset(datasetDir, { trainClips: 8, validationClips: 2 });
  data = await audioToMotion.loadData(datasetDir);
});
afterAll(() => rmSync(datasetDir, { recursive: true, force: true }));

const setup = { recipe: 'audio-to-motion', preset: 'tiny', seed: 7, backend: 'wasm' as const };

function until<T>(read: () => T | undefined, what: string, ms = 120_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const value = read();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

describe('the evaluation worker process', () => {
  it('reports the same validation metrics and preview as the trainer would for the same weights', async () => {
    // Trained a few steps (generator included), so the worker's freshly built model differs from
    // these weights: equal numbers can only come from the weights and state that were sent. Same
    // seed as the run, as the trainer sets it up: the preview samples with the run's seed.
    const harness = new AudioStepHarness(data, 3, GENERATOR_ONLY);
    harness.run(3);
    const model = harness.model as AudioToMotionModel;
    const client = await EvaluationClient.start({ type: 'setup', ...setup, seed: 3, datasetDir });
    try {
      const remote = await client.run({ weights: packWeights(model.params), state: model.evaluationState(), metrics: true, preview: true });
      const local = await model.evaluate();
      const preview = await model.preview();
      // Exact: same backend (wasm, one thread, deterministic kernels), same float32 weights bit for bit,
      // same ops in the same order and a fixed sampling seed: there is no source of difference to tolerate.
      expect(remote.values).toEqual(local);
      expect(remote.values?.likeness).toBe(local['val/generator_likeness']);
      expect(remote.preview?.generated).toEqual(preview.generated);
      expect(remote.preview?.truth).toEqual(preview.truth);
      // The worker's scratch model does not leak either: a second job ends at the same count.
      const again = await client.run({ weights: packWeights(model.params), state: model.evaluationState(), metrics: true, preview: true });
      expect(again.numTensors).toBe(remote.numTensors);
      expect(again.values).toEqual(local);
    } finally {
      client.stop();
      harness.dispose();
    }
  });

  it('skips a job due while the worker is busy, and falls back with a warning when the worker dies', async () => {
    const model = audioToMotion.build(AUDIO_TO_MOTION_PRESETS.tiny, data, 5);
    const delivered: Evaluated[] = [];
    const warnings: string[] = [];
    const evaluation = new BackgroundEvaluation({ model, setup: { ...setup, datasetDir }, deliver: (r) => delivered.push(r), warn: (m) => warnings.push(m), inProcess: false });
    try {
      await until(() => (evaluation.offloaded ? true : undefined), 'the worker to be ready');
      const tensorsBefore = tf.memory().numTensors;
      evaluation.post(250, 'main', { metrics: true, preview: false });
      evaluation.post(500, 'main', { metrics: true, preview: false }); // still busy with 250: skipped
      expect(evaluation.skipped).toBe(1);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      const first = await until(() => delivered[0], 'the first evaluation');
      expect(first).toMatchObject({ step: 250, branch: 'main', skipped: 1 });
      expect(Object.keys(first.values ?? {})).toContain('val/recon');

      // A restore or branch switch in between: the answer is about a history left behind.
      evaluation.post(750, 'main', { metrics: true, preview: false });
      evaluation.forget();
      evaluation.post(1000, 'main', { metrics: true, preview: false });
      expect(evaluation.skipped).toBe(2);

      const pid = evaluation.workerPid;
      expect(pid).toBeDefined();
      process.kill(pid as number, 'SIGKILL');
      await until(() => (warnings.length > 0 ? true : undefined), 'a warning');
      expect(warnings[0]).toMatch(/Evaluation moved back into the training process.*evaluation worker exited \(SIGKILL\)/);
      expect(evaluation.offloaded).toBe(false);
      expect(delivered.map((d) => d.step)).toEqual([250]);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
    } finally {
      await evaluation.close();
      model.dispose();
    }
  });

  it('says so when the worker dies while idle, and evaluation comes back in-process', async () => {
    const model = audioToMotion.build(AUDIO_TO_MOTION_PRESETS.tiny, data, 5);
    const warnings: string[] = [];
    const evaluation = new BackgroundEvaluation({ model, setup: { ...setup, datasetDir }, deliver: () => undefined, warn: (m) => warnings.push(m), inProcess: false });
    try {
      await until(() => (evaluation.offloaded ? true : undefined), 'the worker to be ready');
      process.kill(evaluation.workerPid as number, 'SIGKILL');
      await until(() => (warnings.length > 0 ? true : undefined), 'a warning');
      expect(warnings).toEqual([expect.stringMatching(/Evaluation moved back into the training process.*evaluation worker exited \(SIGKILL\)/)]);
      expect(evaluation.offloaded).toBe(false);
    } finally {
      await evaluation.close();
      model.dispose();
    }
  });

  it('queues jobs sent while it is busy, and previews a snapshot from its files on disk (a corrupt one refused, the file named)', async () => {
    const harness = new AudioStepHarness(data, 3, GENERATOR_ONLY);
    harness.run(2);
    const model = harness.model as AudioToMotionModel;
    const snapshotsDir = mkdtempSync(join(tmpdir(), 'stagecraft-eval-snapshot-'));
    const run = { controls: harness.controls, plan: audioToMotion.defaultPlan, stage: { index: 0, startedAt: 0 }, branch: 'main' } as unknown as RunFile;
    const live = { step: harness.step, meta: { kind: 'manual' as const, reason: 'manual', label: '' }, model, optimizer: harness.optimizer, rng: harness.rng, run, numerics: harness.numerics, ganSince: null, likeness: null };
    const snapshot = await writeSnapshot(snapshotsDir, captureSnapshot(live));
    const snapshotDir = join(snapshotsDir, snapshot.id);
    const client = await EvaluationClient.start({ type: 'setup', ...setup, seed: 3, datasetDir });
    try {
      // Three at once: none is refused as "busy"; each gets its own answer.
      const weights = packWeights(model.params);
      const [metrics, preview, fromDisk] = await Promise.all([
        client.run({ weights, state: model.evaluationState(), metrics: true, preview: false }),
        client.run({ weights, state: model.evaluationState(), metrics: false, preview: true }),
        client.previewSnapshot(snapshotDir),
      ]);
      const local = await model.preview();
      expect(metrics.values).toEqual(await model.evaluate());
      expect(metrics.preview).toBeNull();
      expect(preview.values).toBeNull();
      expect(preview.preview?.generated).toEqual(local.generated);
      // Read back from disk, the snapshot previews exactly as the model it was taken from.
      expect(fromDisk.values).toBeNull();
      expect(fromDisk.preview?.generated).toEqual(local.generated);
      expect(fromDisk.preview?.truth).toEqual(local.truth);

      const file = join(snapshotDir, 'generator.safetensors');
      const bytes = readFileSync(file);
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
      writeFileSync(file, bytes);
      await expect(client.previewSnapshot(snapshotDir)).rejects.toThrow(/generator\.safetensors' is corrupt: its sha256 does not match/);
      // The worker is still there for the next job.
      expect((await client.run({ weights, state: model.evaluationState(), metrics: false, preview: true })).preview?.generated).toEqual(local.generated);
    } finally {
      client.stop();
      harness.dispose();
      rmSync(snapshotsDir, { recursive: true, force: true });
    }
  });

  it('cannot start with a dataset that is not there, and says why', async () => {
    await expect(EvaluationClient.start({ type: 'setup', ...setup, datasetDir: join(datasetDir, 'missing') })).rejects.toThrow(/could not set up/);
  });
});
