import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../trainer/protocol';
import { MetricLog } from './metric-log';
import { currentStep, newestLoggedStep, newestStepPoint } from './selectors';

const point = (step: number, late = false): MetricPoint => ({ step, time: 0, values: { loss: 1 }, ...(late ? { late: true as const } : {}) });

describe('newestLoggedStep', () => {
  it('is the newest training step, not the step of an evaluation that arrived after it', () => {
    // The log order of a real run: steps 249–253, then the evaluation of step 250 lands.
    const metrics = [point(249), point(250), point(251), point(252), point(253), point(250, true)];
    expect(newestLoggedStep(metrics)).toBe(253);
    expect(currentStep(null, metrics)).toBe(253);
    // The store keeps them as a MetricLog, read by at(), not by index.
    expect(newestLoggedStep(MetricLog.of(metrics))).toBe(253);
  });

  it('is 0 with nothing logged, or only late points', () => {
    expect(newestLoggedStep([])).toBe(0);
    expect(newestLoggedStep([point(5, true)])).toBe(0);
  });
});

describe('newestStepPoint', () => {
  it('is the newest training step’s point (the loss readout’s), skipping an evaluation that landed late without a loss', () => {
    const evaluation: MetricPoint = { step: 250, time: 0, values: { 'val/recon': 0.3 }, late: true };
    const metrics = MetricLog.of([point(252), { ...point(253), values: { loss: 0.5 } }, evaluation]);
    expect(newestStepPoint(metrics)?.values.loss).toBe(0.5);
    expect(newestStepPoint([])).toBeNull();
  });
});
