/**
 * The last logged value of a metric, for the stats and the status bar, which ask on every batch.
 *
 * Scanning back from the end is cheap for a metric logged every step, but a metric the run never
 * logs (likeness on a recipe that reports joint error, lossScale at FP32) was scanned across the
 * whole log each time: ~10 ms per key at 1,000,000 points, more than the charts' whole frame.
 * So the answer is kept per key with where it was read up to, and a log that extends the one last
 * asked about (the same point object where that one ended, as the store appends) scans only its
 * new points. Anything else (another run, a resync) is scanned in full, as before.
 */
import type { MetricPoint } from '../../trainer/protocol';
import type { PointList } from './metric-log';

interface Known {
  length: number;
  /** The point the scanned log ended with; identity tells an extension from another log. */
  tail: MetricPoint | undefined;
  value: number | null;
}

const known = new Map<string, Known>();

/** The last logged value of `key` (null when logged as non-finite or never), skipping steps that did not log it. */
export function latestValue(metrics: PointList, key: string): number | null {
  const before = known.get(key);
  const extendsBefore = before !== undefined && before.length > 0 && metrics.length >= before.length && metrics.at(before.length - 1) === before.tail;
  const scanFrom = extendsBefore ? before.length : 0;
  let value = extendsBefore ? before.value : null;
  for (let i = metrics.length - 1; i >= scanFrom; i--) {
    const logged = metrics.at(i)!.values[key];
    if (logged !== undefined) {
      value = logged;
      break;
    }
  }
  known.set(key, { length: metrics.length, tail: metrics.at(-1), value });
  return value;
}
