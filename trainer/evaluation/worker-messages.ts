/**
 * What the trainer and its evaluation worker say to each other over Node IPC (advanced
 * serialization, so typed arrays travel as binary). Internal to the trainer: no other process
 * sees these, so they are plain types rather than protocol.ts schemas.
 */
import type { BackendName } from '../protocol.js';
import type { MotionPreview } from '../recipes/recipe.js';
import type { PackedWeights } from './packed-weights.js';

/** Everything the worker needs to build the same model the run trains. */
export interface WorkerSetup {
  type: 'setup';
  recipe: string;
  preset: string;
  datasetDir: string;
  seed: number;
  /** Built with the recipe's growth levels (the run grows); the level itself comes with each job's state. */
  growth?: boolean;
  /** The run's layer groups (recipes/recipe.ts BuildOptions); absent: the recipe's. */
  layerGroups?: string[];
  backend: BackendName | null;
}

export interface EvaluationJob {
  type: 'job';
  id: number;
  weights: PackedWeights;
  state: Record<string, number | boolean>;
  metrics: boolean;
  preview: boolean;
}

/**
 * A snapshot's preview, generated from its files on disk (verified first, as any snapshot read
 * is): what the trainer stores beside the snapshot's weights, so it shows the weights that
 * were written, not a copy of them taken elsewhere.
 */
export interface SnapshotPreviewJob {
  type: 'snapshot-preview';
  id: number;
  snapshotDir: string;
}

export type WorkerJob = EvaluationJob | SnapshotPreviewJob;

export type ToWorker = WorkerSetup | WorkerJob;

export type FromWorker =
  | { type: 'ready'; backend: string }
  | { type: 'done'; id: number; values: Record<string, number> | null; preview: MotionPreview | null; numTensors: number }
  | { type: 'failed'; id: number | null; message: string };
