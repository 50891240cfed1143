/**
 * The metrics history as a message carries it: never more than a fixed number of points, so an
 * answer (a reloaded window's session/state, a restore, a branch's history) costs the same at
 * step 2,000 and at step 1,000,000. The newest points come whole (the live end of every chart);
 * evaluations (sparse, and the likeness chart's only points) are kept, thinned evenly if there are
 * too many; the rest of the training steps are thinned evenly to fill what is left. Charts draw
 * downsampled lines anyway, so the shape is kept; a range at full resolution is one metrics/get
 * with fromStep/toStep away.
 */
import type { MetricPoint } from '../protocol.js';

/** The most points one message carries. */
export const MAX_HISTORY_POINTS = 3_000;
/** The newest points, always carried whole. */
const TAIL = 1_000;
/** At most this many evaluation points beyond the tail. */
const EVALUATIONS = 1_000;

const isEvaluation = (p: MetricPoint) => p.late === true || Object.keys(p.values).some((k) => k.startsWith('val/'));

/** `points` (in log order) cut down to at most `max`, keeping log order. */
export function cappedHistory(points: readonly MetricPoint[], max = MAX_HISTORY_POINTS): MetricPoint[] {
  if (points.length <= max) return [...points];
  const tailFrom = points.length - Math.min(TAIL, max);
  const head = points.slice(0, tailFrom);
  const evaluations = evenly(head.filter(isEvaluation), Math.min(EVALUATIONS, max - (points.length - tailFrom)));
  const room = max - (points.length - tailFrom) - evaluations.length;
  const steps = evenly(head.filter((p) => !isEvaluation(p)), room);
  const kept = new Set([...evaluations, ...steps]);
  return [...head.filter((p) => kept.has(p)), ...points.slice(tailFrom)];
}

/** At most `n` of `items`, evenly spaced, the first and last among them. */
function evenly<T>(items: readonly T[], n: number): T[] {
  if (n <= 0) return [];
  if (items.length <= n) return [...items];
  if (n === 1) return [items.at(-1)!];
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]!);
}

/** The points of a step range (inclusive), for a chart zoomed into it. */
export function historyRange(points: readonly MetricPoint[], fromStep = 0, toStep = Infinity): MetricPoint[] {
  return points.filter((p) => p.step >= fromStep && p.step <= toStep);
}
