/**
 * The evaluation worker process: a scratch copy of the run's model (same recipe, preset,
 * dataset and seed) that takes the trainer's latest weights and computes validation metrics
 * and previews with them, or reads a snapshot the trainer wrote and previews its weights. wasm runs one thread per process, so on a 2-core machine this is
 * the second core working while the trainer keeps stepping.
 */
import { selectBackend } from '../engine/backend.js';
import { findRecipe, resolvePreset } from '../recipes/registry.js';
import type { MotionPreview, RecipeModel } from '../recipes/recipe.js';
import * as tf from '../nn/tf.js';
import { readSnapshot } from '../snapshots/read-snapshot.js';
import { loadSnapshotModel } from '../snapshots/restore-state.js';
import { unpackWeights } from './packed-weights.js';
import type { FromWorker, ToWorker, WorkerJob, WorkerSetup } from './worker-messages.js';

let model: RecipeModel | null = null;
let queue: Promise<void> = Promise.resolve();

function send(message: FromWorker): void {
  // The trainer can vanish between the check and the send (killed): then there is no one to answer, so leave quietly.
  if (process.connected) process.send?.(message, undefined, undefined, (error: Error | null) => error && process.exit(0));
}

async function setup(message: WorkerSetup): Promise<void> {
  const choice = await selectBackend(message.backend);
  const recipe = findRecipe(message.recipe);
  const config = resolvePreset(recipe, message.preset);
  const data = await recipe.loadData(message.datasetDir);
  model = recipe.build(config, data, message.seed, { growth: message.growth ?? false, ...(message.layerGroups ? { layerGroups: message.layerGroups } : {}) });
  send({ type: 'ready', backend: choice.backend });
}

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'setup') {
    try {
      await setup(message);
    } catch (error) {
      send({ type: 'failed', id: null, message: (error as Error).message });
    }
    return;
  }
  try {
    if (!model) throw new Error('the worker has no model yet');
    const { values, preview } = await runJob(model, message);
    send({ type: 'done', id: message.id, values, preview, numTensors: tf.memory().numTensors });
  } catch (error) {
    send({ type: 'failed', id: message.id, message: (error as Error).message });
  }
}

async function runJob(model: RecipeModel, job: WorkerJob): Promise<{ values: Record<string, number> | null; preview: MotionPreview | null }> {
  if (job.type === 'snapshot-preview') {
    // Every file checked against the manifest before a byte is used; a corrupt snapshot fails
    // here, naming the file. The next evaluation job puts the live weights back in full.
    const snapshot = readSnapshot(job.snapshotDir);
    loadSnapshotModel(model, snapshot, job.snapshotDir);
    return { values: null, preview: await model.preview() };
  }
  unpackWeights(model.params, job.weights);
  model.useEvaluationState?.(job.state);
  const values = job.metrics ? await model.evaluate() : null;
  const preview = job.preview ? await model.preview() : null;
  return { values, preview };
}

if (!process.send) {
  console.error('[evaluation-worker] start me with child_process.fork');
  process.exit(1);
}
// One job at a time, in the order sent: the trainer may send the next before this one is done.
process.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message));
});
process.on('disconnect', () => process.exit(0));
