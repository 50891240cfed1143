/**
 * What one metric looks like on screen: optionally EMA-smoothed (for display only; the raw
 * column is untouched), then thinned by LTTB to a bounded number of points for the visible
 * step range.
 *
 * Buckets are aligned to fixed index multiples of a power-of-two size, so as the run grows
 * the buckets already full keep their picks: a new batch recomputes only the last two
 * buckets instead of the whole million-point series. The bucket size changes only when the
 * visible range doubles, which rebuilds that size's picks once.
 */
import { lowerBound, pickInBucket, pointMean, toChartPoints, type ChartPoint, type SeriesColumn } from '../../store/downsample';

/** Picks of every bucket of one size; -1 where a bucket has no pick (or no gap). */
interface BucketPicks {
  picks: Int32Array;
  gaps: Int32Array;
  /** Buckets [0, final) cannot change any more: they and their next bucket are full. */
  final: number;
}

export class SeriesView {
  private smoothing = 0;
  private smoothed: SmoothedColumn | null = null;
  private buckets = new Map<number, BucketPicks>();

  constructor(readonly raw: SeriesColumn) {}

  /** The EMA weight (0 = raw, 0.99 = very smooth); a change drops every cached pick. */
  setSmoothing(weight: number): void {
    const next = Math.min(0.999, Math.max(0, weight));
    if (next === this.smoothing) return;
    this.smoothing = next;
    this.smoothed = next > 0 ? new SmoothedColumn(this.raw, next) : null;
    this.buckets.clear();
  }

  /** The drawn points for steps in [fromStep, toStep], about `threshold` of them. */
  points(fromStep: number, toStep: number, threshold: number): ChartPoint[] {
    const column = this.display();
    const start = lowerBound(column, fromStep);
    const end = lowerBound(column, toStep + 1);
    return toChartPoints(column, this.indices(column, start, end, threshold));
  }

  /** How many buckets were recomputed by the last call; the bench and tests read it. */
  lastRecomputed = 0;

  private display(): SeriesColumn {
    if (!this.smoothed) return this.raw;
    this.smoothed.catchUp();
    return this.smoothed;
  }

  private indices(column: SeriesColumn, start: number, end: number, threshold: number): number[] {
    const n = end - start;
    if (n <= 0) return [];
    const size = bucketSizeFor(n, threshold);
    if (size === 1) return Array.from({ length: n }, (_, i) => start + i);
    const picks = this.picksFor(column, size);
    const out = [start];
    const firstBucket = Math.floor(start / size);
    const lastBucket = Math.floor((end - 1) / size);
    for (let k = firstBucket; k <= lastBucket; k++) {
      for (const i of [picks.gaps[k]!, picks.picks[k]!].sort((x, y) => x - y)) {
        if (i > start && i < end - 1) out.push(i);
      }
    }
    out.push(end - 1);
    return out.length > 1 && out[0] === out[1] ? out.slice(1) : out;
  }

  /** Brings one bucket size's picks up to the column's length: full buckets once, the open tail always. */
  private picksFor(column: SeriesColumn, size: number): BucketPicks {
    const count = Math.ceil(column.length / size);
    let cached = this.buckets.get(size);
    if (!cached || cached.picks.length < count) {
      const capacity = Math.max(16, count * 2);
      const grown: BucketPicks = { picks: new Int32Array(capacity).fill(-1), gaps: new Int32Array(capacity).fill(-1), final: cached?.final ?? 0 };
      if (cached) {
        grown.picks.set(cached.picks.subarray(0, cached.final));
        grown.gaps.set(cached.gaps.subarray(0, cached.final));
      }
      cached = grown;
      this.buckets.set(size, cached);
    }
    const from = cached.final;
    let anchor = from === 0 ? -1 : cached.picks[from - 1]!;
    // A bucket whose pick was -1 (all gap) hands on the anchor before it.
    for (let k = from - 1; anchor < 0 && k >= 0; k--) anchor = cached.picks[k]!;
    const fullBuckets = Math.floor(column.length / size);
    const scratch: number[] = [];
    for (let k = from; k < count; k++) {
      const lo = k * size;
      const hi = Math.min(column.length, lo + size);
      const next = hi >= column.length ? pointMean(column, column.length - 1, column.length) : pointMean(column, hi, Math.min(column.length, hi + size));
      scratch.length = 0;
      anchor = pickInBucket(column, lo, hi, anchor, next, scratch);
      cached.gaps[k] = scratch.find((i) => Number.isNaN(column.values[i]!)) ?? -1;
      cached.picks[k] = scratch.find((i) => !Number.isNaN(column.values[i]!)) ?? -1;
    }
    this.lastRecomputed = count - from;
    // A bucket is settled once the bucket after it is full: its aim (that bucket's mean) is fixed.
    cached.final = Math.max(cached.final, fullBuckets - 1);
    return cached;
  }
}

/** Smallest power-of-two bucket that brings `n` points down to about `threshold`. */
export function bucketSizeFor(n: number, threshold: number): number {
  if (n <= threshold) return 1;
  let size = 2;
  while (n / size > threshold) size *= 2;
  return size;
}

/**
 * TensorBoard's debiased EMA over the finite values; a non-finite value stays a gap and does
 * not disturb the average. Extends itself as the raw column grows.
 */
export class SmoothedColumn implements SeriesColumn {
  values = new Float64Array(0);
  length = 0;
  private last = 0;
  private weightPow = 1;

  constructor(
    private readonly raw: SeriesColumn,
    private readonly weight: number,
  ) {}

  get steps(): ArrayLike<number> {
    return this.raw.steps;
  }

  catchUp(): void {
    const n = this.raw.length;
    if (n === this.length) return;
    if (this.values.length < n) {
      const grown = new Float64Array(Math.max(1024, n * 2));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    const { weight } = this;
    for (let i = this.length; i < n; i++) {
      const y = this.raw.values[i]!;
      if (Number.isNaN(y)) {
        this.values[i] = NaN;
        continue;
      }
      this.last = this.last * weight + (1 - weight) * y;
      this.weightPow *= weight;
      this.values[i] = this.last / (1 - this.weightPow);
    }
    this.length = n;
  }
}
