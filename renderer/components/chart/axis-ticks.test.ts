import { describe, expect, it } from 'vitest';
import { ticksWithin, valueAxis } from './axis-ticks';

const series = (...ys: (number | null)[]) => [{ points: ys.map((y, step) => ({ step, y })) }];

describe('chart axes', () => {
  it('puts step ticks on round numbers inside the shown range', () => {
    expect(ticksWithin(1, 1_005_500, 6)).toEqual([200_000, 400_000, 600_000, 800_000, 1_000_000]);
    expect(ticksWithin(995_001, 1_000_000, 5)).toEqual([996_000, 997_000, 998_000, 999_000, 1_000_000]);
  });

  it('fits every finite value on a linear axis with round ends, ignoring gaps', () => {
    const axis = valueAxis(series(0.013, null, 2.18, 0.4), false, 5);
    expect(axis.domain[0]).toBeLessThanOrEqual(0.013);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(2.18);
    expect(axis.domain).toEqual([0, 2.5]);
    expect(axis.ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  });

  it('gives a flat line a band and an empty chart an axis', () => {
    expect(valueAxis(series(400, 400), false, 4).domain).toEqual([360, 440]);
    expect(valueAxis(series(null), false, 4).domain).toEqual([0, 1]);
  });

  it('spans whole decades on a log axis and leaves out values it cannot show', () => {
    const axis = valueAxis(series(0, -1, 0.02, 3), true, 5);
    expect(axis.domain).toEqual([0.01, 10]);
    expect(axis.ticks).toEqual([0.01, 0.1, 1, 10]);
    expect(valueAxis(series(0.3, 0.9), true, 5).ticks).toEqual([0.1, 0.2, 0.5, 1]);
  });
});
