/**
 * Collects per-step metric points and hands them on in batches, so fast training does not
 * send one message per step. Flushes when enough points are waiting or enough time passed.
 */
import type { MetricPoint } from '../protocol.js';

export interface BatcherOptions {
  /** Longest a point waits before it is sent, so charts feel live. */
  maxDelayMs: number;
  /** Most points in one message, so one message never grows without bound. */
  maxPoints: number;
}

export const DEFAULT_BATCHING: BatcherOptions = { maxDelayMs: 200, maxPoints: 500 };

export class MetricsBatcher {
  private pending: MetricPoint[] = [];
  private firstPendingAt = 0;

  constructor(
    /** Takes a batch; false when it could not (the log's disk is full): the points wait for the next flush. */
    private readonly flushTo: (points: MetricPoint[]) => boolean,
    private readonly options: BatcherOptions = DEFAULT_BATCHING,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds one point; NaN and ±Infinity become null because JSON cannot carry them. */
  add(step: number, values: Record<string, number>, late = false): void {
    const clean: Record<string, number | null> = {};
    for (const [key, value] of Object.entries(values)) clean[key] = Number.isFinite(value) ? value : null;
    if (this.pending.length === 0) this.firstPendingAt = this.now();
    this.pending.push({ step, time: this.now(), values: clean, ...(late ? { late: true as const } : {}) });
    if (this.pending.length >= this.options.maxPoints || this.now() - this.firstPendingAt >= this.options.maxDelayMs) {
      this.flush();
    }
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const points = this.pending;
    this.pending = [];
    // Kept in order: what could not be written goes first in the next batch.
    if (!this.flushTo(points)) this.pending = [...points, ...this.pending];
  }

  /** Points that wait to be written. */
  get waiting(): number {
    return this.pending.length;
  }
}
