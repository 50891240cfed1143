/**
 * Shared shapes: controls and their parts, the numbers every message carries. Numeric bounds come
 * from control-limits.ts, which the window's controls read too. Part of the
 * contract that trainer/protocol.ts exports whole: imports only zod and its sibling parts.
 */
import { z } from 'zod';
import { controlLimits as limits, limitedNumber } from './control-limits.js';

/** Bumped whenever a command or event changes shape; `hello` carries it both ways. */
export const PROTOCOL_VERSION = 7;

export const BackendName = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendName>;

/**
 * Whose kernels the backend runs: Stagecraft's own (wasm only), or TF.js's stock ones, with why
 * (asked for, another backend, or TF.js internals our kernels need have moved).
 */
export const KernelSet = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('custom') }),
  z.strictObject({ kind: z.literal('stock'), reason: z.string() }),
]);
export type KernelSet = z.infer<typeof KernelSet>;

export const RunState = z.enum(['idle', 'running', 'paused', 'stopped', 'failed']);
export type RunState = z.infer<typeof RunState>;

/** A run a trainer holds open (training, or paused between two steps): the one whose commands reach its loop. */
export function isLive(run: { state: RunState }): boolean {
  return run.state === 'running' || run.state === 'paused';
}

/** The branch every run starts on; the others fork from its snapshots. */
export const MAIN_BRANCH = 'main';

/**
 * The branch a record belongs to: always present in what the trainer sends. Records written
 * before branches existed have none; they belong to main, and reading fills that in.
 */
export const OnBranch = z.string().default(MAIN_BRANCH);

/** Numeric formats. TF.js computes in float32 only: bf16 and fp16 are emulated by rounding. */
export const Precision = z.enum(['fp32', 'bf16', 'fp16']);
export type Precision = z.infer<typeof Precision>;

export const RandomWarp = z.strictObject({
  /** Warps the model input only; the target stays clean, so the model learns to undo it. */
  enabled: z.boolean(),
  /** 1 = time speed within ±20%, ±15° turn about the vertical, ±5% scale, 1% jitter. */
  strength: limitedNumber(limits.randomWarp.strength),
});

export const LearningRateDropout = z.strictObject({
  enabled: z.boolean(),
  /** Probability that a weight element's update is kept this step (DeepFaceLab: 0.3). */
  keep: limitedNumber(limits.lrd.keep),
  /** DeepFaceLab's cosine modulation of the learning rate while LRD is on. */
  cosine: z.boolean(),
  /** Steps per cosine cycle. */
  cosinePeriod: limitedNumber(limits.lrd.cosinePeriod),
});

export const Gan = z.strictObject({
  /** Trains the discriminator in its own step after each generator step. */
  enabled: z.boolean(),
  /** Weight of the generator's adversarial term. */
  power: limitedNumber(limits.gan.power),
  /** Steps over which power ramps up from 0 after GAN is switched on (0 = at once). */
  rampSteps: limitedNumber(limits.gan.rampSteps),
});

export const OptimizerSettings = z.strictObject({
  /** AdamW's decoupled weight decay, applied to matrices (not biases). */
  weightDecay: limitedNumber(limits.optimizer.weightDecay),
  /** Global gradient-norm clip; 0 turns clipping off. */
  clipNorm: limitedNumber(limits.optimizer.clipNorm),
  /** Linear warm-up from 0 to the learning rate over this many steps. */
  warmupSteps: limitedNumber(limits.optimizer.warmupSteps),
  /** MultiStepLR: at each of these steps the learning rate is multiplied by gamma. */
  milestones: z.array(limitedNumber(limits.optimizer.milestone)).max(limits.optimizer.milestoneCount),
  gamma: limitedNumber(limits.optimizer.gamma),
});

/**
 * Growth in time, for a run built with its recipe's growth levels: the level it trains at and
 * how a new level fades in. Raising the level is "Grow" (risky: a snapshot first).
 */
export const Growth = z.strictObject({
  /** The level the model trains at, 0 = the coarsest frame rate; it rises one level at a time. */
  level: limitedNumber(limits.growth.level),
  /** Steps over which a new level's layers (and data) fade in, alpha 0 → 1; 0 = at once. */
  fadeSteps: limitedNumber(limits.growth.fadeSteps),
});
export type Growth = z.infer<typeof Growth>;

/** Live training controls, applied atomically between two optimizer steps. */
export const Controls = z.strictObject({
  /** Peak step size (before warm-up, milestones and LRD's cosine). */
  learningRate: limitedNumber(limits.learningRate),
  randomWarp: RandomWarp,
  /** Layer group → locked. A locked group is out of the trainable set; its weights do not move. */
  locks: z.record(z.string(), z.boolean()),
  lrd: LearningRateDropout,
  gan: Gan,
  precision: Precision,
  optimizer: OptimizerSettings,
  /** Samples per optimizer step (split across the accumulation micro-batches). */
  batchSize: limitedNumber(limits.batchSize),
  /** Micro-batches whose gradients are summed into one update: less memory, same step. */
  accumulation: limitedNumber(limits.accumulation),
  /** Recompute each block's forward in the backward pass instead of keeping activations. */
  recompute: z.boolean(),
  /** Only on a run built to grow (its plan's first stage names a level). */
  growth: Growth.optional(),
});
export type Controls = z.infer<typeof Controls>;

/** A change to some controls; nested settings may be given in part. */
export const ControlsPatch = z.strictObject({
  learningRate: Controls.shape.learningRate.optional(),
  randomWarp: RandomWarp.partial().optional(),
  locks: Controls.shape.locks.optional(),
  lrd: LearningRateDropout.partial().optional(),
  gan: Gan.partial().optional(),
  precision: Precision.optional(),
  optimizer: OptimizerSettings.partial().optional(),
  batchSize: Controls.shape.batchSize.optional(),
  accumulation: Controls.shape.accumulation.optional(),
  recompute: Controls.shape.recompute.optional(),
  growth: Growth.partial().optional(),
});
export type ControlsPatch = z.infer<typeof ControlsPatch>;
