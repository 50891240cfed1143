/**
 * A run's history as TensorBoard event files after the fact (a run that trained before they
 * were written live, or whose files were deleted): each branch's own metrics log and timeline
 * marks, written afresh under `<run>/tensorboard/<branch>/` in place of the event files there,
 * a branch's folder starting at its fork as the live files do.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_BRANCH, type MetricPoint } from '../protocol.js';
import { branchesOf, metricsFileOf } from '../project/branches.js';
import { readMetricsLog } from '../project/metrics-log.js';
import type { RunFile } from '../project/project-store.js';
import { readOwnMarks } from '../project/timeline-log.js';
import { RunTensorBoard, tensorboardDirOf } from './run-tensorboard.js';

export interface TensorBoardExport {
  /** The folder to give `tensorboard --logdir`. */
  dir: string;
  branches: number;
  points: number;
}

export function exportRunTensorBoard(runDir: string, run: RunFile): TensorBoardExport {
  const dir = tensorboardDirOf(runDir);
  // Written files fail the export loudly: it is the whole point of the command.
  const tensorboard = new RunTensorBoard(runDir, (message) => {
    throw new Error(message);
  });
  const forks = branchesOf(run);
  const branches = [MAIN_BRANCH, ...forks.map((b) => b.name)];
  let points = 0;
  try {
    for (const branch of branches) {
      removeEventFiles(join(dir, branch));
      const fork = forks.find((b) => b.name === branch);
      if (fork) tensorboard.fork(branch, fork.forkStep, Date.parse(fork.createdAt) || Date.now());
      const logged = readMetricsLog(metricsFileOf(runDir, branch));
      tensorboard.metrics(branch, logged);
      points += logged.length;
      const timeAt = wallTimes(logged);
      for (const mark of readOwnMarks(runDir, branch)) tensorboard.mark(branch, mark, timeAt(mark.step));
    }
  } finally {
    tensorboard.close();
  }
  return { dir, branches: branches.length, points };
}

function removeEventFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.includes('tfevents')) rmSync(join(dir, name), { force: true });
}

/**
 * A mark's wall time (marks keep none of their own): that of the newest training point at or
 * before its step, found by binary search over the log's training points, which are in step order.
 */
function wallTimes(points: readonly MetricPoint[]): (step: number) => number {
  const steps = points.filter((p) => !p.late);
  const first = steps[0]?.time ?? Date.now();
  return (step) => {
    let lo = 0;
    let hi = steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (steps[mid]!.step <= step) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? steps[lo - 1]!.time : first;
  };
}
