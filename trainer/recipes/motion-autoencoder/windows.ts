/**
 * The motion dataset as the autoencoder sees it: normalised feature clips, random training
 * windows, and fixed validation windows (the same every evaluation, so curves are comparable).
 * Features per frame: joints × 3 root-relative positions, then 3 root-velocity values.
 */
import { DatasetError } from '../../data/dataset-error.js';
import { warpWindow } from '../../augment/motion-warp.js';
import type { Rng } from '../../nn/rng.js';
import * as tf from '../../nn/tf.js';
import { PREVIEW_GRID_CLIPS } from '../../protocol.js';
import type { Batch } from '../recipe.js';

export interface MotionClipLike {
  frames: number;
  features: Float32Array;
}

export interface MotionDatasetLike {
  fps: number;
  parents: number[];
  train: MotionClipLike[];
  validation: MotionClipLike[];
  featureMean: Float32Array;
  featureStd: Float32Array;
}

/** Features that never move (the root's own root-relative position) must not divide by 0. */
const MIN_STD = 1e-3;

export class MotionWindows {
  readonly featureDim: number;
  readonly positionDims: number;
  readonly skeleton: { parents: number[]; fps: number };
  readonly validationWindows: tf.Tensor3D;
  /** The first validation clips (at most PREVIEW_GRID_CLIPS), each whole to a multiple of 4 frames: the preview's grid. */
  readonly previewClips: tf.Tensor3D[];
  /** Std of the position features, to turn normalised errors back into body heights. */
  readonly positionStd: tf.Tensor1D;
  private readonly mean: Float32Array;
  private readonly std: Float32Array;
  private readonly train: MotionClipLike[];

  constructor(data: MotionDatasetLike, windowFrames: number) {
    this.featureDim = data.featureMean.length;
    this.positionDims = data.parents.length * 3;
    this.skeleton = { parents: data.parents, fps: data.fps };
    this.mean = data.featureMean;
    this.std = data.featureStd.map((s) => Math.max(s, MIN_STD));
    // Training clips stay raw: random warp works in body-height units, before normalisation.
    this.train = data.train.filter((c) => c.frames >= windowFrames);
    const validation = data.validation.filter((c) => c.frames >= windowFrames).map((c) => this.normalise(c));
    if (this.train.length === 0 || validation.length === 0) {
      throw new DatasetError(tooShort(windowFrames, data.fps, { long: this.train.length, of: data.train.length }, { long: validation.length, of: data.validation.length }));
    }
    this.validationWindows = this.tiledWindows(validation, windowFrames);
    this.previewClips = validation.slice(0, PREVIEW_GRID_CLIPS).map((clip) => {
      const previewFrames = clip.frames - (clip.frames % 4);
      return tf.tensor3d(clip.features.subarray(0, previewFrames * this.featureDim), [1, previewFrames, this.featureDim]);
    });
    this.positionStd = tf.tensor1d(this.std.subarray(0, this.positionDims));
  }

  /**
   * `batch` windows at random clips and offsets. With warp on, the inputs are warped copies
   * and the targets the clean windows; with it off, both are the same tensor.
   */
  sampleTrain(rng: Rng, batch: number, frames: number, warpStrength: number): Batch {
    const d = this.featureDim;
    const targets = new Float32Array(batch * frames * d);
    const inputs = warpStrength > 0 ? new Float32Array(batch * frames * d) : targets;
    // Windows first, warps after: the same RNG state picks the same windows with warp on or off.
    const picks = Array.from({ length: batch }, () => {
      const clip = this.train[rng.int(this.train.length)] as MotionClipLike;
      return { clip, start: rng.int(clip.frames - frames + 1) };
    });
    picks.forEach(({ clip, start }, b) => targets.set(clip.features.subarray(start * d, (start + frames) * d), b * frames * d));
    if (warpStrength > 0) {
      const jointCount = this.positionDims / 3;
      picks.forEach(({ clip, start }, b) => inputs.set(warpWindow(clip.features, clip.frames, start, frames, jointCount, rng, warpStrength), b * frames * d));
    }
    const target = tf.tensor3d(this.normaliseInPlace(targets), [batch, frames, d]);
    if (inputs === targets) return { inputs: target, targets: target };
    return { inputs: tf.tensor3d(this.normaliseInPlace(inputs), [batch, frames, d]), targets: target };
  }

  /** A normalised copy of frames [start, start+frames) of a raw clip. */
  normalisedWindow(clip: MotionClipLike, start: number, frames: number): Float32Array {
    const d = this.featureDim;
    return this.normaliseInPlace(clip.features.slice(start * d, (start + frames) * d));
  }

  /** Normalised features back to joint positions (frames × joints × 3, body heights). */
  toPositions(normalised: Float32Array | ArrayLike<number>): Float32Array {
    const d = this.featureDim;
    const frames = Math.floor(normalised.length / d);
    const out = new Float32Array(frames * this.positionDims);
    for (let f = 0; f < frames; f++) {
      for (let i = 0; i < this.positionDims; i++) {
        out[f * this.positionDims + i] = (normalised[f * d + i] as number) * (this.std[i] as number) + (this.mean[i] as number);
      }
    }
    return out;
  }

  dispose(): void {
    tf.dispose([this.validationWindows, ...this.previewClips, this.positionStd]);
  }

  private normalise(clip: MotionClipLike): MotionClipLike {
    return { frames: clip.frames, features: this.normaliseInPlace(clip.features.slice()) };
  }

  private normaliseInPlace(features: Float32Array): Float32Array {
    // Row by row, not i % d per value: this runs on every batch.
    const d = this.featureDim;
    for (let row = 0; row < features.length; row += d) {
      for (let k = 0; k < d; k++) features[row + k] = ((features[row + k] as number) - (this.mean[k] as number)) / (this.std[k] as number);
    }
    return features;
  }

  /** Non-overlapping windows covering each validation clip. */
  private tiledWindows(clips: MotionClipLike[], frames: number): tf.Tensor3D {
    const d = this.featureDim;
    const windows: Float32Array[] = [];
    for (const clip of clips) {
      for (let start = 0; start + frames <= clip.frames; start += frames) {
        windows.push(clip.features.subarray(start * d, (start + frames) * d));
      }
    }
    const out = new Float32Array(windows.length * frames * d);
    windows.forEach((w, i) => out.set(w, i * frames * d));
    return tf.tensor3d(out, [windows.length, frames, d]);
  }
}

/**
 * Why a dataset has nothing to train or validate on, with the counts: training needs at least
 * one clip of each split as long as a window (a validation clip is where likeness is measured).
 */
export function tooShort(frames: number, fps: number, train: { long: number; of: number }, validation: { long: number; of: number }): string {
  const split = (n: { long: number; of: number }, name: string) => (n.of === 0 ? `no ${name} clip` : `${n.long} of ${n.of} ${name} clip${n.of === 1 ? '' : 's'}`);
  return (
    `Training needs at least one training clip and one validation clip of ${frames} frames (${(frames / fps).toFixed(1)} s) or more; ` +
    `the dataset has ${split(train, 'training')} and ${split(validation, 'validation')} that long. Import a folder with more or longer recordings and create the run again.`
  );
}
