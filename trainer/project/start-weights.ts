/**
 * Training from what you already trained: a new run takes chosen layer groups of a snapshot of
 * another run in the project (a trained tokenizer for a new speaker's data, say) and starts
 * every other group fresh. The taken weights are copied into the new run's folder when it is
 * made (`start-weights.safetensors`, its sha256 in run.json), so the other run can be deleted
 * or its snapshot pruned without taking this one's start with it; they are put into the model
 * when the run first starts. Only a run of the same recipe and preset fits, on a dataset
 * recorded on the same skeleton: anything else is refused with a sentence saying why.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CommandOf, StartedFrom } from '../protocol.js';
import type { ParamStore } from '../nn/params.js';
import { readRegularFile } from '../paths/regular-file.js';
import type { Recipe } from '../recipes/recipe.js';
import { planClips } from '../data/motion-dataset.js';
import { loadWeights, readSnapshot } from '../snapshots/read-snapshot.js';
import { encodeSafetensors, decodeSafetensors, type NamedTensor } from '../snapshots/safetensors.js';
import { snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import type { ProjectStore, RunFile } from './project-store.js';

export const START_WEIGHTS_FILE = 'start-weights.safetensors';
/** Far above any preset's weights; a file bigger than this in a run folder is not ours. */
const START_WEIGHTS_MAX_BYTES = 2 ** 31;

/** Why a run cannot start from the weights asked for; `code` as the error event carries it. */
export class StartWeightsError extends Error {
  constructor(
    readonly code: 'no-run' | 'invalid-state' | 'dataset' | 'io',
    message: string,
  ) {
    super(message);
  }
}

/** What a run made from another's snapshot starts with: its record, the copied weights and their sha256, and its first step. */
export interface StartWeights {
  startedFrom: StartedFrom;
  file: Uint8Array;
  sha256: string;
  step: number;
}

/**
 * Checks that a run of `recipe`/`preset` on `dataset` can start from `from`, and copies the
 * weights of the groups it takes out of the snapshot (verified file by file first).
 */
export function takeStartWeights(project: ProjectStore, recipe: Recipe, preset: string, dataset: string, from: NonNullable<CommandOf<'run/create'>['from']>): StartWeights {
  const source = project.run(from.runId);
  if (!source) throw new StartWeightsError('no-run', `Project '${project.name}' has no run '${from.runId}' to start from.`);
  if (source.recipe !== recipe.id || source.preset !== preset) {
    throw new StartWeightsError('invalid-state', `Run '${source.name}' is ${source.recipe} (${source.preset}); a run starts from its weights only with the same recipe and preset, not ${recipe.id} (${preset}).`);
  }
  const unknown = from.groups.filter((g) => !recipe.layerGroups.includes(g));
  if (unknown.length > 0) throw new StartWeightsError('invalid-state', `${unknown.map((g) => `'${g}'`).join(', ')} ${unknown.length === 1 ? 'is not a layer group' : 'are not layer groups'} of ${recipe.id}; its groups are ${recipe.layerGroups.join(', ')}.`);
  const skeletonProblem = differentSkeleton(project, source, dataset);
  if (skeletonProblem) throw new StartWeightsError('dataset', skeletonProblem);
  const dir = join(snapshotsDirOf(project.runPath(source.id)), from.snapshotId);
  let contents;
  try {
    contents = readSnapshot(dir);
  } catch (error) {
    throw new StartWeightsError('io', `Run '${source.name}' has no snapshot ${from.snapshotId} that can be read: ${(error as Error).message}`);
  }
  const taken = new Set(from.groups);
  const tensors = [...contents.tensors.values()].filter((t) => taken.has(t.name.split('.')[0]!));
  for (const group of from.groups) {
    if (!tensors.some((t) => t.name.startsWith(`${group}.`))) throw new StartWeightsError('invalid-state', `Snapshot ${from.snapshotId} of run '${source.name}' holds no weights of '${group}'.`);
  }
  const file = encodeSafetensors(tensors, { format: 'pt' });
  const step = from.steps === 'carried' ? contents.manifest.step : 0;
  const startedFrom: StartedFrom = { runId: source.id, runName: source.name, snapshotId: from.snapshotId, step: contents.manifest.step, groups: [...from.groups], steps: from.steps };
  return { startedFrom, file, sha256: sha256Of(file), step };
}

/**
 * The weights a run was made from, read and checked against the sha256 its record keeps; a
 * missing or changed file throws a sentence naming it. Checked before the run starts, so a
 * run that cannot start stays as it is.
 */
export function readStartWeights(runDir: string, run: RunFile): Map<string, NamedTensor> {
  const path = join(runDir, START_WEIGHTS_FILE);
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, { label: path, maxBytes: START_WEIGHTS_MAX_BYTES });
  } catch (error) {
    throw new StartWeightsError('io', `Run '${run.name}' cannot start from the weights it was made with: ${(error as Error).message}. Make the run again from the snapshot.`);
  }
  if (sha256Of(bytes) !== run.startWeightsSha256) throw new StartWeightsError('io', `Run '${run.name}' cannot start: '${path}' is not the file it was made with (its sha256 differs). Make the run again from the snapshot.`);
  return new Map(decodeSafetensors(new Uint8Array(bytes), path).tensors.map((t) => [t.name, t]));
}

/** Puts the weights a run started from into its model's groups they were taken for (its first start); weights that do not fit throw, naming the file. */
export function applyStartWeights(runDir: string, run: RunFile, params: ParamStore): void {
  if (!run.startedFrom) return;
  loadWeights(params, readStartWeights(runDir, run), join(runDir, START_WEIGHTS_FILE), new Set(run.startedFrom.groups));
}

/** Why `dataset` cannot take weights trained on `source`'s dataset, when both manifests name their skeleton and they differ. */
function differentSkeleton(project: ProjectStore, source: RunFile, dataset: string): string | undefined {
  const skeletonOf = (name: string) => {
    try {
      return planClips(project.datasetPath(name)).skeleton;
    } catch {
      return undefined; // unreadable or gone: the weights' shapes are still checked when the run starts
    }
  };
  const theirs = skeletonOf(source.dataset);
  const ours = skeletonOf(dataset);
  if (!theirs || !ours) return undefined;
  if (JSON.stringify([theirs.names, theirs.parents]) === JSON.stringify([ours.names, ours.parents])) return undefined;
  const describe = (s: { names: readonly string[] }) => `${s.names.length} joints from '${s.names[0] ?? ''}'`;
  return `Dataset '${dataset}' is on another skeleton (${describe(ours)}) than '${source.dataset}', which run '${source.name}' trained on (${describe(theirs)}): its weights do not fit. Pick a dataset recorded on the same skeleton.`;
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
