import { describe, expect, it } from 'vitest';
import { GrowableColumn } from './metric-columns';
import { bucketSizeFor, SeriesView } from './series-view';

const noisy = (i: number) => 2 / (1 + i / 5000) + 0.2 * Math.sin(i * 1.3) + 0.05 * Math.cos(i * 0.71);

function filled(n: number, y: (i: number) => number = noisy): GrowableColumn {
  const c = new GrowableColumn();
  for (let i = 0; i < n; i++) c.push(i, y(i));
  return c;
}

describe('a chart series view', () => {
  it('draws the same picture whether the run arrived at once or batch by batch', () => {
    const whole = new SeriesView(filled(300_000));
    const growing = new GrowableColumn();
    const live = new SeriesView(growing);
    for (let i = 0; i < 300_000; i++) {
      growing.push(i, noisy(i));
      // Look at the chart after every 500-point batch, as the window does.
      if ((i + 1) % 500 === 0) live.points(0, i, 600);
    }
    expect(live.points(0, 299_999, 600)).toEqual(whole.points(0, 299_999, 600));
  });

  it('recomputes only the newest buckets after a batch, not the whole run', () => {
    const column = filled(1_000_000);
    const view = new SeriesView(column);
    view.points(0, 999_999, 600);
    for (let i = 1_000_000; i < 1_000_500; i++) column.push(i, noisy(i));
    const points = view.points(0, 1_000_499, 600);
    expect(view.lastRecomputed).toBeLessThanOrEqual(3);
    expect(points.at(-1)).toEqual({ step: 1_000_499, y: noisy(1_000_499) });
  });

  it('bounds a window of the last 5k steps and starts it at the window edge', () => {
    const view = new SeriesView(filled(1_000_000));
    const points = view.points(995_000, 999_999, 240);
    expect(points.length).toBeLessThanOrEqual(240 + 3);
    expect(points[0]!.step).toBe(995_000);
    expect(points.at(-1)!.step).toBe(999_999);
  });

  it('keeps extremes and gaps through the bucket cache', () => {
    const y = (i: number) => (i === 123_457 ? 40 : i === 654_321 ? NaN : noisy(i));
    const points = new SeriesView(filled(1_000_000, y)).points(0, 999_999, 600);
    expect(points).toContainEqual({ step: 123_457, y: 40 });
    expect(points).toContainEqual({ step: 654_321, y: null });
    expect(points.length).toBeLessThanOrEqual(2 * 600 + 2);
  });

  it('smooths for display only: the logged values stay as they were', () => {
    const column = filled(2000, (i) => (i % 2 === 0 ? 0 : 2));
    const before = Array.from(column.values.subarray(0, column.length));
    const view = new SeriesView(column);
    view.setSmoothing(0.9);
    const smoothed = view.points(1000, 1999, 5000);
    expect(smoothed.every((p) => p.y !== null && Math.abs(p.y - 1) < 0.2)).toBe(true);
    expect(Array.from(column.values.subarray(0, column.length))).toEqual(before);
    view.setSmoothing(0);
    expect(view.points(1000, 1001, 5000)).toEqual([
      { step: 1000, y: 0 },
      { step: 1001, y: 2 },
    ]);
  });

  it('keeps a non-finite step a gap under smoothing, and the average carries on past it', () => {
    const view = new SeriesView(filled(100, (i) => (i === 50 ? NaN : 1)));
    view.setSmoothing(0.95);
    const points = view.points(0, 99, 1000);
    expect(points[50]).toEqual({ step: 50, y: null });
    expect(points[51]!.y).toBeCloseTo(1, 10);
  });

  it('picks power-of-two buckets, so full buckets stay full as the run grows', () => {
    expect(bucketSizeFor(500, 600)).toBe(1);
    expect(bucketSizeFor(1_000_000, 600)).toBe(2048);
    expect(bucketSizeFor(5000, 240)).toBe(32);
  });
});
