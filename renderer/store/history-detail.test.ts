import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../trainer/protocol';
import { detailOfPage, fetchedRange, rangeToFetch, shownHistory, WHOLE_HISTORY } from './history-detail';
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
/** Steps from..to as the trainer answers a range: up to 3,000 whole, else 3,000 evenly, whole from past the last. */
function range(from: number, to: number) {
  if (to - from + 1 <= 3000) return { points: log(from, to), wholeFrom: 0, fromStep: from, toStep: to };
  const points = Array.from({ length: 3000 }, (_, i) => point(from + Math.round((i * (to - from)) / 2999)));
  return { points, wholeFrom: to + 1, fromStep: from, toStep: to };
}
const steps = (held: MetricLog) => held.map((p) => p.step);

describe('a long history held as a page', () => {
  // What the trainer sends of a 1,000,000-step run: 3,000 points, the newest 1,000 whole.
  const first = page(1, 1_000_000);
  const held = MetricLog.of(first.points);
  const detail = detailOfPage(first.points, first.wholeFrom);

  it('knows where it is whole and how thinly the rest is held', () => {
    expect(detail.wholeFrom).toBe(999_001);
    expect(detail.spacing).toBeCloseTo(999_000 / 2000, 0);
    expect(detailOfPage(log(1, 500), 0)).toEqual(WHOLE_HISTORY);
  });

  it('draws the whole run and the newest steps from the page; a closer view of older steps asks for their range', () => {
    expect(rangeToFetch(detail, null, [1, 1_000_000]), 'the whole run').toBeNull();
    expect(rangeToFetch(detail, null, [999_100, 1_000_000]), 'inside the whole tail').toBeNull();
    expect(rangeToFetch(detail, null, [995_000, 1_000_000]), 'the 5k window reaches into the thinned part').toEqual([995_000, 999_000]);
    expect(rangeToFetch(detail, null, [300_000, 400_000])).toEqual([300_000, 400_000]);
    expect(rangeToFetch(WHOLE_HISTORY, null, [1, 500]), 'a short run is held whole').toBeNull();
  });

  it('draws a covered view from the fetched range in place of the page’s points, and asks again only for a closer view still', () => {
    const fetched = fetchedRange(range(300_000, 400_000));
    const shown = shownHistory(held, detail, fetched, [300_000, 400_000]);
    expect(steps(shown), 'still in step order').toEqual([...steps(shown)].sort((a, b) => a - b));
    expect(steps(shown).filter((s) => s >= 300_000 && s <= 400_000)).toEqual(fetched.points.map((p) => p.step));
    expect(shown.length).toBe(first.points.filter((p) => p.step < 300_000 || p.step > 400_000).length + fetched.points.length);
    expect(rangeToFetch(detail, fetched, [300_000, 400_000]), 'the same view').toBeNull();
    expect(rangeToFetch(detail, fetched, [320_000, 380_000]), 'a little closer').toBeNull();
    expect(rangeToFetch(detail, fetched, [350_000, 351_000]), 'much closer').toEqual([350_000, 351_000]);
    // A range that came whole draws any view inside it.
    const whole = fetchedRange(range(350_000, 351_000));
    expect(rangeToFetch(detail, whole, [350_100, 350_200])).toBeNull();
    expect(steps(shownHistory(held, detail, whole, [350_000, 351_000])).filter((s) => s >= 350_000 && s <= 351_000)).toEqual(steps(MetricLog.of(log(350_000, 351_000))));
  });

  it('draws any view the page draws well enough, the whole run above all, from the page itself, whatever was fetched', () => {
    const fetched = fetchedRange(range(300_000, 400_000));
    expect(shownHistory(held, detail, fetched, [1, 1_000_000]), 'one texture across the whole run').toBe(held);
    expect(shownHistory(held, detail, fetched, [999_100, 1_000_000])).toBe(held);
    expect(shownHistory(held, detail, fetched, [600_000, 700_000]), 'a range it does not cover').toBe(held);
    expect(shownHistory(held, detail, null, [300_000, 400_000])).toBe(held);
  });
});
