import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { historyPage, MAX_HISTORY_POINTS } from './history-cap.js';

const cappedHistory = (points: readonly MetricPoint[]) => historyPage(points).points;

const step = (n: number): MetricPoint => ({ step: n, time: n, values: { loss: 1 / n } });
const evaluation = (n: number): MetricPoint => ({ step: n, time: n, values: { 'val/recon': 1 / n, likeness: n % 100 } });
/** A run's log: a point per step, an evaluation every 250 steps. */
const log = (steps: number) => Array.from({ length: steps }, (_, i) => (i % 250 === 0 ? [step(i + 1), evaluation(i + 1)] : [step(i + 1)])).flat();

describe('the metrics history a message carries', () => {
  it('is the whole log while it is short', () => {
    expect(cappedHistory(log(500))).toEqual(log(500));
  });

  it('stays at the cap however long the run, with the newest 1,000 steps whole, every evaluation, and the first step', () => {
    for (const steps of [10_000, 1_000_000]) {
      const points = log(steps);
      const capped = cappedHistory(points);
      expect(capped.length).toBe(MAX_HISTORY_POINTS);
      expect(capped.slice(-1000)).toEqual(points.slice(-1000));
      expect(capped[0]).toEqual(points[0]);
      const evaluations = capped.slice(0, -1000).filter((p) => 'val/recon' in p.values).length;
      expect(evaluations).toBe(Math.min(1000, points.slice(0, -1000).filter((p) => 'val/recon' in p.values).length));
      expect(capped.map((p) => p.step)).toEqual([...capped.map((p) => p.step)].sort((a, b) => a - b));
      // Under 1 MB as JSON at a million steps.
      expect(JSON.stringify(capped).length).toBeLessThan(1_000_000);
    }
  });

  it('serves a range that fits whole, and a longer one thinned evenly throughout, its first and last steps kept', () => {
    expect(historyPage(log(2000), 100, 110)).toEqual({ points: log(2000).filter((p) => p.step >= 100 && p.step <= 110), wholeFrom: 0 });
    const range = historyPage(log(100_000), 20_000, 30_000);
    const steps = range.points.filter((p) => !('val/recon' in p.values)).map((p) => p.step);
    expect(range.points.length).toBe(MAX_HISTORY_POINTS);
    expect([steps[0], steps.at(-1)]).toEqual([20_000, 30_000]);
    // No whole end: the gaps between kept steps are as even near its end as near its start.
    const gaps = steps.slice(1).map((s, i) => s - steps[i]!);
    expect(Math.min(...gaps.slice(-500))).toBeGreaterThanOrEqual(Math.min(...gaps.slice(0, 500)));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil(10_000 / (MAX_HISTORY_POINTS - 41)) + 1);
    expect(range.wholeFrom, 'nothing in it is whole').toBe(30_001);
  });
});

describe('a history page', () => {
  it('says from which step it is whole, and keeps the steps that went non-finite', () => {
    const points = log(100_000);
    points[12_345] = { ...points[12_345]!, values: { loss: null } };
    const page = historyPage(points);
    expect(page.points.length).toBe(MAX_HISTORY_POINTS);
    expect(page.wholeFrom).toBe(points.at(-1000)!.step);
    expect(page.points.filter((p) => p.step >= page.wholeFrom)).toEqual(points.filter((p) => p.step >= page.wholeFrom));
    expect(page.points.some((p) => p.values.loss === null), 'the gap mark survives the thinning').toBe(true);
    expect(historyPage(log(500))).toEqual({ points: log(500), wholeFrom: 0 });
  });
});
