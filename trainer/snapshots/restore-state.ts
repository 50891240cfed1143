/**
 * Puts a verified snapshot back into live training objects: weights, optimizer moments and
 * step counts, RNG, emulated precision and loss scale. What it returns (controls, plan
 * position, step, GAN ramp) the caller applies to the run itself.
 */
import type { Numerics } from '../precision/numerics.js';
import type { Rng } from '../nn/rng.js';
import type { AdamW } from '../nn/adamw.js';
import * as tf from '../nn/tf.js';
import type { RecipeModel } from '../recipes/recipe.js';
import { CorruptSnapshotError, loadWeights, type SnapshotContents } from './read-snapshot.js';
import { SavedState } from './saved-state.js';
import { useSavedGrowth } from '../engine/growth.js';

export interface LiveTargets {
  model: RecipeModel;
  optimizer: AdamW;
  rng: Rng;
  numerics: Numerics;
}

export function savedStateOf(contents: SnapshotContents, dir: string): SavedState {
  const parsed = SavedState.safeParse(contents.state);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptSnapshotError(`${dir}/state.json`, `it is not a state this trainer can resume (${issue?.path.join('.')}: ${issue?.message})`);
  }
  return parsed.data;
}

/**
 * A snapshot's weights in a model built for its run, at the growth level and fade the run had
 * then, so what it shows is what the run saw at that step.
 */
export function loadSnapshotModel(model: RecipeModel, contents: SnapshotContents, dir: string): void {
  loadWeights(model.params, contents.tensors, dir);
  // Only a model that grows reads the state: a preview of any other needs the weights alone.
  if (model.growth) useSavedGrowth(model, savedStateOf(contents, dir));
}

export function restoreLiveState(contents: SnapshotContents, dir: string, live: LiveTargets): SavedState {
  const state = savedStateOf(contents, dir);
  loadWeights(live.model.params, contents.tensors, dir);
  live.optimizer.restore(live.model.params.all(), {
    moment: (name) => {
      const saved = contents.tensors.get(name);
      return saved ? tf.tensor(saved.data, saved.shape) : null;
    },
    steps: state.optimizerSteps,
  });
  live.rng.state = state.rngState >>> 0;
  live.numerics.use(state.controls.precision);
  if (state.lossScaler) live.numerics.scaler?.restore(state.lossScaler);
  return state;
}
