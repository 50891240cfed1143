/**
 * Branches of a run's history. Restoring a snapshot as a new branch forks the metrics history
 * at the snapshot's step: the new branch shows its parent's points up to that step, then its
 * own; the parent keeps everything it had. Each branch logs to its own file, so no branch's
 * log is ever rewritten by another's training.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_BRANCH, type BranchInfo, type MetricPoint, type RestoreMode, type SnapshotInfo } from '../protocol.js';
import { MAX_HISTORY_POINTS, pageOf, pagePicks, wholeTailOf, type HistoryPage, type KeepTier } from './history-cap.js';
import { logIndex, readLines, type LogIndex } from './metrics-file-index.js';
import { readMetricsLog } from './metrics-log.js';
import type { RunFile } from './project-store.js';

export function metricsFileOf(runDir: string, branch: string): string {
  return join(runDir, branch === MAIN_BRANCH ? 'metrics.jsonl' : `metrics.${branch}.jsonl`);
}

export function branchesOf(run: RunFile): BranchInfo[] {
  return run.branches ?? [];
}

/** From `branch` back to main: each branch with the last step of its own points the series uses. */
export function lineage(run: RunFile, branch: string): { branch: string; upTo: number }[] {
  const chain: { branch: string; upTo: number }[] = [];
  let name = branch;
  let upTo = Infinity;
  for (let guard = 0; guard < 1000; guard++) {
    chain.push({ branch: name, upTo });
    if (name === MAIN_BRANCH) return chain;
    const info = branchesOf(run).find((b) => b.name === name);
    if (!info) throw new Error(`Run '${run.name}' has no branch '${name}'.`);
    upTo = Math.min(upTo, info.forkStep);
    name = info.parent;
  }
  throw new Error(`Run '${run.name}': the branches of '${branch}' form a loop.`);
}

/** The metrics history a branch shows: its ancestors' points up to each fork, then its own. */
export function branchSeries(runDir: string, run: RunFile, branch: string): MetricPoint[] {
  const chain = lineage(run, branch).reverse();
  const out: MetricPoint[] = [];
  let after = -1;
  for (const { branch: name, upTo } of chain) {
    let newest = after; // not the last point's step: a late evaluation point may come after newer steps
    for (const point of readMetricsLog(metricsFileOf(runDir, name))) {
      if (point.step > after && point.step <= upTo) {
        out.push(point);
        newest = Math.max(newest, point.step);
      }
    }
    after = newest;
  }
  return out;
}

/**
 * A page of the history a branch shows (the same points as branchSeries, in a step range, cut
 * down as history-cap.ts cuts any history: a range that ends at `toStep` thinned evenly, the
 * history up to the newest step with its newest points whole), read from the logs on disk
 * without parsing the lines the page leaves out (metrics-file-index.ts).
 */
export function branchPage(runDir: string, run: RunFile, branch: string, fromStep = 0, toStep = Infinity): HistoryPage {
  const chain = lineage(run, branch).reverse();
  // Asked again before any of its logs changed (windows reconnecting, a flood of state/get): the same page.
  const key = JSON.stringify([runDir, chain, fromStep, toStep, chain.map(({ branch: name }) => fileStamp(metricsFileOf(runDir, name)))]);
  const kept = pages.get(key);
  if (kept) return kept;
  const page = readBranchPage(runDir, chain, fromStep, toStep);
  pages.set(key, page);
  while (pages.size > PAGES_KEPT) pages.delete(pages.keys().next().value!);
  return page;
}

/** The newest pages served, by what they were read from. */
const pages = new Map<string, HistoryPage>();
const PAGES_KEPT = 8;

/** A log's size and modification time: a page read from it stays right while both do. */
function fileStamp(file: string): string {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return 'none';
  }
}

function readBranchPage(runDir: string, chain: { branch: string; upTo: number }[], fromStep: number, toStep: number): HistoryPage {
  // The page's candidates in log order: which log, which line.
  const logs: { file: string; index: LogIndex }[] = [];
  const logOf: number[] = [];
  const lineOf: number[] = [];
  let after = -1;
  for (const { branch: name, upTo } of chain) {
    const file = metricsFileOf(runDir, name);
    const index = logIndex(file);
    logs.push({ file, index });
    let newest = after;
    for (let line = 0; line < index.count; line++) {
      const step = index.steps[line]!;
      if (!(step > after && step <= upTo)) continue;
      newest = Math.max(newest, step);
      if (step >= fromStep && step <= toStep) {
        logOf.push(logs.length - 1);
        lineOf.push(line);
      }
    }
    after = newest;
  }
  const tail = wholeTailOf(toStep);
  const picks = pagePicks(lineOf.length, (i) => logs[logOf[i]!]!.index.tiers[lineOf[i]!] as KeepTier, MAX_HISTORY_POINTS, tail);
  const points: MetricPoint[] = [];
  for (let log = 0; log < logs.length; log++) {
    const lines = picks.filter((i) => logOf[i] === log).map((i) => lineOf[i]!);
    points.push(...readLines(logs[log]!.file, logs[log]!.index, lines));
  }
  return pageOf(points, lineOf.length, MAX_HISTORY_POINTS, tail);
}

/** The run with a new branch forked at `snapshot`, and on it. */
export function forkBranch(run: RunFile, snapshot: SnapshotInfo): RunFile {
  const taken = new Set(branchesOf(run).map((b) => b.name));
  let n = taken.size + 1;
  while (taken.has(`branch-${n}`)) n++;
  const branch: BranchInfo = {
    name: `branch-${n}`,
    parent: snapshot.branch,
    forkStep: snapshot.step,
    snapshotId: snapshot.id,
    createdAt: new Date().toISOString(),
  };
  return { ...run, branch: branch.name, branches: [...branchesOf(run), branch] };
}

/**
 * The run continuing on its current branch from `snapshot`, forgetting what came after. Only a
 * snapshot in the branch's own history can be continued from this way; for any other, the
 * caller must fork a branch instead. Returns the run and the branch whose log loses points.
 */
export function continueFrom(run: RunFile, snapshot: SnapshotInfo): RunFile {
  const current = run.branch;
  const from = snapshot.branch;
  const entry = lineage(run, current).find((e) => e.branch === from);
  if (!entry || snapshot.step > entry.upTo) {
    throw new Error(`Snapshot ${snapshot.id} is not in the history of branch '${current}'; restore it as a new branch instead.`);
  }
  // Discarding must not cut away history another branch still shows as its own past.
  const child = branchesOf(run).find((b) => b.parent === current && b.forkStep > snapshot.step);
  if (child) {
    throw new Error(`Branch '${child.name}' grew out of '${current}' at step ${child.forkStep}, after this snapshot; discarding would cut its history. Restore it as a new branch instead.`);
  }
  if (from === current) return run;
  // The current branch now forks straight from the snapshot: everything it had is discarded.
  const branches = branchesOf(run).map((b) => (b.name === current ? { ...b, parent: from, forkStep: snapshot.step, snapshotId: snapshot.id } : b));
  return { ...run, branches };
}

/**
 * The run as it continues from `snapshot`: on a new branch, or on its own with what came
 * after discarded (throws if the snapshot is not in its history), with the snapshot's
 * controls, plan position and step, and no longer flagged as interrupted.
 */
export function restoredRun(run: RunFile, snapshot: SnapshotInfo, saved: Pick<RunFile, 'controls' | 'plan' | 'stage'>, mode: RestoreMode): RunFile {
  const { interrupted: _interrupted, ...next } = mode === 'branch' ? forkBranch(run, snapshot) : continueFrom(run, snapshot);
  return { ...next, controls: saved.controls, plan: saved.plan, stage: saved.stage, step: snapshot.step };
}

/** Snapshots some branch forks from, in any of these runs: never deleted by retention or by hand. */
export function forkedSnapshotIds(runs: readonly RunFile[]): Set<string> {
  return new Set(runs.flatMap((r) => branchesOf(r).map((b) => b.snapshotId)));
}
