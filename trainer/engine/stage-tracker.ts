/**
 * Watches the current stage's end condition: a step count, or a plateau of a metric (no
 * improvement by minDelta for `patience` steps, after at least `minSteps` and at most
 * `maxSteps`). Manual stages end only by "Next stage". "Keep training" at a hand-off re-arms
 * it: the condition is then judged again from that step.
 */
import type { RunFile } from '../project/project-store.js';

export class StageTracker {
  private best = Infinity;
  private bestStep = 0;
  /** Where step counts run from: the stage's start, or the step "Keep training" was chosen at. */
  private countFrom = 0;
  private ended = false;

  constructor(private run: RunFile) {
    this.reset(run);
  }

  /** Starts judging the current stage afresh from `step` (its start, or now after a plan edit). */
  reset(run: RunFile, step = run.stage.startedAt): void {
    this.run = run;
    this.best = Infinity;
    this.bestStep = Math.max(run.stage.startedAt, step);
    this.countFrom = run.stage.startedAt;
    this.ended = false;
  }

  /** "Keep training": the stage goes on, and its end is judged anew from `step` (a full stage length). */
  extend(step: number): void {
    this.reset(this.run, step);
    this.countFrom = step;
  }

  /** The stage's end was met before (a restore brought the run back to its hand-off): do not report it again. */
  holdEnded(): void {
    this.ended = true;
  }

  /** Returns why the stage ended at `step` (once), or null while it goes on. */
  check(step: number, values: Record<string, number>): string | null {
    const { plan, stage } = this.run;
    const current = plan.stages[stage.index];
    if (!current || this.ended || stage.index >= plan.stages.length - 1) return null;
    // A late evaluation (from the worker) of weights from before this stage says nothing about it.
    if (step < stage.startedAt) return null;
    const end = current.end;
    const stepsIn = step - this.countFrom;
    if (end.type === 'steps' && stepsIn >= end.steps) return this.finish(`${end.steps.toLocaleString('en')} steps done`);
    if (end.type !== 'plateau') return null;
    if (end.maxSteps !== undefined && stepsIn >= end.maxSteps) return this.finish(`${end.maxSteps.toLocaleString('en')} steps done (the most this stage takes)${this.bestWords(end)}`);
    // Judged when the metric is reported: a validation metric comes every evalEvery steps,
    // from the evaluation worker after later steps, so steps without it say nothing yet.
    const value = values[end.metric];
    if (value === undefined) return null;
    // Minimised internally: a likeness ('max') is judged as its negative.
    const score = end.mode === 'max' ? -value : value;
    if (Number.isFinite(score) && score < this.best - end.minDelta) {
      this.best = score;
      this.bestStep = step;
    }
    if (stepsIn < (end.minSteps ?? 0)) return null;
    if (step - this.bestStep >= end.patience) return this.finish(`${end.metric} plateaued for ${end.patience.toLocaleString('en')} steps${this.bestWords(end)}`);
    return null;
  }

  private bestWords(end: { metric: string; mode?: 'min' | 'max' }): string {
    if (!Number.isFinite(this.best)) return '';
    const value = end.mode === 'max' ? -this.best : this.best;
    return ` (best ${Number(value.toPrecision(4))} at step ${this.bestStep.toLocaleString('en')})`;
  }

  private finish(reason: string): string {
    this.ended = true;
    return reason;
  }
}
