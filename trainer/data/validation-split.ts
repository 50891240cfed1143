/**
 * Which clips a dataset holds out for validation when its folder does not say (no
 * `validation/` folder, no dataset.json): every sixth clip in name order, and in a dataset of
 * two to five clips the last one. Training needs at least one validation clip (likeness,
 * validation losses and the preview are all measured on it), so any dataset of two or more
 * clips gets one; a lone clip cannot be split, and datasetProblem says why it cannot train.
 * Deterministic, so the same folder always splits the same way and metrics stay comparable.
 */

/** Whether clip `index` of `count` (in name order) is held out for validation. */
export function heldOutForValidation(index: number, count: number): boolean {
  if (count < 2) return false;
  if (count < 6) return index === count - 1;
  return index % 6 === 5;
}

/**
 * The split as loaded, unless it has no validation clip: then the training clips are split by
 * heldOutForValidation. (A folder whose split is all train — a `train/` folder alone, or the
 * held-out files failed to load — still gets a validation clip when it has two or more.)
 */
export function withValidationSplit<T>(train: readonly T[], validation: readonly T[]): { train: T[]; validation: T[] } {
  if (validation.length > 0 || train.length < 2) return { train: [...train], validation: [...validation] };
  const split = { train: [] as T[], validation: [] as T[] };
  train.forEach((clip, i) => (heldOutForValidation(i, train.length) ? split.validation : split.train).push(clip));
  return split;
}

/** Clips of each split a dataset needs before a run can train on it. */
export const MIN_TRAIN_CLIPS = 1;
export const MIN_VALIDATION_CLIPS = 1;

/**
 * Why no run can train on a dataset with these clip counts, in words a person can act on;
 * undefined when it can. The same sentence is shown under the import report, in the New run
 * form and in the error run/create answers with.
 */
export function datasetProblem(name: string, clips: { train: number; validation: number }): string | undefined {
  const total = clips.train + clips.validation;
  const why = 'training needs at least two clips: one to train on and one held out for validation, where likeness is measured and the preview is drawn';
  if (total === 0) return `Dataset '${name}' has no clips; ${why}. Import a folder of recordings.`;
  if (total === 1) return `Dataset '${name}' has only one clip; ${why}. Import a folder with at least one more recording.`;
  if (clips.train < MIN_TRAIN_CLIPS) {
    return `Dataset '${name}' has all its ${total} clips in validation/ and none to train on. Move some into train/ (or import the recordings without train/ and validation/ folders, and one clip in six is held out) and import again.`;
  }
  if (clips.validation < MIN_VALIDATION_CLIPS) {
    return `Dataset '${name}' has ${clips.train} training clips and no validation clip; ${why}. Import the folder again: a dataset of two or more clips now gets one held out.`;
  }
  return undefined;
}
