import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../trainer/protocol';
import { MetricLog } from './metric-log';

const point = (step: number): MetricPoint => ({ step, time: step, values: { loss: 1 / (step + 1) } });
const steps = (log: MetricLog) => log.map((p) => p.step);

describe('MetricLog', () => {
  it('appends a batch and reads points by index like an array (negative from the end)', () => {
    const log = MetricLog.empty.append([point(1), point(2)]).append([point(3)]);
    expect(log.length).toBe(3);
    expect(steps(log)).toEqual([1, 2, 3]);
    expect(log.at(0)?.step).toBe(1);
    expect(log.at(-1)?.step).toBe(3);
    expect(log.last()?.step).toBe(3);
    expect(log.at(3)).toBeUndefined();
    expect([...log].map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it('leaves every earlier version exactly as it was', () => {
    const v1 = MetricLog.empty.append([point(1)]);
    const v2 = v1.append([point(2)]);
    const v3 = v2.append([point(3), point(4)]);
    expect(steps(v1)).toEqual([1]);
    expect(steps(v2)).toEqual([1, 2]);
    expect(v2.at(-1)?.step).toBe(2);
    expect(v2.at(2)).toBeUndefined();
    expect(steps(v3)).toEqual([1, 2, 3, 4]);
  });

  it('extending an older version forks it without touching the newer one', () => {
    const v1 = MetricLog.empty.append([point(1)]);
    const newer = v1.append([point(2)]);
    const fork = v1.append([point(9)]);
    expect(steps(newer)).toEqual([1, 2]);
    expect(steps(fork)).toEqual([1, 9]);
    // Both go on growing independently.
    expect(steps(newer.append([point(3)]))).toEqual([1, 2, 3]);
    expect(steps(fork.append([point(10)]))).toEqual([1, 9, 10]);
  });

  it('never changes an array it was given', () => {
    const given = [point(1), point(2)];
    const log = MetricLog.of(given).append([point(3)]);
    expect(given.map((p) => p.step)).toEqual([1, 2]);
    expect(steps(log)).toEqual([1, 2, 3]);
    expect(log.toArray()).not.toBe(given);
  });

  it('keeps the same point objects, so incremental readers can tell an append from a replacement', () => {
    const first = point(1);
    const v1 = MetricLog.of([first]);
    const v2 = v1.append([point(2)]);
    expect(v2.at(0)).toBe(first);
  });

  it('an append of nothing is the same version', () => {
    const log = MetricLog.empty.append([point(1)]);
    expect(log.append([])).toBe(log);
  });
});
