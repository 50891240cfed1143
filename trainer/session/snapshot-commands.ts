/**
 * The snapshot commands that do not need the training loop: list, verify, delete, compare,
 * a branch's metrics history, and (for a run that is not training) the snapshot policy and
 * motion from a snapshot. They read the run's folder directly, for a live run or
 * a stopped one alike; the live run is told when a snapshot it knew of is deleted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunController } from '../engine/run-controller.js';
import type { ExportCommand } from '../engine/run-hooks.js';
import { answering, type CommandOf, type MetricPoint, type SnapshotInfo, type TrainerEvent } from '../protocol.js';
import { branchesOf, branchPage, branchSeries, forkedSnapshotIds, lineage } from '../project/branches.js';
import type { ProjectStore, RunFile } from '../project/project-store.js';
import { verifySnapshot } from '../snapshots/read-snapshot.js';
import { deleteSnapshotFolder, listSnapshots, snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import { motionFromSnapshot } from '../snapshots/snapshot-motion.js';
import { SessionError } from './session-errors.js';


export class SnapshotCommands {
  constructor(
    private readonly project: ProjectStore,
    /** The training run's controller, if one is live. */
    private readonly live: RunController | null,
    private readonly emit: (event: TrainerEvent) => void,
  ) {}

  list(command: CommandOf<'snapshot/list'>): void {
    const run = this.run(command.runId);
    const snapshots = listSnapshots(this.snapshotsDir(run));
    this.emit({ type: 'snapshot/list', ...answering(command.requestId), runId: run.id, snapshots, branch: run.branch, branches: branchesOf(run) });
  }

  verify(command: CommandOf<'snapshot/verify'>): void {
    const run = this.run(command.runId);
    const problem = verifySnapshot(this.existing(run, command.snapshotId));
    const verdict = problem === null ? { ok: true } : { ok: false, problem };
    this.emit({ type: 'snapshot/verified', ...answering(command.requestId), runId: run.id, snapshotId: command.snapshotId, ...verdict });
  }

  delete(command: CommandOf<'snapshot/delete'>): void {
    const run = this.run(command.runId);
    this.existing(run, command.snapshotId);
    const runs = this.project.runs().map((r) => (r.id === run.id ? run : r));
    if (forkedSnapshotIds(runs).has(command.snapshotId)) {
      throw new SessionError('invalid-state', `Snapshot ${command.snapshotId} is where a branch of run '${run.name}' begins; it is kept while that branch exists.`);
    }
    deleteSnapshotFolder(this.snapshotsDir(run), command.snapshotId);
    if (this.live?.run.id === run.id) this.live.forgetSnapshots([command.snapshotId]);
    this.emit({ type: 'snapshot/deleted', ...answering(command.requestId), runId: run.id, snapshotIds: [command.snapshotId], by: 'person', reason: 'deleted by user' });
  }

  /** Each snapshot's metrics: the newest value of every metric its branch logged up to its step. */
  compare(command: CommandOf<'snapshot/compare'>): void {
    const run = this.run(command.runId);
    const all = listSnapshots(this.snapshotsDir(run));
    const sides = command.snapshotIds.map((id) => {
      const snapshot = all.find((s) => s.id === id);
      if (!snapshot) throw new SessionError('no-run', `Run '${run.name}' has no snapshot ${id}.`);
      const branch = snapshot.branch;
      return { snapshot, branch, values: valuesAt(branchSeries(this.project.runPath(run.id), run, branch), snapshot) };
    });
    this.emit({ type: 'snapshot/compared', ...answering(command.requestId), runId: run.id, sides });
  }

  history(command: CommandOf<'metrics/get'>): void {
    const run = this.run(command.runId);
    lineage(run, command.branch); // throws, naming the run, for an unknown branch
    const { fromStep, toStep } = command;
    // From the logs on disk, a page at a time; the live branch's too (the loop writes each batch before it is sent).
    const page = branchPage(this.project.runPath(run.id), run, command.branch, fromStep, toStep);
    const range = { ...(fromStep !== undefined ? { fromStep } : {}), ...(toStep !== undefined ? { toStep } : {}) };
    this.emit({ type: 'metrics/history', ...answering(command.requestId), runId: run.id, branch: command.branch, points: page.points, wholeFrom: page.wholeFrom, ...range });
  }

  /** Motion a snapshot's weights generate for a recording, with no training run needed. */
  async exportMotion(command: ExportCommand, snapshotId: string): Promise<void> {
    const run = this.run(command.runId);
    this.existing(run, snapshotId);
    let exported;
    try {
      exported = await motionFromSnapshot(this.project, run, snapshotId, command.audioPath);
    } catch (error) {
      throw new SessionError('io', `Could not generate motion for '${command.audioPath}': ${(error as Error).message}`);
    }
    this.emit({ type: 'motion/exported', ...answering(command.requestId), runId: run.id, snapshotId, ...exported });
  }

  private run(runId: string): RunFile {
    if (this.live?.run.id === runId) return this.live.run;
    const run = this.project.run(runId);
    if (!run) throw new SessionError('no-run', `Project '${this.project.name}' has no run '${runId}'.`);
    return run;
  }

  private snapshotsDir(run: RunFile): string {
    return snapshotsDirOf(this.project.runPath(run.id));
  }

  private existing(run: RunFile, snapshotId: string): string {
    const dir = join(this.snapshotsDir(run), snapshotId);
    if (!existsSync(dir)) throw new SessionError('no-run', `Run '${run.name}' has no snapshot ${snapshotId}.`);
    return dir;
  }
}

function valuesAt(series: readonly MetricPoint[], snapshot: SnapshotInfo): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const point of series) {
    if (point.step > snapshot.step) break;
    Object.assign(values, point.values);
  }
  return values;
}
