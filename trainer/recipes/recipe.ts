/**
 * What a recipe is: everything model-specific, behind one interface the training loop drives.
 * The loop knows nothing about motion, audio or tokens; a recipe knows nothing about
 * transports, projects or pausing. The audio-to-motion recipe plugs in here the same way.
 */
import type * as tf from '../nn/tf.js';
import type { Rng } from '../engine/rng.js';
import type { ParamStore } from '../nn/params.js';

/** One training batch. Stage controls such as random warp touch `inputs` only. */
export interface Batch {
  inputs: tf.Tensor;
  targets: tf.Tensor;
}

/** Joint positions for a preview: frames × joints × 3, in body heights, with the skeleton. */
export interface MotionPreview {
  parents: number[];
  fps: number;
  generated: Float32Array;
  truth: Float32Array;
  frames: number;
}

export interface RecipeModel {
  /** Every weight, each in a named layer group. */
  params: ParamStore;
  /** Steps between validation passes. */
  evalEvery: number;
  /** Draws a batch from the training split; the caller disposes it. */
  nextBatch(rng: Rng): Batch;
  /** Loss terms for a batch. `loss` is the one optimised; the rest are reported. */
  losses(batch: Batch): Record<string, tf.Scalar> & { loss: tf.Scalar };
  /** Metrics on the fixed validation windows, keyed like 'val/recon'. */
  evaluate(): Promise<Record<string, number>>;
  /** Output for a fixed validation clip, for the preview panel. */
  preview(): Promise<MotionPreview>;
  dispose(): void;
}

export interface Recipe<Config = unknown, Data = unknown> {
  id: string;
  title: string;
  /** Layer groups the stage controls can lock, in model order. */
  layerGroups: readonly string[];
  /** Named sizes, smallest first; `defaultPreset` must fit a laptop CPU. */
  presets: Readonly<Record<string, Config>>;
  defaultPreset: string;
  /** Reads a dataset folder through the same readers user data goes through. */
  loadData(datasetDir: string): Promise<Data>;
  build(config: Config, data: Data, seed: number): RecipeModel;
}
