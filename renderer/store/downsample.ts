/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013) for the charts. Every point stays in the
 * store; only the drawing is thinned, because an SVG chart slows to a crawl past a few
 * thousand points while a long run logs a million.
 *
 * Series are columns: `steps` ascending, `values` with NaN where the trainer logged a
 * non-finite value. A bucket holding NaN keeps one of them, so divergence stays visible as a
 * gap in the line instead of being thinned away.
 */

/** A column of one metric; typed arrays so a million points cost 12 MB, not a million objects. */
export interface SeriesColumn {
  readonly steps: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly length: number;
}

/** One drawn point; y is null where the trainer logged a non-finite value (drawn as a gap). */
export interface ChartPoint {
  step: number;
  y: number | null;
}

/**
 * Classic LTTB over indices [start, end): keeps the first and last point and, from each of
 * `threshold - 2` equal buckets between them, the point forming the largest triangle with the
 * previous pick and the next bucket's mean. Returns indices in ascending order; at most
 * `threshold` picks plus one gap (NaN index) per bucket that holds one.
 */
export function lttbIndices(column: SeriesColumn, start: number, end: number, threshold: number): number[] {
  const n = end - start;
  if (n <= 0) return [];
  if (n <= Math.max(threshold, 2)) return range(start, end);
  const buckets = Math.max(1, threshold - 2);
  const every = (n - 2) / buckets;
  const out = [start];
  let a = Number.isNaN(column.values[start]!) ? -1 : start;
  for (let b = 0; b < buckets; b++) {
    const from = start + 1 + Math.floor(b * every);
    const to = Math.min(end - 1, start + 1 + Math.floor((b + 1) * every));
    const nextTo = Math.min(end - 1, start + 1 + Math.floor((b + 2) * every));
    const next = b === buckets - 1 ? pointMean(column, end - 1, end) : pointMean(column, to, Math.max(to + 1, nextTo));
    a = pickInBucket(column, from, to, a, next, out);
  }
  out.push(end - 1);
  return out;
}

/**
 * Appends the first gap (if any) and the best finite point of [from, to) to `out`, in index
 * order; returns the new anchor (the pick, or the old anchor when the bucket was all gap).
 */
export function pickInBucket(column: SeriesColumn, from: number, to: number, a: number, next: Mean, out: number[]): number {
  const { steps, values } = column;
  // A next bucket with no finite value gives no height to aim at: aim level with the anchor.
  const nextY = Number.isNaN(next.y) && a >= 0 ? values[a]! : next.y;
  let gap = -1;
  let best = -1;
  let bestArea = -1;
  for (let i = from; i < to; i++) {
    const y = values[i]!;
    if (Number.isNaN(y)) {
      if (gap < 0) gap = i;
      continue;
    }
    // Without an anchor yet (the series opened with a gap) the first finite point starts the line.
    if (a < 0) {
      best = i;
      break;
    }
    const area = Math.abs((steps[a]! - next.x) * (y - values[a]!) - (steps[a]! - steps[i]!) * (nextY - values[a]!));
    if (area > bestArea) {
      bestArea = area;
      best = i;
    }
  }
  if (gap >= 0 && (best < 0 || gap < best)) out.push(gap);
  if (best >= 0) out.push(best);
  if (gap >= 0 && best >= 0 && gap > best) out.push(gap);
  // For gap + missing anchor the pick stays -1 and the next bucket starts a fresh line.
  return best >= 0 ? best : a;
}

export interface Mean {
  x: number;
  y: number;
}

/** Mean step and value of the finite points in [from, to); y is NaN when there are none. */
export function pointMean(column: SeriesColumn, from: number, to: number): Mean {
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    const y = column.values[i]!;
    if (Number.isNaN(y)) continue;
    sx += column.steps[i]!;
    sy += y;
    count++;
  }
  if (count === 0) {
    const mid = Math.min(to - 1, Math.max(from, (from + to) >> 1));
    return { x: column.steps[mid] ?? 0, y: NaN };
  }
  return { x: sx / count, y: sy / count };
}

/** Picks → drawable points (NaN → null, a gap). */
export function toChartPoints(column: SeriesColumn, indices: readonly number[]): ChartPoint[] {
  return indices.map((i) => {
    const y = column.values[i]!;
    return { step: column.steps[i]!, y: Number.isNaN(y) ? null : y };
  });
}

/** First index whose step is ≥ `step` (column.length when none). */
export function lowerBound(column: SeriesColumn, step: number): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (column.steps[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function range(start: number, end: number): number[] {
  const out = new Array<number>(end - start);
  for (let i = start; i < end; i++) out[i - start] = i;
  return out;
}
