/**
 * What a recipe is: everything model-specific, behind one interface the training loop drives.
 * The loop knows nothing about motion, audio or tokens; a recipe knows nothing about
 * transports, projects or pausing. The audio-to-motion recipe plugs in here the same way.
 */
import type * as tf from '../nn/tf.js';
import type { Rng } from '../nn/rng.js';
import type { GrowthLevel, StagePlan } from '../protocol.js';
import type { GrowthState } from '../nn/time-pyramid.js';
import type { ParamStore } from '../nn/params.js';
import type { StepContext } from '../nn/step-context.js';

// The context a model's layers run under is the layers' own (nn/step-context.ts); recipes read it from here too.
export { EXACT_CONTEXT, type StepContext } from '../nn/step-context.js';

/**
 * One training batch. Stage controls such as random warp touch `inputs` only. A recipe may
 * carry more tensors; every tensor in a batch has the batch on its first axis, so
 * accumulation can split them all.
 */
export interface Batch {
  inputs: tf.Tensor;
  targets: tf.Tensor;
  [more: string]: tf.Tensor;
}

export interface SampleOptions {
  batchSize: number;
  /** Random warp strength for the inputs; 0 = off (inputs are the clean targets). */
  warpStrength: number;
  /**
   * The layer groups this step trains. A model may leave out of the batch what only locked
   * parts would read (and so not carry it through accumulation); absent means everything.
   */
  trainable?: ReadonlySet<string>;
}

/** One validation clip's motion: joint positions, frames × joints × 3, in body heights. */
export interface ClipMotion {
  generated: Float32Array;
  truth: Float32Array;
  frames: number;
}

/**
 * Joint positions for a preview, with the skeleton: the first validation clip long enough for
 * the model (the lead), then up to PREVIEW_GRID_CLIPS − 1 more in dataset order (`more`), each
 * the next validation clip long enough, so the trainer names them by the same rule
 * (trainer/previews/preview-clip.ts).
 */
export interface MotionPreview extends ClipMotion {
  parents: number[];
  fps: number;
  more?: ClipMotion[];
  /**
   * The training data's mean pose (joints × 3, one frame), the 0% of each clip's likeness;
   * absent: each clip's own mean pose stands in.
   */
  meanPose?: Float32Array;
}

/** Generated joint positions (frames × joints × 3, body heights, root-relative). */
export interface GeneratedMotion {
  positions: Float32Array;
  frames: number;
  fps: number;
}

/** Growth in time, on a model built with its recipe's growth levels. */
export interface ModelGrowth {
  readonly levels: readonly GrowthLevel[];
  /** The level it runs at and how far that level is faded in; the training loop sets it before each step. */
  state: GrowthState;
}

export interface RecipeModel {
  /** Every weight, each in a named layer group. */
  params: ParamStore;
  /** Present on a model built to grow (Recipe.build with `growth`). */
  growth?: ModelGrowth;
  /** Steps between validation passes. */
  evalEvery: number;
  /** Draws a batch from the training split; the caller disposes it. */
  nextBatch(rng: Rng, options: SampleOptions): Batch;
  /** Loss terms for a batch. `loss` is the one optimised; the rest are reported. */
  losses(batch: Batch, ctx: StepContext): Record<string, tf.Scalar> & { loss: tf.Scalar };
  /** Updates outside backprop after an applied step (e.g. an EMA codebook), for unlocked groups only. */
  afterStep?(batch: Batch, ctx: StepContext, rng: Rng): void;
  /** The layer group trained by `discriminatorLoss` in its own step when GAN is on, if any. */
  discriminatorGroup?: string;
  /** Discriminator loss on real targets vs the generator's (detached) output for the batch. */
  discriminatorLoss?(batch: Batch, ctx: StepContext): tf.Scalar;
  /** Motion for a mono recording at any sample rate, for recipes that generate from audio. */
  motionForAudio?(samples: Float32Array, sampleRate: number, seed: number): Promise<GeneratedMotion>;
  /**
   * State outside the weights that `evaluate` reads (e.g. whether the generator has trained
   * yet), so a scratch copy in the evaluation worker reports what the live model would.
   */
  evaluationState?(): Record<string, number | boolean>;
  useEvaluationState?(state: Record<string, number | boolean>): void;
  /** Metrics on the fixed validation windows, keyed like 'val/recon'. */
  evaluate(): Promise<Record<string, number>>;
  /** Output for the fixed validation clips, for the preview panel. */
  preview(): Promise<MotionPreview>;
  dispose(): void;
}

/** How a run's model is built, from what its record says (recipes/registry.ts buildRunModel). */
export interface BuildOptions {
  /** With the recipe's growth levels, starting at level 0. */
  growth: boolean;
  /**
   * The layer groups the run was made with: a run made before a recipe gained a group (the
   * tokenizer's 'inter') is built as it was, so its snapshots and plan keep their meaning.
   */
  layerGroups?: readonly string[];
}

export interface Recipe<Config = unknown, Data = unknown> {
  id: string;
  title: string;
  /** Layer groups the stage controls can lock, in model order. */
  layerGroups: readonly string[];
  /**
   * Its growth levels, coarsest first, where it can grow in time: a run whose plan names a level
   * is built with them (level 0's groups are among `layerGroups`; the others' are added).
   */
  growthLevels?: readonly GrowthLevel[];
  /** Named sizes, smallest first; `defaultPreset` must fit a laptop CPU. */
  presets: Readonly<Record<string, Config>>;
  defaultPreset: string;
  /** The stage plan a new run follows unless the person picks another. */
  defaultPlan: StagePlan;
  /** Other plans the New run form offers beside the default (a plan that grows, say). */
  otherPlans?: readonly StagePlan[];
  /**
   * Every key its training step and evaluation log, beside the training loop's own (the
   * protocol's LOOP_METRICS): a plan may end a stage on these only. A test holds the list to
   * what a real step and evaluation log.
   */
  metrics: readonly string[];
  /** What it trains on: WAV + BVH pairs, or motion alone (a paired dataset serves both). */
  dataKind: 'audio-motion' | 'motion';
  /** The shortest clip, in frames, it can cut its training windows and validation clips from. */
  minClipFrames(config: Config): number;
  /** Reads a dataset folder through the same readers user data goes through. */
  loadData(datasetDir: string): Promise<Data>;
  /** The model with `layerGroups` (absent: all of them); with `growth`, built with its growth levels and starting at level 0. */
  build(config: Config, data: Data, seed: number, options?: BuildOptions): RecipeModel;
}
