/**
 * From the store's metrics log to what every chart draws: the shared step range, the loss chart,
 * and the groups of small charts, each series smoothed (if asked) and LTTB-thinned. Holds its
 * caches between calls, so a new batch costs the batch plus a few buckets per series, and a
 * chart whose series did not move (an evaluation chart between evaluations) is handed back as
 * the same object, so its memoised component skips the batch. A folded group's charts are not
 * computed at all. Pure otherwise (no React), so it is unit-tested and benchmarked in Node.
 */
import type { TimelineMark } from '../../../trainer/protocol';
import type { PointList } from '../../store/metric-log';
import { chartView, type ChartSettings } from '../../store/chart-settings';
import type { ChartPoint } from '../../store/downsample';
import { chartLayout, type ChartSpec } from './chart-specs';
import { groupAbout, groupTitle } from './metric-groups';
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

/** One group of small charts; a folded one lists what it holds but draws nothing. */
export interface DrawnGroup {
  id: string;
  title: string;
  about: string;
  folded: boolean;
  /** Its charts' specs, drawn or not: the header counts them and names their series. */
  specs: ChartSpec[];
  /** Empty while folded. */
  charts: DrawnChart[];
}

export interface ChartFrame {
  /** The shared step axis; null before anything was logged. */
  range: [number, number] | null;
  /** The big loss chart; null until a loss is logged. */
  primary: DrawnChart | null;
  groups: DrawnGroup[];
  /** Every drawn chart, the loss chart first. */
  charts: DrawnChart[];
  /** Timeline marks inside the range. */
  marks: TimelineMark[];
  /** Points handed to the charts, summed over all series. */
  drawnPoints: number;
  /** Points in the store's log. */
  loggedPoints: number;
}

/** What one series was last computed from; the same inputs give back the same DrawnSeries. */
interface SeriesCache {
  length: number;
  from: number;
  to: number;
  smoothing: number;
  drawn: DrawnSeries;
}

export class ChartData {
  private readonly columns = new MetricColumns();
  private views = new WeakMap<GrowableColumn, SeriesView>();
  private generation = -1;
  private marks: TimelineMark[] = [];
  private range: [number, number] | null = null;
  private layout: ChartSpec[] = [];
  private layoutFor = '';
  private drawnSeries = new Map<string, SeriesCache>();
  private drawnCharts = new Map<string, DrawnChart>();

  frame(metrics: PointList, timeline: readonly TimelineMark[], settings: ChartSettings, runId: string | null): ChartFrame {
    this.columns.sync(metrics);
    if (this.columns.generation !== this.generation) {
      this.generation = this.columns.generation;
      this.views = new WeakMap();
      this.drawnSeries = new Map();
      this.drawnCharts = new Map();
    }
    const range = this.stableRange(chartView(settings, runId, this.columns.firstStep, this.columns.lastStep, timeline));
    if (range === null) return { range, primary: null, groups: [], charts: [], marks: [], drawnPoints: 0, loggedPoints: metrics.length };

    const folded = new Set(settings.foldedGroups);
    let primary: DrawnChart | null = null;
    const groups: DrawnGroup[] = [];
    const charts: DrawnChart[] = [];
    for (const spec of this.specs()) {
      const isFolded = !spec.primary && folded.has(spec.group);
      if (!spec.primary) {
        if (groups.at(-1)?.id !== spec.group) groups.push({ id: spec.group, title: groupTitle(spec.group), about: groupAbout(spec.group), folded: isFolded, specs: [], charts: [] });
        groups.at(-1)!.specs.push(spec);
      }
      if (isFolded) continue;
      const chart = this.chart(spec, settings, range);
      charts.push(chart);
      if (spec.primary) primary = chart;
      else groups.at(-1)!.charts.push(chart);
    }
    const drawnPoints = charts.reduce((n, c) => n + c.series.reduce((m, s) => m + s.points.length, 0), 0);
    const inRange = timeline.filter((m) => m.step >= range[0] && m.step <= range[1]);
    // The same marks keep the same array, so the charts need not redraw their markers.
    const marks = sameItems(inRange, this.marks) ? this.marks : (this.marks = inRange);
    return { range, primary, groups, charts, marks, drawnPoints, loggedPoints: metrics.length };
  }

  /** The layout, redone only when a key or a loss phase is logged for the first time. */
  private specs(): ChartSpec[] {
    const keys = this.columns.keys();
    const phases = this.columns.phases();
    const signature = `${this.generation}:${keys.length}:${phases.length}`;
    if (signature !== this.layoutFor) {
      this.layoutFor = signature;
      this.layout = chartLayout(keys, phases);
    }
    return this.layout;
  }

  private chart(spec: ChartSpec, settings: ChartSettings, range: [number, number]): DrawnChart {
    const series = spec.keys.map((key) => this.series(key, spec, settings, range));
    const log = spec.log === 'always' || (spec.log === 'toggle' && settings.logScale);
    const before = this.drawnCharts.get(spec.id);
    if (before && before.spec === spec && before.log === log && sameItems(before.series, series)) return before;
    const chart = { spec, series, log };
    this.drawnCharts.set(spec.id, chart);
    return chart;
  }

  private series(key: string, spec: ChartSpec, settings: ChartSettings, [from, to]: [number, number]): DrawnSeries {
    const column = this.columns.phaseColumn(key) ?? this.columns.column(key)!;
    // An evaluation on a smoothed chart (val/recon on the loss chart) stays as it was measured.
    const smoothing = spec.smooth && !key.startsWith('val/') ? settings.smoothing : 0;
    const id = `${spec.id}\n${key}`;
    const cached = this.drawnSeries.get(id);
    if (cached && cached.length === column.length && cached.from === from && cached.to === to && cached.smoothing === smoothing) return cached.drawn;
    let view = this.views.get(column);
    if (!view) {
      view = new SeriesView(column);
      this.views.set(column, view);
    }
    view.setSmoothing(smoothing);
    const points = view.points(from, to, spec.pointsPerSeries);
    const gaps: number[] = [];
    for (const p of points) if (p.y === null) gaps.push(p.step);
    const drawn = { key, points, gaps };
    this.drawnSeries.set(id, { length: column.length, from, to, smoothing, drawn });
    return drawn;
  }

  /** The previous range while its ends hold, so charts compared by identity can skip a batch. */
  private stableRange(range: [number, number] | null): [number, number] | null {
    if (range !== null && this.range !== null && range[0] === this.range[0] && range[1] === this.range[1]) return this.range;
    return (this.range = range);
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
