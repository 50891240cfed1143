/**
 * The run's metrics log turned into one typed column per metric (and the total loss again, one
 * column per loss phase: loss-phases), kept in step with the store
 * incrementally. The store appends each batch to its array (the old points are the same
 * objects), so only the new tail is read: a batch costs its own size, not the million points
 * before it. Anything else (a resync, another run) rebuilds from scratch.
 */
import type { MetricPoint } from '../../../trainer/protocol';
import type { SeriesColumn } from '../../store/downsample';
import type { PointList } from '../../store/metric-log';
import { isLossTerm, PhaseTracker, TOTAL_LOSS, type LossPhase } from './loss-phases';

/** Steps as uint32 and values as float64: 12 bytes a point; NaN marks a non-finite value. */
export class GrowableColumn implements SeriesColumn {
  steps = new Uint32Array(1024);
  values = new Float64Array(1024);
  length = 0;

  push(step: number, value: number): void {
    if (this.length === this.steps.length) this.grow();
    this.steps[this.length] = step;
    this.values[this.length] = value;
    this.length++;
  }

  private grow(): void {
    const steps = new Uint32Array(this.steps.length * 2);
    const values = new Float64Array(this.values.length * 2);
    steps.set(this.steps);
    values.set(this.values);
    this.steps = steps;
    this.values = values;
  }
}

export type SyncResult = 'unchanged' | 'appended' | 'rebuilt';

export class MetricColumns {
  private columns = new Map<string, GrowableColumn>();
  /** The total loss again, one column per phase (loss-phases), beside the logged 'loss' column. */
  private phaseColumns = new Map<string, GrowableColumn>();
  private tracker = new PhaseTracker();
  /** The loss terms of the point being read; one array reused for every point. */
  private readonly terms: string[] = [];
  private source: PointList | null = null;
  private ingested = 0;
  private lastIngested: MetricPoint | null = null;
  /** Bumped on every rebuild, so caches built on the old columns know to let go. */
  generation = 0;
  firstStep: number | null = null;
  lastStep: number | null = null;

  /** Brings the columns up to date with `metrics`; reads only the new tail when it can. */
  sync(metrics: PointList): SyncResult {
    if (metrics === this.source) return 'unchanged';
    const extendsPrevious = this.ingested > 0 && metrics.length >= this.ingested && metrics.at(this.ingested - 1) === this.lastIngested;
    this.source = metrics;
    if (!extendsPrevious) this.reset();
    if (metrics.length === this.ingested && extendsPrevious) return 'unchanged';
    for (let i = this.ingested; i < metrics.length; i++) this.ingest(metrics.at(i)!);
    this.ingested = metrics.length;
    this.lastIngested = metrics.at(-1) ?? null;
    return extendsPrevious ? 'appended' : 'rebuilt';
  }

  column(key: string): GrowableColumn | undefined {
    return this.columns.get(key);
  }

  /** A phase's total loss, by its phase key ('loss (recon, velocity)'). */
  phaseColumn(key: string): GrowableColumn | undefined {
    return this.phaseColumns.get(key);
  }

  /** The logged keys, in the order they were first logged. */
  keys(): string[] {
    return [...this.columns.keys()];
  }

  /** The loss phases seen so far, in the order they began. */
  phases(): readonly LossPhase[] {
    return this.tracker.phases;
  }

  private ingest(point: MetricPoint): void {
    if (this.firstStep === null) this.firstStep = point.step;
    this.lastStep = Math.max(this.lastStep ?? point.step, point.step); // a late evaluation point is not the newest step
    const terms = this.terms;
    terms.length = 0;
    for (const key in point.values) {
      const value = point.values[key];
      if (value === undefined) continue;
      if (isLossTerm(key)) terms.push(key);
      pushTo(this.columns, key, point.step, value);
    }
    const total = point.values[TOTAL_LOSS];
    if (total !== undefined) pushTo(this.phaseColumns, this.tracker.phaseOf(terms).key, point.step, total);
  }

  private reset(): void {
    this.columns = new Map();
    this.phaseColumns = new Map();
    this.tracker = new PhaseTracker();
    this.ingested = 0;
    this.lastIngested = null;
    this.firstStep = null;
    this.lastStep = null;
    this.generation++;
  }
}

function pushTo(columns: Map<string, GrowableColumn>, key: string, step: number, value: number | null): void {
  let column = columns.get(key);
  if (!column) {
    column = new GrowableColumn();
    columns.set(key, column);
  }
  column.push(step, value === null || !Number.isFinite(value) ? NaN : value);
}
