/**
 * The snapshots of a training run as it goes: taking one copies the model between two steps
 * and hands the copy to the background writer; when it is on disk the window hears
 * `snapshot/taken` (answering the command that asked, if any) and the retention policy
 * thins the automatic ones. A failed write (a full disk) is an error event naming the
 * snapshot; the run goes on and the snapshots already on disk are untouched.
 */
import { join } from 'node:path';
import { answering, snapshotKindOf, type SnapshotInfo, type SnapshotPolicy, type TimelineMark, type TrainerEvent } from '../protocol.js';
import { deleteSnapshotFolder, listSnapshots } from './snapshot-folder.js';
import type { SnapshotQueue } from './snapshot-queue.js';
import type { CapturedSnapshot } from './snapshot-writer.js';
import { snapshotsToDelete, thinnedSentence } from './retention.js';

export interface LiveSnapshotsContext {
  runId: string;
  snapshotsDir: string;
  queue: SnapshotQueue;
  emit(event: TrainerEvent): void;
  mark(mark: TimelineMark): void;
  policy(): SnapshotPolicy;
  /** Snapshots a branch of any run forks from: retention never deletes them. */
  forked(): ReadonlySet<string>;
}

export class LiveSnapshots {
  /** Snapshots on disk, oldest first: what the collapse guard names as the last good one. */
  readonly taken: SnapshotInfo[];

  constructor(private readonly ctx: LiveSnapshotsContext) {
    this.taken = listSnapshots(ctx.snapshotsDir);
  }

  /**
   * Starts writing a captured snapshot; resolves when it is on disk or its failure was reported.
   * `onWritten` hears of it once it is on disk and retention kept it (its preview comes next).
   */
  write(captured: CapturedSnapshot, requestId?: string, onWritten?: (snapshot: SnapshotInfo) => void): Promise<void> {
    return this.ctx.queue
      .write(captured)
      .then(
        (snapshot) => {
          this.taken.push(snapshot);
          const { reason, label } = snapshot;
          this.ctx.mark({ step: snapshot.step, kind: 'snapshot', label: label ? `${reason}: ${label}` : reason });
          this.ctx.emit({ type: 'snapshot/taken', ...answering(requestId), runId: this.ctx.runId, snapshot });
          if (snapshotKindOf(snapshot) !== 'manual') this.retain();
          if (this.taken.includes(snapshot)) onWritten?.(snapshot);
        },
        (error: Error) => {
          this.ctx.emit({ type: 'error', ...answering(requestId), code: 'io', message: error.message, commandType: 'snapshot/take' });
        },
      )
      // Nobody awaits a background write: whatever goes wrong after it is said, never thrown.
      .catch((error: Error) => {
        try {
          this.ctx.emit({ type: 'error', code: 'internal', message: `After snapshot ${captured.info.id}: ${error.message}` });
        } catch {
          // The transport is gone; there is no one left to tell.
        }
      });
  }

  /** Forgets snapshots deleted from disk (by hand or by retention). */
  forget(ids: readonly string[]): void {
    for (const id of ids) {
      const at = this.taken.findIndex((s) => s.id === id);
      if (at >= 0) this.taken.splice(at, 1);
    }
  }

  private retain(): void {
    const doomed = snapshotsToDelete(this.taken, this.ctx.policy(), this.ctx.forked(), Date.now());
    const deleted: SnapshotInfo[] = [];
    for (const snapshot of doomed) {
      try {
        deleteSnapshotFolder(this.ctx.snapshotsDir, snapshot.id);
        deleted.push(snapshot);
      } catch (error) {
        this.ctx.emit({ type: 'error', code: 'io', message: `Retention could not delete snapshot ${snapshot.id} in '${join(this.ctx.snapshotsDir, snapshot.id)}': ${(error as Error).message}` });
      }
    }
    if (deleted.length === 0) return;
    const ids = deleted.map((s) => s.id);
    this.forget(ids);
    this.ctx.emit({ type: 'snapshot/deleted', runId: this.ctx.runId, snapshotIds: ids, by: 'policy', reason: thinnedSentence(deleted) });
  }
}
