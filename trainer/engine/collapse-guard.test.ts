import { describe, expect, it } from 'vitest';
import { CollapseGuard } from './collapse-guard.js';
import type { StepResult } from './train-step.js';

const ok = (loss: number): StepResult => ({ values: { loss }, applied: true, skipped: null });
const bad: StepResult = { values: { loss: NaN }, applied: false, skipped: 'non-finite' };

describe('collapse guard', () => {
  it('calls a collapse after K non-finite steps in a row, not before, and forgives a single one', () => {
    const guard = new CollapseGuard({ maxInARow: 3, spikeFactor: 3, warmupSteps: 5, smoothing: 0.9, quietSteps: 10 });
    expect(guard.observe(1, bad).kind).toBe('non-finite');
    expect(guard.observe(2, ok(1)).kind).toBe('ok');
    expect(guard.observe(3, bad).kind).toBe('non-finite');
    expect(guard.observe(4, bad).kind).toBe('non-finite');
    const verdict = guard.observe(5, bad);
    expect(verdict.kind).toBe('collapse');
    expect(verdict.kind === 'collapse' && verdict.message).toMatch(/3 steps in a row/);
    expect(guard.skippedTotal).toBe(4);
  });

  it('warns of a loss spike above its moving average once, then stays quiet for a while', () => {
    const guard = new CollapseGuard({ maxInARow: 3, spikeFactor: 3, warmupSteps: 5, smoothing: 0.9, quietSteps: 10 });
    for (let step = 1; step <= 20; step++) expect(guard.observe(step, ok(1)).kind).toBe('ok');
    expect(guard.observe(21, ok(5)).kind).toBe('spike');
    expect(guard.observe(22, ok(5)).kind).toBe('ok');
    expect(guard.observe(23, ok(2)).kind).toBe('ok');
  });
});
