/** Derived views of the TrainerView that several components read. Pure. */
import type { ControlPath, Controls, MetricPoint, RunSummary, Stage, StagePlan } from '../../trainer/protocol';
import type { PointList } from './metric-log';
import type { AppliedAt, RecentError, RunData, TrainerView } from './trainer-view';
import { emptyRunData } from './trainer-view';

export function activeRun(view: TrainerView): RunSummary | null {
  return view.runs.find((r) => r.id === view.activeRunId) ?? null;
}

export function activeRunData(view: TrainerView): RunData {
  return (view.activeRunId !== null && view.runData[view.activeRunId]) || emptyRunData;
}

/** The newest step the trainer reported, whether from a run summary or a logged point. */
export function currentStep(run: RunSummary | null, metrics: PointList): number {
  return Math.max(run?.step ?? 0, newestLoggedStep(metrics));
}

/** The newest training step logged: a late evaluation point is appended after steps newer than its own. */
export function newestLoggedStep(metrics: PointList): number {
  return newestStepPoint(metrics)?.step ?? 0;
}

/** The newest point a training step logged (not an evaluation that landed late); null before the first. */
export function newestStepPoint(metrics: PointList): MetricPoint | null {
  for (let i = metrics.length - 1; i >= 0; i--) {
    const point = metrics.at(i)!;
    if (point.late !== true) return point;
  }
  return null;
}

/**
 * How many held points fall in [from, to], by binary search over a log in step order (a late
 * evaluation point sits a little out of order; it can shift the count by one). What a view of
 * that range is drawn from: the charts report it.
 */
export function pointsInRange(metrics: PointList, from: number, to: number): number {
  const firstAtLeast = (step: number) => {
    let lo = 0;
    let hi = metrics.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (metrics.at(mid)!.step < step) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return Math.max(0, firstAtLeast(Math.floor(to) + 1) - firstAtLeast(Math.ceil(from)));
}

/** The last logged value of a metric, skipping steps that did not log it (kept per key, so a batch scans only itself). */
export { latestValue } from './latest-value';

/** The error the banner shows: the newest one nobody dismissed. */
export function visibleError(view: TrainerView): RecentError | null {
  for (let i = view.errors.length - 1; i >= 0; i--) if (!view.errors[i]!.dismissed) return view.errors[i]!;
  return null;
}

/** The controls the trainer last reported applied for the active run; never a local guess. */
export function appliedControls(view: TrainerView): Controls | null {
  return activeRun(view)?.controls ?? activeRunData(view).controls;
}

/** The step a control last took effect at (the trainer names each change by its control path). */
export function appliedStepOf(appliedAt: AppliedAt, path: ControlPath): number | null {
  return appliedAt[path] ?? null;
}

/** Where the active run is in its plan: the stage, its number of steps so far, and what ends it. */
export interface StageProgress {
  plan: StagePlan;
  index: number;
  stage: Stage | null;
  stepsIn: number;
}

export function stageProgress(run: RunSummary | null, step: number): StageProgress | null {
  if (!run) return null;
  const { plan, stage } = run;
  return { plan, index: stage.index, stage: plan.stages[stage.index] ?? null, stepsIn: Math.max(0, step - stage.startedAt) };
}

