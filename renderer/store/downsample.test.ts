import { describe, expect, it } from 'vitest';
import { lowerBound, lttbIndices, toChartPoints, type SeriesColumn } from './downsample';

function column(n: number, y: (i: number) => number, step: (i: number) => number = (i) => i): SeriesColumn {
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    steps[i] = step(i);
    values[i] = y(i);
  }
  return { steps, values, length: n };
}

/** The algorithm as published (Steinarsson 2013, fig. 4.1), for finite data: what lttbIndices must match. */
function referenceLttb(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = xs.length;
  const every = (n - 2) / (threshold - 2);
  const picked = [0];
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    let avgStart = Math.floor((i + 1) * every) + 1;
    let avgEnd = Math.floor((i + 2) * every) + 1;
    avgEnd = avgEnd < n ? avgEnd : n;
    // The last bucket aims at the last point, as in the reference implementation.
    if (i === threshold - 3) [avgStart, avgEnd] = [n - 1, n];
    let ax = 0;
    let ay = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      ax += xs[j]!;
      ay += ys[j]!;
    }
    ax /= avgEnd - avgStart;
    ay /= avgEnd - avgStart;
    const from = Math.floor(i * every) + 1;
    const to = Math.floor((i + 1) * every) + 1;
    let max = -1;
    let next = from;
    for (let j = from; j < to; j++) {
      const area = Math.abs((xs[a]! - ax) * (ys[j]! - ys[a]!) - (xs[a]! - xs[j]!) * (ay - ys[a]!));
      if (area > max) {
        max = area;
        next = j;
      }
    }
    picked.push(next);
    a = next;
  }
  picked.push(n - 1);
  return picked;
}

const noisy = (i: number) => Math.sin(i / 300) + 0.3 * Math.sin(i * 1.7) + 0.1 * Math.cos(i * 0.37);

describe('LTTB downsampling', () => {
  it('draws a short series exactly as logged', () => {
    const c = column(10, noisy);
    expect(lttbIndices(c, 0, 10, 100)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('picks the same points as the published algorithm on finite data', () => {
    const c = column(10_007, noisy, (i) => i * 3 + (i % 7));
    expect(lttbIndices(c, 0, c.length, 500)).toEqual(referenceLttb(c.steps, c.values, 500));
  });

  it('draws a million points as at most `threshold` points, in step order', () => {
    const c = column(1_000_000, noisy);
    const out = lttbIndices(c, 0, c.length, 800);
    expect(out.length).toBeLessThanOrEqual(800);
    expect(out.length).toBeGreaterThan(790);
    expect(out.every((i, k) => k === 0 || i > out[k - 1]!)).toBe(true);
  });

  it('keeps the first and last point', () => {
    const c = column(50_000, noisy);
    const out = lttbIndices(c, 1234, 40_000, 300);
    expect(out[0]).toBe(1234);
    expect(out.at(-1)).toBe(39_999);
  });

  it('keeps a one-step spike and a one-step dip', () => {
    const c = column(200_000, (i) => (i === 54_321 ? 99 : i === 150_000 ? -50 : 1 + 0.01 * Math.sin(i)));
    const points = toChartPoints(c, lttbIndices(c, 0, c.length, 500));
    expect(points).toContainEqual({ step: 54_321, y: 99 });
    expect(points).toContainEqual({ step: 150_000, y: -50 });
  });

  it('keeps a non-finite step as a gap, with finite points either side', () => {
    const c = column(100_000, (i) => (i === 777 || i === 60_001 ? NaN : noisy(i)));
    const points = toChartPoints(c, lttbIndices(c, 0, c.length, 500));
    expect(points).toContainEqual({ step: 777, y: null });
    expect(points).toContainEqual({ step: 60_001, y: null });
    const gap = points.findIndex((p) => p.step === 777);
    expect(points[gap - 1]!.y).not.toBeNull();
    expect(points[gap + 1]!.y).not.toBeNull();
  });

  it('stays bounded when every bucket holds a gap: one pick and one gap each', () => {
    const c = column(100_000, (i) => (i % 50 === 0 ? NaN : noisy(i)));
    const out = lttbIndices(c, 0, c.length, 400);
    expect(out.length).toBeLessThanOrEqual(2 * 400);
    expect(toChartPoints(c, out).filter((p) => p.y === null).length).toBeGreaterThan(350);
  });

  it('draws a series that is non-finite from the start without failing', () => {
    const c = column(10_000, (i) => (i < 3000 ? NaN : 1));
    const points = toChartPoints(c, lttbIndices(c, 0, c.length, 100));
    expect(points[0]).toEqual({ step: 0, y: null });
    expect(points.some((p) => p.y === 1)).toBe(true);
    expect(points.at(-1)).toEqual({ step: 9999, y: 1 });
  });

  it('finds the first index at or after a step', () => {
    const c = column(10, (i) => i, (i) => i * 10);
    expect(lowerBound(c, 0)).toBe(0);
    expect(lowerBound(c, 25)).toBe(3);
    expect(lowerBound(c, 90)).toBe(9);
    expect(lowerBound(c, 91)).toBe(10);
  });
});
