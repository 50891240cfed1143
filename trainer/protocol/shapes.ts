/**
 * Shared shapes: controls and their parts, the numbers every message carries. Part of the
 * contract that trainer/protocol.ts exports whole: imports only zod and its sibling parts.
 */
import { z } from 'zod';

/** Bumped whenever a command or event changes shape; `hello` carries it both ways. */
export const PROTOCOL_VERSION = 4;

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

/** Numeric formats. TF.js computes in float32 only: bf16 and fp16 are emulated by rounding. */
export const Precision = z.enum(['fp32', 'bf16', 'fp16']);
export type Precision = z.infer<typeof Precision>;

export const RandomWarp = z.strictObject({
  /** Warps the model input only; the target stays clean, so the model learns to undo it. */
  enabled: z.boolean(),
  /** 1 = time speed within ±20%, ±15° turn about the vertical, ±5% scale, 1% jitter. */
  strength: z.number().min(0).max(2),
});

export const LearningRateDropout = z.strictObject({
  enabled: z.boolean(),
  /** Probability that a weight element's update is kept this step (DeepFaceLab: 0.3). */
  keep: z.number().gt(0).max(1),
  /** DeepFaceLab's cosine modulation of the learning rate while LRD is on. */
  cosine: z.boolean(),
  /** Steps per cosine cycle. */
  cosinePeriod: z.number().int().positive(),
});

export const Gan = z.strictObject({
  /** Trains the discriminator in its own step after each generator step. */
  enabled: z.boolean(),
  /** Weight of the generator's adversarial term. */
  power: z.number().min(0).max(10),
  /** Steps over which power ramps up from 0 after GAN is switched on (0 = at once). */
  rampSteps: z.number().int().nonnegative(),
});

export const OptimizerSettings = z.strictObject({
  /** AdamW's decoupled weight decay, applied to matrices (not biases). */
  weightDecay: z.number().min(0).max(1),
  /** Global gradient-norm clip; 0 turns clipping off. */
  clipNorm: z.number().min(0),
  /** Linear warm-up from 0 to the learning rate over this many steps. */
  warmupSteps: z.number().int().nonnegative(),
  /** MultiStepLR: at each of these steps the learning rate is multiplied by gamma. */
  milestones: z.array(z.number().int().positive()).max(32),
  gamma: z.number().gt(0).max(1),
});

/** Live training controls, applied atomically between two optimizer steps. */
export const Controls = z.strictObject({
  /** Peak step size (before warm-up, milestones and LRD's cosine). */
  learningRate: z.number().positive().max(1),
  randomWarp: RandomWarp,
  /** Layer group → locked. A locked group is out of the trainable set; its weights do not move. */
  locks: z.record(z.string(), z.boolean()),
  lrd: LearningRateDropout,
  gan: Gan,
  precision: Precision,
  optimizer: OptimizerSettings,
  /** Samples per optimizer step (split across the accumulation micro-batches). */
  batchSize: z.number().int().min(1).max(1024),
  /** Micro-batches whose gradients are summed into one update: less memory, same step. */
  accumulation: z.number().int().min(1).max(64),
  /** Recompute each block's forward in the backward pass instead of keeping activations. */
  recompute: z.boolean(),
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
});
export type ControlsPatch = z.infer<typeof ControlsPatch>;
