/**
 * The window holds a bounded page of a long run's history (the trainer thins what it sends:
 * project/history-cap.ts), the way TensorBoard serves its charts: the newest steps whole, older
 * ones sampled. This module knows how finely the page holds each part, which step range to ask
 * the trainer for when a chart shows a thinned part up close (zoom, the `l` window), and what
 * the charts draw then: the page with the fetched range in place of its thinned points, for
 * that view only, so a view the page already draws (the whole run) keeps one texture throughout.
 * Pure.
 */
import type { MetricPoint } from '../../trainer/protocol';
import { MetricLog } from './metric-log';

/** Points a chart's view should hold to draw it faithfully: more than it has pixels, fewer than a page. */
export const POINTS_PER_VIEW = 1000;

/** How finely the page the window holds covers the run. */
export interface HistoryDetail {
  /** From this step on the held log is every logged point. */
  wholeFrom: number;
  /** Steps between held points, on average, before `wholeFrom`. */
  spacing: number;
}

/** A step range the trainer sent for a closer view: its points, and their average spacing (1: every step). */
export interface FetchedRange {
  fromStep: number;
  toStep: number;
  points: readonly MetricPoint[];
  spacing: number;
}

export const WHOLE_HISTORY: HistoryDetail = { wholeFrom: 0, spacing: 1 };

/** Average steps between the points of `points` in [from, wholeFrom); 1 when nothing there is thinned. */
function spacingOf(points: readonly MetricPoint[], from: number, wholeFrom: number): number {
  if (wholeFrom <= from) return 1;
  const count = points.filter((p) => p.step >= from && p.step < wholeFrom).length;
  return (wholeFrom - from) / Math.max(1, count);
}

/** What a whole history page (session/state, a restore, a branch's history) holds. */
export function detailOfPage(points: readonly MetricPoint[], wholeFrom: number): HistoryDetail {
  return { wholeFrom, spacing: spacingOf(points, 0, wholeFrom) };
}

/** The trainer's answer for a step range, as the window keeps it. */
export function fetchedRange(answer: { points: readonly MetricPoint[]; wholeFrom: number; fromStep: number; toStep: number }): FetchedRange {
  const { points, fromStep, toStep } = answer;
  return { fromStep, toStep, points, spacing: answer.wholeFrom > 0 ? spacingOf(points, fromStep, answer.wholeFrom) : 1 };
}

/** The steps between points a view of [from, to] needs at most. */
const wantedSpacing = (view: readonly [number, number]) => Math.max(1, (view[1] - view[0]) / POINTS_PER_VIEW);

/** Whether `view` reaches into the page's thinned part and the page alone is too coarse to draw it. */
function pageTooCoarse(detail: HistoryDetail, view: readonly [number, number]): boolean {
  return view[0] < detail.wholeFrom && detail.spacing > wantedSpacing(view);
}

/** Whether `range` covers the thinned part of `view` finely enough. */
function covers(range: FetchedRange | null, detail: HistoryDetail, view: readonly [number, number]): boolean {
  const end = Math.min(view[1], detail.wholeFrom - 1);
  return range !== null && range.fromStep <= view[0] && range.toStep >= end && range.spacing <= wantedSpacing(view);
}

/**
 * The step range to ask the trainer for so `view` draws from points at least every
 * view-width / POINTS_PER_VIEW steps; null when the page or the range fetched last already
 * does. Only the thinned part is asked for: from `wholeFrom` on the page is whole.
 */
export function rangeToFetch(detail: HistoryDetail, fetched: FetchedRange | null, view: readonly [number, number]): [number, number] | null {
  if (!pageTooCoarse(detail, view) || covers(fetched, detail, view)) return null;
  return [Math.max(0, Math.floor(view[0])), Math.ceil(Math.min(view[1], detail.wholeFrom - 1))];
}

/**
 * What the charts draw for `view`: the held log, with the fetched range's points in place of
 * the page's thinned ones when the view needs them and the range covers it; the held log as it
 * is otherwise (the same object, so the charts' incremental work carries on).
 */
export function shownHistory(log: MetricLog, detail: HistoryDetail, fetched: FetchedRange | null, view: readonly [number, number] | null): MetricLog {
  if (view === null || fetched === null || !pageTooCoarse(detail, view) || !covers(fetched, detail, view)) return log;
  const held = log.toArray();
  return MetricLog.of([...held.filter((p) => p.step < fetched.fromStep), ...fetched.points, ...held.filter((p) => p.step > fetched.toStep)]);
}
