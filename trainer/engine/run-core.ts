/**
 * A live run's core: the model with its optimizer, RNG, numerics and GAN ramp, the step it is
 * at, the branch it logs to, its collapse guard, and what runs beside training (the evaluation
 * worker, previews, snapshot previews). It owns that state; the run controller reaches it only
 * through the BetweenStepsHooks it implements (snapshot, restore, useBranch, history, …), and
 * the training loop only asks it to begin and to train one step at a time.
 */
import { isAbsolute, join } from 'node:path';
import { BackgroundEvaluation } from '../evaluation/background-evaluation.js';
import { selectedBackend } from './backend.js';
import { exportMotionForAudio } from '../exports/export-motion.js';
import { AdamW } from '../nn/adamw.js';
import * as tf from '../nn/tf.js';
import { BackendName, likenessReading, type LikenessReading, type SnapshotInfo, type TrainerEvent } from '../protocol.js';
import { branchPage, metricsFileOf } from '../project/branches.js';
import type { HistoryPage } from '../project/history-cap.js';
import { truncateMetricsLog } from '../project/metrics-log.js';
import type { ProjectStore, RunFile } from '../project/project-store.js';
import { RunPreviews } from '../previews/run-previews.js';
import { SnapshotPreviewQueue } from '../previews/snapshot-preview-queue.js';
import { buildRunModel, findRecipe } from '../recipes/registry.js';
import type { RecipeModel } from '../recipes/recipe.js';
import { IntervalTrigger } from '../snapshots/interval-trigger.js';
import { readSnapshot } from '../snapshots/read-snapshot.js';
import { restoreLiveState } from '../snapshots/restore-state.js';
import type { SavedState } from '../snapshots/saved-state.js';
import { readSnapshotInfo, snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import { motionFromSnapshot } from '../snapshots/snapshot-motion.js';
import type { CapturedSnapshot } from '../snapshots/snapshot-writer.js';
import { captureSnapshot } from '../snapshots/take-snapshot.js';
import { CollapseGuard } from './collapse-guard.js';
import { ControlledStep } from './controlled-step.js';
import { MetricsBatcher } from './metrics-batcher.js';
import { MetricsSink } from './metrics-sink.js';
import { Numerics } from '../precision/numerics.js';
import { Rng } from '../nn/rng.js';
import { applyStartWeights } from '../project/start-weights.js';
import type { BetweenStepsHooks, RunController } from './run-controller.js';
import type { SnapshotMeta } from './snapshot-taker.js';
import { StepRate } from './step-rate.js';

/** Memory readings are cheap but not free: every this many steps. */
const MEMORY_EVERY = 10;
/**
 * How long a stop waits for the previews of snapshots already written (the one taken on exit
 * above all): short, since the window waits for the stop before it closes.
 */
const STOP_PREVIEW_WAIT_MS = 5_000;
/** How long the end of a run waits for the previews still to come before the worker goes. */
const END_PREVIEW_WAIT_MS = 10_000;

export interface RunCoreContext {
  controller: RunController;
  project: ProjectStore;
  emit(event: TrainerEvent): void;
}

export class RunCore implements BetweenStepsHooks {
  /** The step the weights are at: the next one trained is `step` (0-based), then it is `step + 1`. */
  step: number;
  private readonly run: RunFile;
  private readonly optimizer = new AdamW();
  private readonly rng: Rng;
  private readonly numerics = new Numerics();
  private readonly stepper: ControlledStep;
  private guard = new CollapseGuard();
  private readonly rate = new StepRate();
  private readonly runDir: string;
  private readonly snapshotsDir: string;
  private readonly sink: MetricsSink;
  private readonly metrics: MetricsBatcher;
  private readonly interval: IntervalTrigger;
  /** The newest headline likeness, kept in snapshots (the phase's best). */
  private likeness: LikenessReading | null = null;
  private readonly previews: RunPreviews;
  /** The last step whose weights were evaluated (in-process or handed to the worker). */
  private evaluatedAt = -1;
  private readonly evaluation: BackgroundEvaluation;
  /** Every snapshot gets a preview at its step, made by the worker from its files once on disk. */
  private readonly snapshotPreviews: SnapshotPreviewQueue;
  /** What the last step optimised (its groups, GAN): a change restarts the guard's averages. */
  private optimised = '';

  /** Builds the run's model from its recipe, preset and dataset. */
  static async build(ctx: RunCoreContext): Promise<RunCore> {
    const { run } = ctx.controller;
    const data = await findRecipe(run.recipe).loadData(ctx.project.datasetPath(run.dataset));
    const build = () => buildRunModel(run, data);
    return new RunCore(ctx, build(), data, build);
  }

  private constructor(
    private readonly ctx: RunCoreContext,
    private readonly model: RecipeModel,
    private readonly data: unknown,
    build: () => RecipeModel,
  ) {
    const { controller, project, emit } = ctx;
    const run = controller.run;
    this.run = run;
    this.rng = new Rng(run.seed);
    this.stepper = new ControlledStep(model, this.optimizer, this.rng, this.numerics);
    this.runDir = project.runPath(run.id);
    this.snapshotsDir = snapshotsDirOf(this.runDir);
    this.sink = new MetricsSink({ project, run, controller, emit }, run.branch);
    this.metrics = new MetricsBatcher((points) => this.sink.write(points, this.metrics.waiting));
    this.step = run.step;
    this.interval = new IntervalTrigger(this.step, Date.now());
    this.previews = new RunPreviews({ runId: run.id, runDir: this.runDir, datasetDir: project.datasetPath(run.dataset), data, emit, build });
    this.evaluation = new BackgroundEvaluation({
      model,
      setup: { recipe: run.recipe, preset: run.preset, datasetDir: project.datasetPath(run.dataset), seed: run.seed, growth: run.growthLevels !== undefined, layerGroups: [...run.layerGroups], backend: workerBackend() },
      deliver: ({ step: at, branch: of, values, preview, skipped }) => {
        if (values) {
          this.likeness = likenessReading(values) ?? this.likeness;
          this.metrics.add(at, { ...values, 'debug/evalSkipped': skipped }, true);
          controller.afterStep(at, values);
        }
        if (preview) void this.previews.keepGenerated(preview, at, of);
      },
      warn: (message) => emit({ type: 'warning', runId: run.id, step: this.step, code: 'evaluation', message }),
    });
    this.snapshotPreviews = new SnapshotPreviewQueue({
      snapshotsDir: this.snapshotsDir,
      generate: (dir) => this.evaluation.snapshotPreview(dir),
      sampleOf: (preview, at, of) => this.previews.sampleOf(preview, at, of),
      warn: (message) => emit({ type: 'warning', runId: run.id, step: this.step, code: 'evaluation', message }),
    });
  }

  /** Where training starts: a snapshot to resume from, or a first evaluation of the fresh model and the plan's first stage. */
  async begin(resumeFrom?: { snapshotId: string; mode: Parameters<RunController['restore']>[1]; requestId?: string }): Promise<void> {
    const { controller } = this.ctx;
    if (resumeFrom) {
      controller.restore(resumeFrom.snapshotId, resumeFrom.mode, this, resumeFrom.requestId);
      return;
    }
    // A run made from another's snapshot starts with the layer groups it took from it.
    applyStartWeights(this.runDir, this.run, this.model.params);
    this.stepper.useGrowth(this.step, controller.controls);
    const evaluated = await this.model.evaluate();
    this.likeness = likenessReading(evaluated);
    this.metrics.add(this.step, evaluated);
    this.evaluatedAt = this.step;
    controller.beginPlan(this.step, this);
  }

  /**
   * One training step under the controls in force, with what goes with it: the evaluation and
   * preview due at this step, the metrics it logs, the collapse guard's verdict and the
   * snapshot interval.
   */
  async trainOne(): Promise<void> {
    const { controller, emit } = this.ctx;
    const { run, model, metrics, previews, evaluation } = this;
    const previewDue = previews.due(this.step, this.sink.branch);
    if (evaluation.offloaded) {
      // The weights now are the ones the last step left: the worker answers for `step`.
      const metricsDue = this.step % model.evalEvery === 0 && this.step !== this.evaluatedAt;
      if (metricsDue || previewDue) evaluation.post(this.step, this.sink.branch, { metrics: metricsDue, preview: previewDue });
      if (metricsDue) this.evaluatedAt = this.step;
      if (previewDue) previews.claim(this.step, this.sink.branch);
    } else if (previewDue) await previews.auto(model, this.step, this.sink.branch);
    const controls = controller.controls;
    const started = performance.now();
    const { result, learningRate, trainable } = this.stepper.take(this.step, controls);
    // A stage or phase that changes what is optimised changes what the loss means.
    const optimising = `${[...trainable].sort().join(',')}|gan ${controls.gan.enabled}`;
    if (optimising !== this.optimised) this.guard.restart();
    this.optimised = optimising;
    const step = ++this.step;
    const values: Record<string, number> = { ...result.values, ...this.numerics.report(), ...growthReadout(model), lr: learningRate, stepsPerSec: this.rate.record(performance.now() - started) };
    if (step % MEMORY_EVERY === 0) Object.assign(values, memoryReadout());
    if (step % model.evalEvery === 0 && !evaluation.offloaded) {
      this.evaluatedAt = step;
      const evaluated = await model.evaluate();
      this.likeness = likenessReading(evaluated) ?? this.likeness;
      Object.assign(values, evaluated);
    }
    const verdict = this.guard.observe(step, result);
    if (this.guard.skippedTotal > 0) values.nonFiniteSteps = this.guard.skippedTotal;
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
    if (this.interval.due(step, Date.now(), controller.policy.interval)) controller.autoSnapshot({ kind: 'interval', reason: 'interval', label: '' }, step);
    controller.afterStep(step, values);
  }

  /**
   * The end of the run: snapshots copied before it are still written, and their previews made
   * (for a while) before the worker goes; those still to come are noted as not made. The
   * evaluation in flight still lands in the log before it closes.
   */
  async close(): Promise<void> {
    await this.ctx.controller.writes.idle();
    await this.snapshotPreviews.close(END_PREVIEW_WAIT_MS);
    await this.evaluation.close().catch(() => undefined);
    await this.snapshotPreviews.idle();
    this.model.dispose();
    this.optimizer.dispose();
    try {
      this.metrics.flush();
      this.sink.close();
      this.ctx.controller.tensorboard.close();
    } catch {
      // The log could not be written (the folder went away): the run's own error says why.
    }
  }

  // What the run controller does to the live run between steps (BetweenStepsHooks).

  flushMetrics(): void {
    this.metrics.flush();
  }

  snapshot(meta: SnapshotMeta): CapturedSnapshot {
    // The log holds a snapshot's history before the snapshot exists: a crash never leaves a
    // snapshot newer than the metrics that led to it.
    this.metrics.flush();
    this.interval.restart(this.step, Date.now());
    // A grow applied since the last step starts its fade at the next one: the snapshot must say so.
    this.stepper.useGrowth(this.step, this.ctx.controller.controls);
    const { step, model, optimizer, rng, run, numerics, likeness } = this;
    return captureSnapshot({ step, meta, model, optimizer, rng, run, numerics, ganSince: this.stepper.gan.since, growthSince: this.stepper.growth.since, likeness });
  }

  snapshotInfo(snapshotId: string): SnapshotInfo | null {
    return readSnapshotInfo(this.snapshotsDir, snapshotId);
  }

  restore(snapshotId: string): { snapshot: SnapshotInfo; state: SavedState } {
    const dir = join(this.snapshotsDir, snapshotId);
    const contents = readSnapshot(dir);
    const state = restoreLiveState(contents, dir, { model: this.model, optimizer: this.optimizer, rng: this.rng, numerics: this.numerics });
    this.evaluation.forget();
    this.step = state.step;
    this.stepper.gan.since = state.ganSince;
    this.stepper.growth.restore(state.growthSince, state.controls);
    this.stepper.useGrowth(this.step, state.controls);
    // The guard's averages belonged to the history being left behind.
    this.guard = new CollapseGuard();
    this.interval.restart(this.step, Date.now());
    const { format: _format, files: _files, ...snapshot } = contents.manifest;
    return { snapshot, state };
  }

  reinitialize(group: string): void {
    const changed = this.model.params.reinitialize(group, Math.floor(this.rng.next() * 2 ** 31));
    this.optimizer.forget(changed);
    // An evaluation in flight scored the weights before; the loss averages belong to them too.
    this.evaluation.forget();
    this.guard = new CollapseGuard();
  }

  useBranch(next: string, discardAfter: number | null): void {
    this.evaluation.forget();
    this.metrics.flush();
    if (discardAfter !== null) {
      truncateMetricsLog(metricsFileOf(this.runDir, next), discardAfter);
      this.previews.discardAfter(next, discardAfter);
    }
    this.sink.use(next);
  }

  history(branch: string): HistoryPage {
    return branchPage(this.runDir, this.ctx.controller.run, branch);
  }

  preview(snapshotId: string | undefined, requestId: string | undefined): Promise<void> {
    return snapshotId ? this.previews.fromSnapshot(snapshotId, requestId) : this.previews.live(this.model, this.step, this.sink.branch, requestId);
  }

  previewInterval(everySteps: number, requestId: string | undefined): void {
    this.previews.setEverySteps(everySteps, requestId);
  }

  snapshotWritten(snapshot: SnapshotInfo): void {
    this.snapshotPreviews.add(snapshot);
  }

  snapshotPreviewsSettled(): Promise<void> {
    return this.snapshotPreviews.settle(STOP_PREVIEW_WAIT_MS);
  }

  async exportMotion(audioPath: string, snapshotId?: string): Promise<{ step: number; audio: string; bvh: string; json: string; seconds: number }> {
    const { project } = this.ctx;
    const { run, step } = this;
    const audio = isAbsolute(audioPath) ? audioPath : join(project.path, audioPath);
    const request = { audioPath: audio, datasetDir: project.datasetPath(run.dataset), outDir: join(project.runPath(run.id), 'exports'), seed: run.seed };
    if (!snapshotId) return { step, audio, ...(await exportMotionForAudio({ ...request, model: this.model, step })) };
    return motionFromSnapshot(project, run, snapshotId, audioPath, this.data);
  }
}

/** The worker asks for the backend the trainer picked, so its numbers are the trainer's. */
function workerBackend(): BackendName | null {
  const parsed = BackendName.safeParse(tf.getBackend());
  return selectedBackend() ?? (parsed.success ? parsed.data : null);
}

/** Where growth stood in the step just taken, charted beside the losses (it explains their jumps). */
function growthReadout(model: RecipeModel): Record<string, number> {
  return model.growth ? { 'growth/level': model.growth.state.level, 'growth/alpha': model.growth.state.alpha } : {};
}

function memoryReadout(): Record<string, number> {
  return { 'mem/tensorMB': tf.memory().numBytes / 2 ** 20, 'mem/rssMB': process.memoryUsage.rss() / 2 ** 20 };
}
