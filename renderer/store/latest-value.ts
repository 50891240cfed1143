/**
 * The last logged value of a metric, for the stats and the status bar, which ask on every batch.
 * A store's MetricLog answers from what it has already read (MetricLog.latest); any other list
 * of points is scanned from its end.
 */
import { MetricLog, type PointList } from './metric-log';

/** The last logged value of `key` (null when logged as non-finite or never), skipping steps that did not log it. */
export function latestValue(metrics: PointList, key: string): number | null {
  if (metrics instanceof MetricLog) return metrics.latest(key);
  for (let i = metrics.length - 1; i >= 0; i--) {
    const logged = metrics.at(i)!.values[key];
    if (logged !== undefined) return logged;
  }
  return null;
}
