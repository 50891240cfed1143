/**
 * The training loop, top to bottom: resolve config → build → loop { apply pending commands,
 * step, report }. Side effects live in small modules (metrics batching, snapshots); this
 * file only says in which order things happen.
 */
import type { MetricPoint, TrainerEvent } from '../protocol.js';
import { Adam } from '../nn/adam.js';
import type { ProjectStore } from '../project/project-store.js';
import { findRecipe, resolvePreset } from '../recipes/registry.js';
import { takeSnapshot } from '../snapshots/take-snapshot.js';
import { MetricsBatcher } from './metrics-batcher.js';
import { Rng } from './rng.js';
import type { RunController } from './run-controller.js';
import { StepRate } from './step-rate.js';
import { trainStep } from './train-step.js';

export interface LoopContext {
  controller: RunController;
  project: ProjectStore;
  emit(event: TrainerEvent): void;
  /** Sees every batch of points as it is sent, e.g. to keep them for reconnecting windows. */
  onMetrics(points: MetricPoint[]): void;
}

export async function runTraining({ controller, project, emit, onMetrics }: LoopContext): Promise<void> {
  const run = controller.run;

  // 1. Resolve config.
  const recipe = findRecipe(run.recipe);
  const config = resolvePreset(recipe, run.preset);

  // 2. Build.
  const data = await recipe.loadData(project.datasetPath(run.dataset));
  const model = recipe.build(config, data, run.seed);
  const optimizer = new Adam();
  const rng = new Rng(run.seed);
  const metrics = new MetricsBatcher((points) => {
    project.appendMetrics(run.id, points);
    onMetrics(points);
    emit({ type: 'metrics/batch', runId: run.id, points });
  });
  const rate = new StepRate();
  const hooks = {
    flushMetrics: () => metrics.flush(),
    snapshot: (reason: string, label: string, requestId?: string) => {
      const snapshot = takeSnapshot(project.runPath(run.id), { step, reason, label, model, optimizer, rng, controls: controller.controls });
      emit({ type: 'snapshot/taken', ...(requestId ? { requestId } : {}), runId: run.id, snapshot });
    },
  };

  // 3. Loop.
  let step = run.step;
  try {
    metrics.add(step, await model.evaluate());
    while (await controller.betweenSteps(step, hooks)) {
      const started = performance.now();
      const values = trainStep(model, optimizer, rng, controller.controls);
      step += 1;
      if (step % model.evalEvery === 0) Object.assign(values, await model.evaluate());
      metrics.add(step, { ...values, lr: controller.controls.learningRate, stepsPerSec: rate.record(performance.now() - started) });
    }
  } finally {
    metrics.flush();
    model.dispose();
    optimizer.dispose();
  }
}
