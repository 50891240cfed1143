/**
 * Watches the current stage's end condition: a step count, or a plateau of a metric (no
 * improvement by minDelta for `patience` steps). Manual stages end only by "Next stage".
 */
import type { RunFile } from '../project/project-store.js';

export class StageTracker {
  private best = Infinity;
  private bestStep = 0;
  private ended = false;

  constructor(private run: RunFile) {
    this.reset(run);
  }

  /** Starts judging the current stage afresh from `step` (its start, or now after a plan edit). */
  reset(run: RunFile, step = run.stage.startedAt): void {
    this.run = run;
    this.best = Infinity;
    this.bestStep = Math.max(run.stage.startedAt, step);
    this.ended = false;
  }

  /** Returns why the stage ended at `step` (once), or null while it goes on. */
  check(step: number, values: Record<string, number>): string | null {
    const { plan, stage } = this.run;
    const current = plan.stages[stage.index];
    if (!current || this.ended || stage.index >= plan.stages.length - 1) return null;
    // A late evaluation (from the worker) of weights from before this stage says nothing about it.
    if (step < stage.startedAt) return null;
    const end = current.end;
    if (end.type === 'steps' && step - stage.startedAt >= end.steps) return this.finish(`${end.steps.toLocaleString('en')} steps done`);
    if (end.type === 'plateau') {
      // Judged when the metric is reported: a validation metric comes every evalEvery steps,
      // from the evaluation worker after later steps, so steps without it say nothing yet.
      const value = values[end.metric];
      if (value === undefined) return null;
      if (Number.isFinite(value) && value < this.best - end.minDelta) {
        this.best = value;
        this.bestStep = step;
      }
      if (step - this.bestStep >= end.patience) return this.finish(`${end.metric} plateaued for ${end.patience} steps`);
    }
    return null;
  }

  private finish(reason: string): string {
    this.ended = true;
    return reason;
  }
}
