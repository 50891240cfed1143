/**
 * The training loop, top to bottom: resolve config → build → loop { apply pending commands,
 * step, report }. Side effects live in small modules (metrics batching, snapshots, the
 * collapse guard); this file only says in which order things happen.
 */
import { isAbsolute, join } from 'node:path';
import { exportMotionForAudio } from '../exports/export-motion.js';
import { AdamW } from '../nn/adamw.js';
import * as tf from '../nn/tf.js';
import type { Controls, MetricPoint, TrainerEvent } from '../protocol.js';
import type { ProjectStore } from '../project/project-store.js';
import { findRecipe, resolvePreset } from '../recipes/registry.js';
import { loadWeights, readSnapshot } from '../snapshots/read-snapshot.js';
import { takeSnapshot } from '../snapshots/take-snapshot.js';
import { CollapseGuard } from './collapse-guard.js';
import { learningRateAt } from './lr-schedule.js';
import { MetricsBatcher } from './metrics-batcher.js';
import { Numerics } from './numerics.js';
import { Rng } from './rng.js';
import type { BetweenStepsHooks, RunController } from './run-controller.js';
import { StepRate } from './step-rate.js';
import { trainStep, unlockedGroups } from './train-step.js';

export interface LoopContext {
  controller: RunController;
  project: ProjectStore;
  emit(event: TrainerEvent): void;
  /** Sees every batch of points as it is sent, e.g. to keep them for reconnecting windows. */
  onMetrics(points: MetricPoint[]): void;
}

/** Memory readings are cheap but not free: every this many steps. */
const MEMORY_EVERY = 10;

export async function runTraining({ controller, project, emit, onMetrics }: LoopContext): Promise<void> {
  const run = controller.run;

  // 1. Resolve config.
  const recipe = findRecipe(run.recipe);
  const config = resolvePreset(recipe, run.preset);

  // 2. Build.
  const data = await recipe.loadData(project.datasetPath(run.dataset));
  const model = recipe.build(config, data, run.seed);
  const optimizer = new AdamW();
  const rng = new Rng(run.seed);
  const numerics = new Numerics();
  const guard = new CollapseGuard();
  const rate = new StepRate();
  const gan = new GanRamp();
  const metrics = new MetricsBatcher((points) => {
    project.appendMetrics(run.id, points);
    onMetrics(points);
    emit({ type: 'metrics/batch', runId: run.id, points });
  });
  let step = run.step;
  const hooks: BetweenStepsHooks = {
    flushMetrics: () => metrics.flush(),
    snapshot: (reason, label) => takeSnapshot(project.runPath(run.id), { step, reason, label, model, optimizer, rng, run, numerics }),
    exportMotion: async (audioPath, snapshotId) => {
      const audio = isAbsolute(audioPath) ? audioPath : join(project.path, audioPath);
      const request = { audioPath: audio, datasetDir: project.datasetPath(run.dataset), outDir: join(project.runPath(run.id), 'exports'), seed: run.seed };
      if (!snapshotId) return { step, audio, ...(await exportMotionForAudio({ ...request, model, step })) };
      // A snapshot's model is rebuilt beside the live one, verified, used once and dropped.
      const snapshotDir = join(project.runPath(run.id), 'snapshots', snapshotId);
      const snapshot = readSnapshot(snapshotDir);
      const saved = recipe.build(config, data, run.seed);
      try {
        loadWeights(saved.params, snapshot.tensors, snapshotDir);
        return { step: snapshot.manifest.step, audio, ...(await exportMotionForAudio({ ...request, model: saved, step: snapshot.manifest.step })) };
      } finally {
        saved.dispose();
      }
    },
  };

  // 3. Loop.
  try {
    metrics.add(step, await model.evaluate());
    controller.beginPlan(step, hooks);
    while (await controller.betweenSteps(step, hooks)) {
      const controls = controller.controls;
      const learningRate = learningRateAt(step, controls);
      numerics.use(controls.precision);
      const started = performance.now();
      const result = trainStep({
        model,
        optimizer,
        rng,
        controls,
        learningRate,
        ctx: {
          quantize: numerics.quantize,
          recompute: controls.recompute,
          adversarialWeight: gan.weight(step, controls),
          trainable: unlockedGroups(model, controls),
        },
        scaler: numerics.scaler,
      });
      step += 1;
      const values: Record<string, number> = { ...result.values, ...numerics.report(), lr: learningRate, stepsPerSec: rate.record(performance.now() - started) };
      if (step % MEMORY_EVERY === 0) Object.assign(values, memoryReadout());
      if (step % model.evalEvery === 0) Object.assign(values, await model.evaluate());
      const verdict = guard.observe(step, result);
      if (guard.skippedTotal > 0) values.nonFiniteSteps = guard.skippedTotal;
      metrics.add(step, values);

      if (verdict.kind !== 'ok') {
        const last = controller.snapshots.at(-1);
        const message = verdict.kind === 'collapse' && last ? `${verdict.message} Last good snapshot: step ${last.step} (${last.reason}).` : verdict.message;
        controller.mark({ step, kind: 'warning', label: message });
        emit({ type: 'warning', runId: run.id, step, code: verdict.kind === 'spike' ? 'loss-spike' : verdict.kind, message });
        if (verdict.kind === 'collapse') controller.pauseFor(`collapse guard: ${message}`, step, hooks);
      }
      controller.afterStep(step, values);
    }
  } finally {
    model.dispose();
    optimizer.dispose();
    try {
      metrics.flush();
    } catch {
      // The log could not be written (the folder went away): the run's own error says why.
    }
  }
}

/** The generator's adversarial weight: `power`, ramped in over `rampSteps` after GAN turns on. */
class GanRamp {
  private since: number | null = null;

  weight(step: number, controls: Controls): number {
    const { enabled, power, rampSteps } = controls.gan;
    if (!enabled) {
      this.since = null;
      return 0;
    }
    this.since ??= step;
    return rampSteps > 0 ? power * Math.min(1, (step - this.since + 1) / rampSteps) : power;
  }
}

function memoryReadout(): Record<string, number> {
  return { 'mem/tensorMB': tf.memory().numBytes / 2 ** 20, 'mem/rssMB': process.memoryUsage.rss() / 2 ** 20 };
}
