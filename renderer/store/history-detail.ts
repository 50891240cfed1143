/**
 * The window holds a bounded page of a long run's history (the trainer thins what it sends:
 * project/history-cap.ts), the way TensorBoard serves its charts: the newest steps whole, older
 * ones sampled. This module knows how finely each step range is held, which range to ask the
 * trainer for when a chart shows a thinned part up close (zoom, the `l` window), and how the
 * answer goes into the held log. Pure.
 */
import type { MetricPoint } from '../../trainer/protocol';
import { MetricLog } from './metric-log';

/** Points a chart's view should hold to draw it faithfully: more than it has pixels, fewer than a page. */
export const POINTS_PER_VIEW = 1000;

/** A step range held with points every `spacing` steps on average (1: every step). */
export interface HeldRange {
  from: number;
  to: number;
  spacing: number;
}

export interface HistoryDetail {
  /** From this step on the held log is every logged point. */
  wholeFrom: number;
  /** How finely the steps before `wholeFrom` are held: the first page's thinned part, then each range fetched since. */
  thinned: HeldRange[];
}

export const WHOLE_HISTORY: HistoryDetail = { wholeFrom: 0, thinned: [] };

/** The part of `points` from `from` to before `wholeFrom` as a held range (none when nothing there is thinned). */
function thinnedPart(points: readonly MetricPoint[], from: number, wholeFrom: number): HeldRange[] {
  if (wholeFrom <= from) return [];
  const count = points.filter((p) => p.step < wholeFrom).length;
  return [{ from, to: wholeFrom - 1, spacing: (wholeFrom - from) / Math.max(1, count) }];
}

/** What a whole history page (session/state, a restore, a branch's history) holds. */
export function detailOfPage(points: readonly MetricPoint[], wholeFrom: number): HistoryDetail {
  return { wholeFrom, thinned: thinnedPart(points, 0, wholeFrom) };
}

/**
 * The step range to ask the trainer for so `view` draws from points at least every
 * view-width / POINTS_PER_VIEW steps; null when what is held already does. A view reaching
 * into the whole part asks for its thinned part only.
 */
export function rangeToFetch(detail: HistoryDetail, view: readonly [number, number]): [number, number] | null {
  const [from, to] = view;
  if (from >= detail.wholeFrom) return null;
  const end = Math.min(to, detail.wholeFrom - 1);
  const wanted = Math.max(1, (to - from) / POINTS_PER_VIEW);
  // Any held range that covers the view finely enough will do (a fetch never makes one coarser).
  if (detail.thinned.some((r) => r.from <= from && r.to >= end && r.spacing <= wanted)) return null;
  return [Math.max(0, Math.floor(from)), Math.ceil(end)];
}

/**
 * The held log with a fetched range's points in place of what it held in [fromStep, toStep],
 * and how finely that range is now held (whole from the answer's `wholeFrom` on).
 */
export function withFetchedRange(
  log: MetricLog,
  detail: HistoryDetail,
  answer: { points: readonly MetricPoint[]; wholeFrom: number; fromStep: number; toStep: number },
): { log: MetricLog; detail: HistoryDetail } {
  const { points, fromStep, toStep } = answer;
  const held = log.toArray();
  const before = held.filter((p) => p.step < fromStep);
  const after = held.filter((p) => p.step > toStep);
  // One held range for the whole answer, at its coarsest: its thinned part's spacing (1 when it came whole).
  const coarsest = thinnedPart(points, fromStep, answer.wholeFrom)[0]?.spacing ?? 1;
  const fetched: HeldRange = { from: fromStep, to: toStep, spacing: coarsest };
  return { log: MetricLog.of([...before, ...points, ...after]), detail: { wholeFrom: detail.wholeFrom, thinned: [...detail.thinned, fetched] } };
}
