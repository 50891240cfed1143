import { describe, expect, it, vi } from 'vitest';
import type { MetricPoint } from '../../trainer/protocol';
import { latestValue } from './latest-value';
import { MetricLog, type PointList } from './metric-log';

const point = (step: number, values: MetricPoint['values'] = { loss: 1 / step }): MetricPoint => ({ step, time: step, values });
const points = (from: number, count: number) => Array.from({ length: count }, (_, i) => point(from + i));


describe('latestValue', () => {
  it('is the last logged value, skipping steps that did not log the metric; null if never logged or non-finite', () => {
    const log = MetricLog.of([point(1, { loss: 3, lr: 0.1 }), point(2, { loss: 2 }), point(3, { loss: null })]);
    expect(latestValue(log, 'lr')).toBe(0.1);
    expect(latestValue(log, 'loss')).toBeNull();
    expect(latestValue(log, 'likeness')).toBeNull();
    expect(latestValue(MetricLog.empty, 'lr')).toBeNull();
  });

  it('follows the log as batches append, keeping an older value until a newer one is logged', () => {
    let log = MetricLog.empty.append([point(1, { lr: 0.1 }), ...points(2, 10)]);
    expect(latestValue(log, 'lr')).toBe(0.1);
    log = log.append(points(12, 10));
    expect(latestValue(log, 'lr')).toBe(0.1);
    log = log.append([point(22, { lr: 0.2 }), ...points(23, 5)]);
    expect(latestValue(log, 'lr')).toBe(0.2);
  });

  it('reads only the new points of a log that extends one already asked about', () => {
    const first = MetricLog.empty.append(points(1, 1000));
    expect(latestValue(first, 'likeness')).toBeNull();
    const next = first.append(points(1001, 500));
    const reads = vi.spyOn(next, 'at');
    expect(latestValue(next, 'likeness')).toBeNull();
    expect(reads.mock.calls.length).toBeLessThanOrEqual(500);
    // Two runs' logs keep their own reads: asking about another log does not make this one scan again.
    expect(latestValue(MetricLog.empty.append(points(1, 10)), 'likeness')).toBeNull();
    reads.mockClear();
    expect(latestValue(next, 'likeness')).toBeNull();
    expect(reads.mock.calls.length).toBe(0);
  });

  it('answers a plain array of points too', () => {
    const list: PointList = [point(1, { lr: 0.1 }), point(2)];
    expect(latestValue(list, 'lr')).toBe(0.1);
  });

  it('answers afresh for another log (another run, a fork, a shorter version), never with a value from the last one', () => {
    const base = MetricLog.empty.append([point(1, { lr: 0.1 }), point(2)]);
    const longer = base.append([point(3, { lr: 0.3 }), point(4)]);
    expect(latestValue(longer, 'lr')).toBe(0.3);
    expect(latestValue(base, 'lr')).toBe(0.1);
    expect(latestValue(base.append([point(3, { lr: 0.5 })]), 'lr')).toBe(0.5);
    expect(latestValue(MetricLog.of(points(1, 4)), 'lr')).toBeNull();
    expect(latestValue(longer, 'lr')).toBe(0.3);
  });
});
