import { describe, expect, it } from 'vitest';
import { controlLimits } from '../../../trainer/protocol';
import { formatStepList, parseNumber, parseStepList } from './number-draft';

describe('typed control values', () => {
  it('reads numbers within the control’s bounds and says what is wrong with the rest', () => {
    expect(parseNumber(' 16 ', { min: 1, max: 1024, integer: true })).toEqual({ ok: true, value: 16 });
    expect(parseNumber('0.01', { min: 0, max: 1 })).toEqual({ ok: true, value: 0.01 });
    expect(parseNumber('1e-3', { min: 0 })).toEqual({ ok: true, value: 0.001 });
    expect(parseNumber('', { min: 0 })).toEqual({ ok: false, problem: 'Enter a number.' });
    expect(parseNumber('abc', { min: 0 })).toEqual({ ok: false, problem: 'Enter a number.' });
    expect(parseNumber('2.5', { min: 1, integer: true })).toEqual({ ok: false, problem: 'Enter a whole number.' });
    expect(parseNumber('0', { min: 1, integer: true })).toEqual({ ok: false, problem: 'Must be at least 1.' });
    expect(parseNumber('0', { min: 0, minExclusive: true })).toEqual({ ok: false, problem: 'Must be above 0.' });
    expect(parseNumber('65', { min: 1, max: 64, integer: true })).toEqual({ ok: false, problem: 'Must be at most 64.' });
  });

  it('reads a list of milestone steps in step order, and names the part that is not a step', () => {
    expect(parseStepList('5000, 2000')).toEqual({ ok: true, value: [2000, 5000] });
    expect(parseStepList('100 200;300')).toEqual({ ok: true, value: [100, 200, 300] });
    expect(parseStepList('  ')).toEqual({ ok: true, value: [] });
    const bad = parseStepList('2000, 1.5k');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/'1\.5k' is not a step/);
    expect(parseStepList('0').ok).toBe(false);
    expect(parseStepList(Array.from({ length: controlLimits.optimizer.milestoneCount + 1 }, (_, i) => i + 1).join(',')).ok).toBe(false);
    expect(formatStepList([2000, 5000])).toBe('2000, 5000');
  });
});
