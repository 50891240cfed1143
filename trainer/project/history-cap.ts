/**
 * The metrics history as a message carries it: never more than a fixed number of points, so an
 * answer (a reloaded window's session/state, a restore, a branch's history) costs the same at
 * step 2,000 and at step 1,000,000. The newest points come whole (the live end of every chart);
 * evaluations (sparse, and the likeness chart's only points) are kept, thinned evenly if there are
 * too many, and steps that went non-finite (the charts' gap marks) before them; the rest of the
 * training steps are thinned evenly to fill what is left. Charts draw downsampled lines anyway,
 * so the shape is kept; the page says from which step it is whole, and the window asks for a
 * range (metrics/get with fromStep/toStep) when it zooms into a thinned part. A range is drawn
 * as one view, so it is thinned evenly throughout (no whole end): a whole end inside it drew as
 * a change of texture part-way across the chart.
 */
import type { MetricPoint } from '../protocol.js';

/** The most points one message carries. */
export const MAX_HISTORY_POINTS = 3_000;
/** The newest points of a run's history, always carried whole. */
export const TAIL = 1_000;
/** At most this many non-finite steps beyond the tail (each is a gap mark on the charts; a healthy run has none). */
const GAPS = 200;
/** At most this many evaluation points beyond the tail. */
const EVALUATIONS = 1_000;

/**
 * Which points a page carries ahead of plain steps: 2 for a step that went non-finite (the
 * charts mark it as a gap), 1 for an evaluation (the likeness chart's only points) or a late
 * point, 0 for a plain step. metrics-file-index.ts reads the same rule from a log's text.
 */
export type KeepTier = 0 | 1 | 2;
export function keepTier(p: MetricPoint): KeepTier {
  if (Object.values(p.values).some((v) => v === null)) return 2;
  return p.late === true || Object.keys(p.values).some((k) => k.startsWith('val/')) ? 1 : 0;
}

/** What a message carries of a history: its points, and the step from which they are every logged point (0: all of them). */
export interface HistoryPage {
  points: MetricPoint[];
  wholeFrom: number;
}

/**
 * Which of `count` points in log order a page carries (their positions, ascending): all of
 * them up to `max`; beyond, the newest `tail` whole (TAIL for a run's history, 0 for a step
 * range), then the non-finite steps and the evaluations (`tierOf`: keepTier), each evenly up to
 * its share, and plain steps evenly in the room left. Works on positions so a log on disk can
 * pick its lines before parsing any (metrics-file-index.ts).
 */
export function pagePicks(count: number, tierOf: (position: number) => KeepTier, max = MAX_HISTORY_POINTS, tail = TAIL): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const tailFrom = count - Math.min(tail, max);
  const byTier: [number[], number[], number[]] = [[], [], []];
  for (let i = 0; i < tailFrom; i++) byTier[tierOf(i)].push(i);
  let room = max - (count - tailFrom);
  const gaps = evenly(byTier[2], Math.min(GAPS, room));
  room -= gaps.length;
  const evaluations = evenly(byTier[1], Math.min(EVALUATIONS, room));
  room -= evaluations.length;
  const head = [...gaps, ...evaluations, ...evenly(byTier[0], room)].sort((a, b) => a - b);
  for (let i = tailFrom; i < count; i++) head.push(i);
  return head;
}

/**
 * The page of picked points: from the first of the whole tail on, every step is there; a page
 * thinned throughout (a range, `tail` 0) is whole from past its last point.
 */
export function pageOf(points: MetricPoint[], count: number, max = MAX_HISTORY_POINTS, tail = TAIL): HistoryPage {
  if (points.length >= count) return { points, wholeFrom: 0 };
  const whole = points.slice(points.length - Math.min(tail, max));
  return { points, wholeFrom: whole.length > 0 ? Math.min(...whole.map((p) => p.step)) : Math.max(...points.map((p) => p.step)) + 1 };
}

/** A page as session/state and snapshot/restored carry it (their `metrics` and `wholeFrom`). */
export function historyFields(page: HistoryPage): { metrics: MetricPoint[]; wholeFrom: number } {
  return { metrics: page.points, wholeFrom: page.wholeFrom };
}

/** How many of a page's newest points come whole: a run's history up to its newest step keeps TAIL; a range that ends at a step, none. */
export function wholeTailOf(toStep: number): number {
  return Number.isFinite(toStep) ? 0 : TAIL;
}

/**
 * The page `points` (a branch's whole history, in log order) give for a step range. What
 * branches.ts reads from the logs on disk, worked out in memory: the tests' reference for it.
 */
export function historyPage(points: readonly MetricPoint[], fromStep = 0, toStep = Infinity): HistoryPage {
  const inRange = points.filter((p) => p.step >= fromStep && p.step <= toStep);
  const tail = wholeTailOf(toStep);
  const picked = pagePicks(inRange.length, (i) => keepTier(inRange[i]!), MAX_HISTORY_POINTS, tail).map((i) => inRange[i]!);
  return pageOf(picked, inRange.length, MAX_HISTORY_POINTS, tail);
}

/** At most `n` of `items`, evenly spaced, the first and last among them. */
function evenly<T>(items: readonly T[], n: number): T[] {
  if (n <= 0) return [];
  if (items.length <= n) return [...items];
  if (n === 1) return [items.at(-1)!];
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]!);
}
