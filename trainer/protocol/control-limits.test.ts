import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { controlDefaults } from './control-defaults.js';
import { controlLimits as limits, type NumberLimit } from './control-limits.js';
import { Controls } from './shapes.js';

const shape = Controls.shape;
/** Each limit beside the schema field that must enforce it. */
const fields: [string, NumberLimit, z.ZodType][] = [
  ['learningRate', limits.learningRate, shape.learningRate],
  ['randomWarp.strength', limits.randomWarp.strength, shape.randomWarp.shape.strength],
  ['lrd.keep', limits.lrd.keep, shape.lrd.shape.keep],
  ['lrd.cosinePeriod', limits.lrd.cosinePeriod, shape.lrd.shape.cosinePeriod],
  ['gan.power', limits.gan.power, shape.gan.shape.power],
  ['gan.rampSteps', limits.gan.rampSteps, shape.gan.shape.rampSteps],
  ['optimizer.weightDecay', limits.optimizer.weightDecay, shape.optimizer.shape.weightDecay],
  ['optimizer.clipNorm', limits.optimizer.clipNorm, shape.optimizer.shape.clipNorm],
  ['optimizer.warmupSteps', limits.optimizer.warmupSteps, shape.optimizer.shape.warmupSteps],
  ['optimizer.milestones[]', limits.optimizer.milestone, shape.optimizer.shape.milestones.element],
  ['optimizer.gamma', limits.optimizer.gamma, shape.optimizer.shape.gamma],
  ['batchSize', limits.batchSize, shape.batchSize],
  ['accumulation', limits.accumulation, shape.accumulation],
];
const takes = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('control limits and the Controls schema agree', () => {
  it.each(fields)('%s: the ends the limit names parse, one step past them does not', (_, limit, schema) => {
    const step = limit.step ?? 1e-6;
    expect(takes(schema, limit.min), 'min').toBe(!limit.minExclusive);
    expect(takes(schema, limit.min + step), 'one step above min').toBe(limit.max === undefined || limit.min + step <= limit.max);
    expect(takes(schema, limit.min - step), 'one step below min').toBe(false);
    if (limit.max !== undefined) {
      expect(takes(schema, limit.max), 'max').toBe(true);
      expect(takes(schema, limit.max + step), 'max + step').toBe(false);
    } else {
      expect(takes(schema, 1e9), 'no upper bound').toBe(true);
    }
    if (limit.integer) expect(takes(schema, limit.min + 0.5), 'a fraction').toBe(false);
  });

  it('caps the milestone list at the count the limits name', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(takes(shape.optimizer.shape.milestones, list(limits.optimizer.milestoneCount))).toBe(true);
    expect(takes(shape.optimizer.shape.milestones, list(limits.optimizer.milestoneCount + 1))).toBe(false);
  });

  it('lets a slider land on its notches: each slider limit spans a whole number of steps', () => {
    for (const limit of [limits.randomWarp.strength, limits.lrd.keep, limits.gan.power, limits.optimizer.gamma]) {
      const notches = (limit.max - limit.min) / limit.step;
      expect(Math.abs(notches - Math.round(notches))).toBeLessThan(1e-9);
    }
  });

  it('keeps the shared defaults inside the limits', () => {
    const controls = { ...structuredClone(controlDefaults), learningRate: 1e-3, batchSize: 16, locks: { encoder: false } };
    expect(Controls.safeParse(controls).success).toBe(true);
  });
});
