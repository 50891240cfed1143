/**
 * From the store's metrics log to what every chart draws: the shared step range, and per chart
 * its series, each smoothed (if asked) and LTTB-thinned. Holds its caches between calls, so a
 * new batch costs the batch plus a few buckets per series; pure otherwise (no React), so it is
 * unit-tested and benchmarked in Node.
 */
import type { TimelineMark } from '../../../trainer/protocol';
import type { PointList } from '../../store/metric-log';
import type { ChartSettings } from '../../store/chart-settings';
import { visibleRange } from '../../store/chart-settings';
import type { ChartPoint } from '../../store/downsample';
import { ALL_CHARTS, type ChartSpec } from './chart-specs';
import { MetricColumns, type GrowableColumn } from './metric-columns';
import { SeriesView } from './series-view';

export interface DrawnSeries {
  key: string;
  points: ChartPoint[];
  /** Steps drawn as gaps (non-finite values), for the gap markers. */
  gaps: number[];
}

export interface DrawnChart {
  spec: ChartSpec;
  series: DrawnSeries[];
  log: boolean;
}

export interface ChartFrame {
  /** The shared step axis; null before anything was logged. */
  range: [number, number] | null;
  charts: DrawnChart[];
  /** Timeline marks inside the range. */
  marks: TimelineMark[];
  /** Points handed to the charts, summed over all series. */
  drawnPoints: number;
  /** Points in the store's log. */
  loggedPoints: number;
}

export class ChartData {
  private readonly columns = new MetricColumns();
  private views = new WeakMap<GrowableColumn, SeriesView>();
  private generation = -1;
  private marks: TimelineMark[] = [];

  constructor(private readonly specs: readonly ChartSpec[] = ALL_CHARTS) {}

  frame(metrics: PointList, timeline: readonly TimelineMark[], settings: ChartSettings, runId: string | null): ChartFrame {
    this.columns.sync(metrics);
    if (this.columns.generation !== this.generation) {
      this.generation = this.columns.generation;
      this.views = new WeakMap();
    }
    const first = minOf(this.columns.firstStep, timeline[0]?.step ?? null);
    const last = maxOf(this.columns.lastStep, timeline.at(-1)?.step ?? null);
    const range = visibleRange(settings, runId, first, last);
    if (range === null) return { range, charts: [], marks: [], drawnPoints: 0, loggedPoints: metrics.length };
    const logged = this.columns.keys();
    const charts: DrawnChart[] = [];
    let drawnPoints = 0;
    for (const spec of this.specs) {
      const keys = spec.keys(logged);
      if (keys.length === 0) continue;
      const series = keys.map((key) => this.series(key, spec, settings, range));
      drawnPoints += series.reduce((n, s) => n + s.points.length, 0);
      charts.push({ spec, series, log: spec.log === 'always' || (spec.log === 'toggle' && settings.logScale) });
    }
    const inRange = timeline.filter((m) => m.step >= range[0] && m.step <= range[1]);
    // The same marks keep the same array, so the charts need not redraw their markers.
    const marks = sameItems(inRange, this.marks) ? this.marks : (this.marks = inRange);
    return { range, charts, marks, drawnPoints, loggedPoints: metrics.length };
  }

  private series(key: string, spec: ChartSpec, settings: ChartSettings, [from, to]: [number, number]): DrawnSeries {
    const column = this.columns.column(key)!;
    let view = this.views.get(column);
    if (!view) {
      view = new SeriesView(column);
      this.views.set(column, view);
    }
    view.setSmoothing(spec.smooth ? settings.smoothing : 0);
    const points = view.points(from, to, spec.pointsPerSeries);
    const gaps: number[] = [];
    for (const p of points) if (p.y === null) gaps.push(p.step);
    return { key, points, gaps };
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
