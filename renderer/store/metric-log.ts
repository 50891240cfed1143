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

export class MetricLog implements PointList, Iterable<MetricPoint> {
  private constructor(
    private readonly backing: MetricPoint[],
    readonly length: number,
    /** Whether `backing` is this structure's own (false: adopted from a caller, copied before any push). */
    private readonly owned: boolean,
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
    return new MetricLog(backing, this.length + points.length, true);
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
