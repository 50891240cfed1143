/**
 * The stage tracker ends a plateau stage on its own metric's values, and an evaluation that
 * arrives late (the evaluation worker answers for weights of an earlier step) counts only if
 * those weights were trained in the current stage.
 */
import { describe, expect, it } from 'vitest';
import { testRunFile } from '../testing/run-file.js';
import { StageTracker } from './stage-tracker.js';

const plateau = { type: 'plateau' as const, metric: 'val/recon', patience: 100, minDelta: 0 };
const run = (startedAt: number) =>
  testRunFile({
    step: startedAt,
    plan: { name: 'two', stages: [{ name: 'first', controls: {}, end: plateau }, { name: 'last', controls: {}, end: { type: 'manual' } }] },
    stage: { index: 0, startedAt },
  });

describe('a plateau stage', () => {
  it('ends once its metric has not improved for `patience` steps', () => {
    const tracker = new StageTracker(run(0));
    expect(tracker.check(50, { 'val/recon': 1 })).toBeNull();
    expect(tracker.check(100, { 'val/recon': 1 })).toBeNull();
    expect(tracker.check(150, { 'val/recon': 1 })).toMatch(/plateaued for 100 steps/);
  });

  it('ignores a late evaluation of weights from before the stage began', () => {
    const tracker = new StageTracker(run(500));
    // Weights of step 450 (the previous stage) scored well; that must not start the count at 450.
    expect(tracker.check(450, { 'val/recon': 0.1 })).toBeNull();
    expect(tracker.check(560, { 'val/recon': 0.5 })).toBeNull();
    expect(tracker.check(600, { 'val/recon': 0.5 })).toBeNull();
    expect(tracker.check(660, { 'val/recon': 0.5 })).toMatch(/plateaued/);
  });

  it('is judged on the steps that report its metric, so an improvement evaluated late still counts', () => {
    const tracker = new StageTracker(run(0));
    expect(tracker.check(0, { 'val/recon': 1 })).toBeNull();
    // Training steps past the patience carry no validation value: not yet a plateau…
    expect(tracker.check(120, { loss: 0.3 })).toBeNull();
    // …and the evaluation of step 100's weights, arriving late, shows an improvement.
    expect(tracker.check(100, { 'val/recon': 0.5 })).toBeNull();
    expect(tracker.check(150, { 'val/recon': 0.5 })).toBeNull();
    expect(tracker.check(200, { 'val/recon': 0.5 })).toMatch(/plateaued/);
  });
});
