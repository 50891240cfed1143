/**
 * The training loop, top to bottom: resolve config → build → loop { apply pending commands,
 * step, report }. Side effects live in small modules (metrics batching, snapshots, the
 * collapse guard); this file only says in which order things happen.
 */
import { isAbsolute, join } from 'node:path';
import { BackgroundEvaluation } from '../evaluation/background-evaluation.js';
import { selectedBackend } from './backend.js';
import { exportMotionForAudio } from '../exports/export-motion.js';
import { AdamW } from '../nn/adamw.js';
import * as tf from '../nn/tf.js';
import { BackendName, likenessReading, type LikenessReading, type RestoreMode, type TrainerEvent } from '../protocol.js';
import { branchPage, metricsFileOf } from '../project/branches.js';
import { truncateMetricsLog } from '../project/metrics-log.js';
import type { ProjectStore } from '../project/project-store.js';
import { RunPreviews } from '../previews/run-previews.js';
import { SnapshotPreviewQueue } from '../previews/snapshot-preview-queue.js';
import { findRecipe, resolvePreset } from '../recipes/registry.js';
import { IntervalTrigger } from '../snapshots/interval-trigger.js';
import { readSnapshot } from '../snapshots/read-snapshot.js';
import { restoreLiveState } from '../snapshots/restore-state.js';
import { readSnapshotInfo, snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import { motionFromSnapshot } from '../snapshots/snapshot-motion.js';
import { captureSnapshot } from '../snapshots/take-snapshot.js';
import { CollapseGuard } from './collapse-guard.js';
import { ControlledStep } from './controlled-step.js';
import { MetricsBatcher } from './metrics-batcher.js';
import { MetricsSink } from './metrics-sink.js';
import { Numerics } from '../precision/numerics.js';
import { Rng } from '../nn/rng.js';
import type { BetweenStepsHooks, RunController } from './run-controller.js';
import { StepRate } from './step-rate.js';

export interface LoopContext {
  controller: RunController;
  project: ProjectStore;
  emit(event: TrainerEvent): void;
  /**
   * Resume from a snapshot instead of starting fresh: 'continue' after Stop (same branch, the
   * snapshot Stop took), or a restore of a stopped run or one a crash interrupted.
   */
  resumeFrom?: { snapshotId: string; mode: RestoreMode | 'continue'; requestId?: string };
}

/** Memory readings are cheap but not free: every this many steps. */
const MEMORY_EVERY = 10;
/**
 * How long a stop waits for the previews of snapshots already written (the one taken on exit
 * above all): short, since the window waits for the stop before it closes.
 */
const STOP_PREVIEW_WAIT_MS = 5_000;
/** How long the end of a run waits for the previews still to come before the worker goes. */
const END_PREVIEW_WAIT_MS = 10_000;

export async function runTraining({ controller, project, emit, resumeFrom }: LoopContext): Promise<void> {
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
  let guard = new CollapseGuard();
  const rate = new StepRate();
  const stepper = new ControlledStep(model, optimizer, rng, numerics);
  const runDir = project.runPath(run.id);
  const snapshotsDir = snapshotsDirOf(runDir);
  const sink = new MetricsSink({ project, run, controller, emit }, run.branch);
  const metrics: MetricsBatcher = new MetricsBatcher((points) => sink.write(points, metrics.waiting));
  let step = run.step;
  const interval = new IntervalTrigger(step, Date.now());
  let likeness: LikenessReading | null = null;
  const previews = new RunPreviews({ runId: run.id, runDir, datasetDir: project.datasetPath(run.dataset), data, emit, build: () => recipe.build(config, data, run.seed) });
  // The last step whose weights were evaluated (in-process or handed to the worker).
  let evaluatedAt = -1;
  const evaluation = new BackgroundEvaluation({
    model,
    setup: { recipe: run.recipe, preset: run.preset, datasetDir: project.datasetPath(run.dataset), seed: run.seed, backend: workerBackend() },
    deliver: ({ step: at, branch: of, values, preview, skipped }) => {
      if (values) {
        likeness = likenessReading(values) ?? likeness;
        metrics.add(at, { ...values, 'debug/evalSkipped': skipped }, true);
        controller.afterStep(at, values);
      }
      if (preview) void previews.keepGenerated(preview, at, of);
    },
    warn: (message) => emit({ type: 'warning', runId: run.id, step, code: 'evaluation', message }),
  });
  // Every snapshot gets a preview at its step, made by the worker from its files once on disk.
  const snapshotPreviews = new SnapshotPreviewQueue({
    snapshotsDir,
    generate: (dir) => evaluation.snapshotPreview(dir),
    sampleOf: (preview, at, of) => previews.sampleOf(preview, at, of),
    warn: (message) => emit({ type: 'warning', runId: run.id, step, code: 'evaluation', message }),
  });
  const hooks: BetweenStepsHooks = {
    flushMetrics: () => metrics.flush(),
    snapshot: (meta) => {
      // The log holds a snapshot's history before the snapshot exists: a crash never leaves a
      // snapshot newer than the metrics that led to it.
      metrics.flush();
      interval.restart(step, Date.now());
      return captureSnapshot({ step, meta, model, optimizer, rng, run, numerics, ganSince: stepper.gan.since, likeness });
    },
    snapshotInfo: (snapshotId) => readSnapshotInfo(snapshotsDir, snapshotId),
    restore: (snapshotId) => {
      const dir = join(snapshotsDir, snapshotId);
      const contents = readSnapshot(dir);
      const state = restoreLiveState(contents, dir, { model, optimizer, rng, numerics });
      evaluation.forget();
      step = state.step;
      stepper.gan.since = state.ganSince;
      // The guard's averages belonged to the history being left behind.
      guard = new CollapseGuard();
      interval.restart(step, Date.now());
      const { format: _format, files: _files, ...snapshot } = contents.manifest;
      return { snapshot, state };
    },
    useBranch: (next, discardAfter) => {
      evaluation.forget();
      metrics.flush();
      if (discardAfter !== null) {
        truncateMetricsLog(metricsFileOf(runDir, next), discardAfter);
        previews.discardAfter(next, discardAfter);
      }
      sink.use(next);
    },
    history: (name) => branchPage(runDir, controller.run, name),
    preview: (snapshotId, requestId) => (snapshotId ? previews.fromSnapshot(snapshotId, requestId) : previews.live(model, step, sink.branch, requestId)),
    previewInterval: (everySteps, requestId) => previews.setEverySteps(everySteps, requestId),
    snapshotWritten: (snapshot) => snapshotPreviews.add(snapshot),
    snapshotPreviewsSettled: () => snapshotPreviews.settle(STOP_PREVIEW_WAIT_MS),
    exportMotion: async (audioPath, snapshotId) => {
      const audio = isAbsolute(audioPath) ? audioPath : join(project.path, audioPath);
      const request = { audioPath: audio, datasetDir: project.datasetPath(run.dataset), outDir: join(project.runPath(run.id), 'exports'), seed: run.seed };
      if (!snapshotId) return { step, audio, ...(await exportMotionForAudio({ ...request, model, step })) };
      return motionFromSnapshot(project, run, snapshotId, audioPath, data);
    },
  };

  // 3. Loop.
  let optimised = '';
  try {
    if (resumeFrom) {
      controller.restore(resumeFrom.snapshotId, resumeFrom.mode, hooks, resumeFrom.requestId);
    } else {
      const evaluated = await model.evaluate();
      likeness = likenessReading(evaluated);
      metrics.add(step, evaluated);
      evaluatedAt = step;
      controller.beginPlan(step, hooks);
    }
    while (await controller.betweenSteps(step, hooks)) {
      const previewDue = previews.due(step, sink.branch);
      if (evaluation.offloaded) {
        // The weights now are the ones the last step left: the worker answers for `step`.
        const metricsDue = step % model.evalEvery === 0 && step !== evaluatedAt;
        if (metricsDue || previewDue) evaluation.post(step, sink.branch, { metrics: metricsDue, preview: previewDue });
        if (metricsDue) evaluatedAt = step;
        if (previewDue) previews.claim(step, sink.branch);
      } else if (previewDue) await previews.auto(model, step, sink.branch);
      const controls = controller.controls;
      const started = performance.now();
      const { result, learningRate, trainable } = stepper.take(step, controls);
      // A stage or phase that changes what is optimised changes what the loss means.
      const optimising = `${[...trainable].sort().join(',')}|gan ${controls.gan.enabled}`;
      if (optimising !== optimised) guard.restart();
      optimised = optimising;
      step += 1;
      const values: Record<string, number> = { ...result.values, ...numerics.report(), lr: learningRate, stepsPerSec: rate.record(performance.now() - started) };
      if (step % MEMORY_EVERY === 0) Object.assign(values, memoryReadout());
      if (step % model.evalEvery === 0 && !evaluation.offloaded) {
        evaluatedAt = step;
        const evaluated = await model.evaluate();
        likeness = likenessReading(evaluated) ?? likeness;
        Object.assign(values, evaluated);
      }
      const verdict = guard.observe(step, result);
      if (guard.skippedTotal > 0) values.nonFiniteSteps = guard.skippedTotal;
      metrics.add(step, values);

      if (verdict.kind === 'recovered') emit({ type: 'warning/cleared', runId: run.id, step, code: 'loss-spike', message: verdict.message });
      else if (verdict.kind !== 'ok') {
        const last = controller.snapshots.at(-1);
        const message = verdict.kind === 'collapse' && last ? `${verdict.message} Last good snapshot: step ${last.step} (${last.reason}).` : verdict.message;
        controller.mark({ step, kind: 'warning', label: message });
        emit({ type: 'warning', runId: run.id, step, code: verdict.kind === 'spike' ? 'loss-spike' : verdict.kind, message, ...(verdict.kind === 'collapse' && last ? { snapshotId: last.id } : {}) });
        // A spike is the first sign of trouble: keep the model as it is now, before it gets worse.
        if (verdict.kind === 'spike') controller.autoSnapshot({ kind: 'guard', reason: 'collapse guard: loss spike', label: '' }, step);
        if (verdict.kind === 'collapse') controller.pauseFor(`collapse guard: ${message}`, step);
      }
      if (interval.due(step, Date.now(), controller.policy.interval)) controller.autoSnapshot({ kind: 'interval', reason: 'interval', label: '' }, step);
      controller.afterStep(step, values);
    }
  } finally {
    // Snapshots copied before the end are still written, and their previews made (for a while)
    // before the worker goes; those still to come are noted as not made.
    await controller.writes.idle();
    await snapshotPreviews.close(END_PREVIEW_WAIT_MS);
    // The evaluation in flight still lands in the log before it closes.
    await evaluation.close().catch(() => undefined);
    await snapshotPreviews.idle();
    model.dispose();
    optimizer.dispose();
    try {
      metrics.flush();
      sink.close();
    } catch {
      // The log could not be written (the folder went away): the run's own error says why.
    }
  }
}

/** The worker asks for the backend the trainer picked, so its numbers are the trainer's. */
function workerBackend(): BackendName | null {
  const parsed = BackendName.safeParse(tf.getBackend());
  return selectedBackend() ?? (parsed.success ? parsed.data : null);
}

function memoryReadout(): Record<string, number> {
  return { 'mem/tensorMB': tf.memory().numBytes / 2 ** 20, 'mem/rssMB': process.memoryUsage.rss() / 2 ** 20 };
}
