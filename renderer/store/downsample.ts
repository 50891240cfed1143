/**
 * Turns a run's full metrics log into bounded per-metric series for the chart. Every point is
 * kept in the store; only the drawing is thinned, because SVG charts slow to a crawl past a few
 * thousand points while a long run logs hundreds of thousands.
 */
import type { MetricPoint } from '../../trainer/protocol';

/** One drawn point; y is null where the trainer logged a non-finite value (drawn as a gap). */
export interface ChartPoint {
  step: number;
  y: number | null;
}

export interface ChartSeries {
  key: string;
  points: ChartPoint[];
}

/** Total points drawn across all series; roughly the pixel width of a wide chart, twice. */
export const CHART_POINT_BUDGET = 2000;

/** The loss curves, validation loss and the GAN's D/G losses; rates, learning rate and loss scale have their own readouts. */
export function chartedKeys(metrics: readonly MetricPoint[]): string[] {
  const keys = new Set<string>();
  for (const point of metrics) for (const key of Object.keys(point.values)) keys.add(key);
  return [...keys].filter((k) => k === 'loss' || k.startsWith('loss/') || k === 'val/recon' || k.startsWith('gan/')).sort(byLossFirst);
}

function byLossFirst(a: string, b: string): number {
  if (a === 'loss') return -1;
  if (b === 'loss') return 1;
  return a.localeCompare(b);
}

export function buildChartSeries(metrics: readonly MetricPoint[], keys: readonly string[], budget = CHART_POINT_BUDGET): ChartSeries[] {
  const perSeries = Math.max(2, Math.floor(budget / Math.max(1, keys.length)));
  return keys.map((key) => ({ key, points: minMaxDownsample(seriesOf(metrics, key), perSeries) }));
}

/** Points that logged this key; steps that did not log it (e.g. validation every N) are absent, not gaps. */
function seriesOf(metrics: readonly MetricPoint[], key: string): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const p of metrics) {
    const value = p.values[key];
    if (value !== undefined) out.push({ step: p.step, y: value });
  }
  return out;
}

/**
 * Min/max bucketing: each bucket keeps its lowest and highest value in step order, so spikes
 * survive thinning. A bucket holding a non-finite value keeps that gap (divergence must stay
 * visible) and its highest finite value.
 */
export function minMaxDownsample(points: readonly ChartPoint[], maxPoints: number): ChartPoint[] {
  if (points.length <= maxPoints) return points.slice();
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = points.length / buckets;
  const out: ChartPoint[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(points.length, Math.floor((b + 1) * size));
    let min: ChartPoint | null = null;
    let max: ChartPoint | null = null;
    let gap: ChartPoint | null = null;
    for (let i = start; i < end; i++) {
      const p = points[i]!;
      if (p.y === null) gap ??= p;
      else {
        if (min === null || p.y < min.y!) min = p;
        if (max === null || p.y > max.y!) max = p;
      }
    }
    const kept = gap ? [gap, max] : [min, max === min ? null : max];
    for (const p of kept.filter((k): k is ChartPoint => k !== null).sort((x, y) => x.step - y.step)) out.push(p);
  }
  return out;
}
