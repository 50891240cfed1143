import { describe, expect, it } from 'vitest';
import { defaultControls, mergeControls } from './controls.js';
import { learningRateAt } from './lr-schedule.js';
import { clipFactor } from './train-step.js';

const base = defaultControls(['encoder'], { learningRate: 1e-3, batchSize: 16 });

describe('learning-rate schedule', () => {
  it('warms up linearly, then steps down by gamma at each milestone', () => {
    const c = mergeControls(base, { optimizer: { warmupSteps: 10, milestones: [100, 200], gamma: 0.5 } });
    expect(learningRateAt(0, c)).toBeCloseTo(1e-4, 12);
    expect(learningRateAt(4, c)).toBeCloseTo(5e-4, 12);
    expect(learningRateAt(9, c)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(99, c)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(100, c)).toBeCloseTo(5e-4, 12);
    expect(learningRateAt(250, c)).toBeCloseTo(2.5e-4, 12);
  });

  it('modulates with a cosine only while LRD with cosine is on', () => {
    const c = mergeControls(base, { optimizer: { warmupSteps: 0 }, lrd: { enabled: true, cosine: true, cosinePeriod: 100 } });
    expect(learningRateAt(0, c)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(50, c)).toBeCloseTo(0, 12);
    expect(learningRateAt(25, c)).toBeCloseTo(5e-4, 12);
    expect(learningRateAt(50, mergeControls(c, { lrd: { enabled: false } }))).toBeCloseTo(1e-3, 12);
  });
});

describe('gradient-norm clipping', () => {
  it('scales a gradient whose global norm exceeds the limit down to it, and leaves the rest alone', () => {
    expect(clipFactor(10, 1)).toBeCloseTo(0.1, 12);
    expect(clipFactor(0.5, 1)).toBe(1);
    expect(clipFactor(10, 0)).toBe(1);
  });
});
