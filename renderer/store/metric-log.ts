/**
 * A run's logged points as an immutable value that appends in O(batch).
 *
 * Copying a million-point array on every 500-point batch (concat) was most of the reducer's
 * cost. Here every version of the log shares one append-only backing array and remembers only
 * its own length: appending to the newest version pushes onto the backing array and returns a
 * new version one batch longer, while every older version still reads exactly the points it
 * had. Appending to an older version (a reducer replaying from an earlier state) copies its
 * prefix first, so nothing any caller holds ever changes under it.
 *
 * Readers use `length` and `at(i)` (the same as on an array), so code that takes a
 * `PointList` accepts a plain array too.
 */
import type { MetricPoint } from '../../trainer/protocol';

/** What incremental readers (charts, selectors) need: an array satisfies it as well. */
export interface PointList {
  readonly length: number;
  at(index: number): MetricPoint | undefined;
}

/** A metric's newest value as read up to `upTo` points of one backing array. */
interface LatestRead {
  upTo: number;
  value: number | null;
}

export class MetricLog implements PointList, Iterable<MetricPoint> {
  private constructor(
    private readonly backing: MetricPoint[],
    readonly length: number,
    /** Whether `backing` is this structure's own (false: adopted from a caller, copied before any push). */
    private readonly owned: boolean,
    /**
     * Newest values read so far, per key, shared by every version over the same backing array
     * (their first points are the same): a version longer than a read scans only what is new.
     */
    private readonly reads: Map<string, LatestRead> = new Map(),
  ) {}

  static readonly empty = new MetricLog([], 0, false);

  /** Wraps points as they are (no copy); the first append copies them, so the caller's array never changes. */
  static of(points: readonly MetricPoint[]): MetricLog {
    return points.length === 0 ? MetricLog.empty : new MetricLog(points as MetricPoint[], points.length, false);
  }

  /** This log plus `points`; `this` is unchanged. O(points) unless an older version is being extended. */
  append(points: readonly MetricPoint[]): MetricLog {
    if (points.length === 0) return this;
    // Only the newest version of an owned backing array may push onto it; anyone else copies.
    const atTip = this.owned && this.backing.length === this.length;
    const backing = atTip ? this.backing : this.backing.slice(0, this.length);
    for (const point of points) backing.push(point);
    return new MetricLog(backing, this.length + points.length, true, atTip ? this.reads : new Map());
  }

  /**
   * The last logged value of `key` (null when logged as non-finite or never), skipping points
   * that did not log it. The stats ask on every batch, and a key a run never logs would
   * otherwise be scanned across the whole log each time (~10 ms at 1,000,000 points).
   */
  latest(key: string): number | null {
    const before = this.reads.get(key);
    const from = before !== undefined && before.upTo <= this.length ? before.upTo : 0;
    let value = from > 0 ? before!.value : null;
    for (let i = this.length - 1; i >= from; i--) {
      const logged = this.at(i)!.values[key];
      if (logged !== undefined) {
        value = logged;
        break;
      }
    }
    if (this.length >= (before?.upTo ?? 0)) this.reads.set(key, { upTo: this.length, value });
    return value;
  }

  at(index: number): MetricPoint | undefined {
    const i = index < 0 ? this.length + index : index;
    return i >= 0 && i < this.length ? this.backing[i] : undefined;
  }

  last(): MetricPoint | undefined {
    return this.length > 0 ? this.backing[this.length - 1] : undefined;
  }

  map<T>(fn: (point: MetricPoint, index: number) => T): T[] {
    const out = new Array<T>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = fn(this.backing[i]!, i);
    return out;
  }

  /** A copy of the points, for code that wants a real array (tests, exports). */
  toArray(): MetricPoint[] {
    return this.backing.slice(0, this.length);
  }

  *[Symbol.iterator](): Iterator<MetricPoint> {
    for (let i = 0; i < this.length; i++) yield this.backing[i]!;
  }
}
