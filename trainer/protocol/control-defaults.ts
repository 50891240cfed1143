/**
 * The control settings every run starts from, whatever its recipe. The recipe adds what is its
 * own (learning rate, batch size, its layer groups, all unlocked); the trainer builds a run's
 * controls from both, and the window shows these until the trainer has reported a run's own.
 * Part of the contract: imports only its sibling parts.
 */
import type { Controls } from './shapes.js';

/** What a recipe decides itself. */
export type RecipeControlKeys = 'learningRate' | 'batchSize' | 'locks' | 'growth';

export type SharedControlDefaults = Omit<Controls, RecipeControlKeys>;

export const controlDefaults: Readonly<SharedControlDefaults> = Object.freeze({
  randomWarp: { enabled: false, strength: 1 },
  lrd: { enabled: false, keep: 0.3, cosine: false, cosinePeriod: 500 },
  /** Power ramps in over 200 steps: an adversarial term at full weight at once can knock a good generator off. */
  gan: { enabled: false, power: 0.1, rampSteps: 200 },
  precision: 'fp32',
  optimizer: { weightDecay: 0.01, clipNorm: 1, warmupSteps: 100, milestones: [], gamma: 0.5 },
  accumulation: 1,
  recompute: false,
});
