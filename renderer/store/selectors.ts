/** Derived views of the TrainerView that several components read. Pure. */
import type { MetricPoint, RunSummary } from '../../trainer/protocol';
import type { RecentError, RunData, TrainerView } from './trainer-view';
import { emptyRunData } from './trainer-view';

export function activeRun(view: TrainerView): RunSummary | null {
  return view.runs.find((r) => r.id === view.activeRunId) ?? null;
}

export function activeRunData(view: TrainerView): RunData {
  return (view.activeRunId !== null && view.runData[view.activeRunId]) || emptyRunData;
}

/** The newest step the trainer reported, whether from a run summary or a logged point. */
export function currentStep(run: RunSummary | null, metrics: readonly MetricPoint[]): number {
  return Math.max(run?.step ?? 0, metrics.at(-1)?.step ?? 0);
}

/** The last logged value of a metric, skipping steps that did not log it. */
export function latestValue(metrics: readonly MetricPoint[], key: string): number | null {
  for (let i = metrics.length - 1; i >= 0; i--) {
    const value = metrics[i]!.values[key];
    if (value !== undefined) return value;
  }
  return null;
}

/** The error the banner shows: the newest one nobody dismissed. */
export function visibleError(view: TrainerView): RecentError | null {
  for (let i = view.errors.length - 1; i >= 0; i--) if (!view.errors[i]!.dismissed) return view.errors[i]!;
  return null;
}
