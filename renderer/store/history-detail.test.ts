import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../trainer/protocol';
import { detailOfPage, rangeToFetch, withFetchedRange, WHOLE_HISTORY } from './history-detail';
import { MetricLog } from './metric-log';

const point = (step: number): MetricPoint => ({ step, time: step, values: { loss: 1 / step } });
const log = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => point(from + i));
/** Steps from..to as the trainer pages them (project/history-cap.ts): up to 3,000 whole, else the newest 1,000 whole and 2,000 evenly before. */
function page(from: number, to: number) {
  if (to - from + 1 <= 3000) return { points: log(from, to), wholeFrom: 0 };
  const wholeFrom = to - 999;
  const thinned = Array.from({ length: 2000 }, (_, i) => point(from + Math.round((i * (wholeFrom - 1 - from)) / 1999)));
  return { points: [...thinned, ...log(wholeFrom, to)], wholeFrom };
}

describe('a long history held as a page', () => {
  // What the trainer sends of a 1,000,000-step run: 3,000 points, the newest 1,000 whole.
  const first = page(1, 1_000_000);
  const detail = detailOfPage(first.points, first.wholeFrom);

  it('knows where it is whole and how thinly the rest is held', () => {
    expect(first.wholeFrom).toBe(999_001);
    expect(detail.thinned).toHaveLength(1);
    expect(detail.thinned[0]!.spacing).toBeCloseTo(999_000 / 2000, 0);
    expect(detailOfPage(log(1, 500), 0)).toEqual(WHOLE_HISTORY);
  });

  it('draws the whole run and the newest steps from what it holds; a closer view of older steps asks for its range', () => {
    expect(rangeToFetch(detail, [1, 1_000_000]), 'the whole run').toBeNull();
    expect(rangeToFetch(detail, [999_100, 1_000_000]), 'inside the whole tail').toBeNull();
    expect(rangeToFetch(detail, [995_000, 1_000_000]), 'the 5k window reaches into the thinned part').toEqual([995_000, 999_000]);
    expect(rangeToFetch(detail, [300_000, 400_000])).toEqual([300_000, 400_000]);
    expect(rangeToFetch(WHOLE_HISTORY, [1, 500]), 'a short run is held whole').toBeNull();
  });

  it('puts the answer in place of what it held there, and asks again only for a closer view still', () => {
    const answer = page(300_000, 400_000);
    const { log: held, detail: after } = withFetchedRange(MetricLog.of(first.points), detail, { ...answer, fromStep: 300_000, toStep: 400_000 });
    const steps = held.map((p) => p.step);
    expect(steps, 'still in step order').toEqual([...steps].sort((a, b) => a - b));
    expect(steps.filter((s) => s >= 300_000 && s <= 400_000)).toEqual(answer.points.map((p) => p.step));
    expect(held.length).toBe(first.points.filter((p) => p.step < 300_000 || p.step > 400_000).length + answer.points.length);
    expect(rangeToFetch(after, [300_000, 400_000]), 'the same view').toBeNull();
    expect(rangeToFetch(after, [320_000, 380_000]), 'a little closer').toBeNull();
    expect(rangeToFetch(after, [350_000, 351_000]), 'much closer').toEqual([350_000, 351_000]);
    // A range that came whole draws any view inside it.
    const whole = page(350_000, 351_000);
    expect(whole.wholeFrom).toBe(0);
    const closer = withFetchedRange(held, after, { ...whole, fromStep: 350_000, toStep: 351_000 });
    expect(rangeToFetch(closer.detail, [350_100, 350_200])).toBeNull();
    expect(closer.log.map((p) => p.step).filter((s) => s >= 350_000 && s <= 351_000)).toEqual(log(350_000, 351_000).map((p) => p.step));
  });
});
