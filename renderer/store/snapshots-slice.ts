/**
 * The snapshots panel's part of the store: the snapshot commands it sends, and what the
 * trainer answered that belongs to no run's data (verification verdicts, a comparison).
 * The list itself, restores and branch histories live in the run's data (snapshot-events.ts).
 */
import type { CommandInput, EventOf, RestoreMode, SnapshotPolicy, TrainerEvent } from '../../trainer/protocol';

export interface SnapshotUi {
  /** Snapshot id → the trainer's verdict on its last verification. */
  verified: Record<string, { ok: boolean; problem?: string }>;
  /** The last comparison the trainer answered. */
  compared: EventOf<'snapshot/compared'> | null;
}

export interface SnapshotsSlice {
  snapshotUi: SnapshotUi;
  listSnapshots(runId: string): void;
  /** One click (or the `s` key): a manual snapshot of the live model. */
  takeSnapshot(runId: string, label?: string): void;
  /** Into a training run between steps; a stopped run trains on from it. */
  restoreSnapshot(runId: string, snapshotId: string | undefined, mode: RestoreMode): void;
  deleteSnapshot(runId: string, snapshotId: string): void;
  verifySnapshot(runId: string, snapshotId: string): void;
  compareSnapshots(runId: string, a: string, b: string): void;
  setSnapshotPolicy(runId: string, policy: Partial<SnapshotPolicy>): void;
  /**
   * Motion from a snapshot's weights, written as BVH + JSON for the run's first validation
   * recording. Returns the requestId: the row waits on its answer (requests.ts).
   */
  exportSnapshotMotion(runId: string, snapshotId: string): string;
  /** Shows another branch's history in the charts (the trainer sends it). */
  viewBranch(runId: string, branch: string): void;
  /** Asks for a step range of the shown history at the resolution a closer view draws (history-detail.ts). */
  fetchHistoryRange(runId: string, branch: string, fromStep: number, toStep: number): void;
}

export const initialSnapshotUi: SnapshotUi = { verified: {}, compared: null };

export function snapshotUiAfter(ui: SnapshotUi, event: TrainerEvent): SnapshotUi {
  if (event.type === 'snapshot/verified') {
    const verdict = event.problem === undefined ? { ok: event.ok } : { ok: event.ok, problem: event.problem };
    return { ...ui, verified: { ...ui.verified, [event.snapshotId]: verdict } };
  }
  if (event.type === 'snapshot/compared') return { ...ui, compared: event };
  return ui;
}

export function snapshotsSlice(send: (command: CommandInput) => string): SnapshotsSlice {
  return {
    snapshotUi: initialSnapshotUi,
    listSnapshots: (runId) => send({ type: 'snapshot/list', runId }),
    takeSnapshot: (runId, label = '') => send({ type: 'snapshot/take', runId, label }),
    restoreSnapshot: (runId, snapshotId, mode) => send({ type: 'snapshot/restore', runId, mode, ...(snapshotId ? { snapshotId } : {}) }),
    deleteSnapshot: (runId, snapshotId) => send({ type: 'snapshot/delete', runId, snapshotId }),
    verifySnapshot: (runId, snapshotId) => send({ type: 'snapshot/verify', runId, snapshotId }),
    compareSnapshots: (runId, a, b) => send({ type: 'snapshot/compare', runId, snapshotIds: [a, b] }),
    setSnapshotPolicy: (runId, policy) => send({ type: 'snapshot/policy', runId, policy }),
    exportSnapshotMotion: (runId, snapshotId) => send({ type: 'motion/export', runId, snapshotId }),
    viewBranch: (runId, branch) => send({ type: 'metrics/get', runId, branch }),
    fetchHistoryRange: (runId, branch, fromStep, toStep) => send({ type: 'metrics/get', runId, branch, fromStep, toStep }),
  };
}
