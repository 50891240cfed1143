import { describe, expect, it } from 'vitest';
import { CollapseGuard, type GuardOptions } from './collapse-guard.js';
import type { StepResult } from './train-step.js';

const ok = (loss: number): StepResult => ({ values: { loss }, applied: true, skipped: null });
const terms = (values: Record<string, number>): StepResult => ({ values: { loss: Object.values(values).reduce((a, b) => a + b, 0), ...values }, applied: true, skipped: null });
const options: GuardOptions = { maxInARow: 3, spikeFactor: 3, warmupSteps: 5, smoothing: 0.9, quietSteps: 10, minShare: 0.1, settleSteps: 4, settleFactor: 1.5 };
const bad: StepResult = { values: { loss: NaN }, applied: false, skipped: 'non-finite' };

describe('collapse guard', () => {
  it('calls a collapse after K non-finite steps in a row, not before, and forgives a single one', () => {
    const guard = new CollapseGuard(options);
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
    const guard = new CollapseGuard(options);
    for (let step = 1; step <= 20; step++) expect(guard.observe(step, ok(1)).kind).toBe('ok');
    expect(guard.observe(21, ok(5)).kind).toBe('spike');
    expect(guard.observe(22, ok(5)).kind).toBe('ok');
    expect(guard.observe(23, ok(2)).kind).toBe('ok');
  });

  it('clears the spike once the loss has stayed near its average for a while', () => {
    const guard = new CollapseGuard(options);
    for (let step = 1; step <= 20; step++) guard.observe(step, ok(1));
    expect(guard.observe(21, ok(5)).kind).toBe('spike');
    // Still high: no all-clear yet.
    expect(guard.observe(22, ok(4)).kind).toBe('ok');
    const after = [23, 24, 25, 26].map((step) => guard.observe(step, ok(1)).kind);
    expect(after).toEqual(['ok', 'ok', 'ok', 'recovered']);
    expect(guard.observe(27, ok(1)).kind).toBe('ok');
  });

  it('judges each loss term against its own average, so a smaller term that explodes is seen inside the total', () => {
    const guard = new CollapseGuard(options);
    for (let step = 1; step <= 20; step++) guard.observe(step, terms({ 'loss/recon': 1, 'loss/velocity': 0.2 }));
    // The total moves from 1.2 to 1.8 (1.5×: no spike as a whole); the velocity term is 4× its average.
    const verdict = guard.observe(21, terms({ 'loss/recon': 1, 'loss/velocity': 0.8 }));
    expect(verdict.kind).toBe('spike');
    expect(verdict.kind === 'spike' && verdict.message).toMatch(/loss\/velocity/);
  });

  it('does not call a term a spike when its rise is a sliver of the loss (a VQ commitment term swinging by multiples)', () => {
    const guard = new CollapseGuard(options);
    for (let step = 1; step <= 20; step++) guard.observe(step, terms({ 'loss/recon': 0.3, 'loss/commit': 0.0003 }));
    expect(guard.observe(21, terms({ 'loss/recon': 0.3, 'loss/commit': 0.0012 })).kind).toBe('ok');
  });

  it('raises nothing when what is optimised changes and the loss changes meaning with it', () => {
    const guard = new CollapseGuard(options);
    for (let step = 1; step <= 20; step++) guard.observe(step, ok(0.02));
    guard.restart();
    // The generator's token loss is ~5, 250× the tokenizer's: a new average, not a spike.
    const verdicts = [21, 22, 23, 24, 25, 26, 27, 28].map((step) => guard.observe(step, ok(5 - step * 0.01)).kind);
    expect(verdicts.every((k) => k === 'ok')).toBe(true);
  });
});
