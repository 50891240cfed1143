/**
 * The bounds of every numeric control, as data. The Controls schema in shapes.ts is built from
 * these (limitedNumber), and the window's sliders and fields read the same objects, so what a
 * control offers and what the trainer accepts cannot drift apart. Part of the contract: imports
 * only zod.
 */
import { z } from 'zod';

export interface NumberLimit {
  /** The lowest value taken, or, with minExclusive, the bound values must stay above. */
  readonly min: number;
  /** True where `min` itself is not allowed (a keep probability of 0 would freeze every weight). */
  readonly minExclusive?: boolean;
  /** The highest value taken; absent where nothing caps it (a number of steps). */
  readonly max?: number;
  readonly integer?: boolean;
  /** A slider's notch, or 1 for whole numbers; absent for a typed value that takes any real. */
  readonly step?: number;
}

/** A limit a slider can show: both ends and a notch. */
export interface SliderLimit extends NumberLimit {
  readonly max: number;
  readonly step: number;
}

const wholeSteps = (min: number) => ({ min, integer: true, step: 1 }) as const;

export const controlLimits = {
  /** Peak step size: above 0; past 1 nothing trains. */
  learningRate: { min: 0, minExclusive: true, max: 1 },
  randomWarp: {
    /** 1 = time speed within ±20%, ±15° turn, ±5% scale, 1% jitter; 2 is as far as the warp stays plausible. */
    strength: { min: 0, max: 2, step: 0.1 },
  },
  lrd: {
    keep: { min: 0, minExclusive: true, max: 1, step: 0.05 },
    cosinePeriod: wholeSteps(1),
  },
  gan: {
    power: { min: 0, max: 10, step: 0.05 },
    rampSteps: wholeSteps(0),
  },
  optimizer: {
    weightDecay: { min: 0, max: 1 },
    clipNorm: { min: 0 },
    warmupSteps: wholeSteps(0),
    /** One milestone step of the learning-rate schedule. */
    milestone: wholeSteps(1),
    /** How many milestones a schedule may list. */
    milestoneCount: 32,
    gamma: { min: 0, minExclusive: true, max: 1, step: 0.05 },
  },
  growth: {
    /** Level 0 is the coarsest; a recipe declares at most this many levels above it. */
    level: { min: 0, max: 7, integer: true, step: 1 },
    fadeSteps: wholeSteps(0),
  },
  batchSize: { min: 1, max: 1024, integer: true, step: 1 },
  accumulation: { min: 1, max: 64, integer: true, step: 1 },
} as const;

/** The zod number a limit describes: the one way the schemas turn a limit into validation. */
export function limitedNumber(limit: NumberLimit): z.ZodNumber {
  let schema = limit.minExclusive ? z.number().gt(limit.min) : z.number().min(limit.min);
  if (limit.max !== undefined) schema = schema.max(limit.max);
  if (limit.integer) schema = schema.int();
  return schema;
}
