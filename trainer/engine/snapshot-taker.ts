/**
 * Takes a live run's snapshots: copies the model between two steps and hands the copy to the
 * background writer. It decides what a request becomes: an automatic snapshot asked for again
 * before the weights changed is the one already taken (1,000 learning-rate changes between two
 * steps make one snapshot, not 500); the first snapshot before each kind of risky change in a
 * stage is marked to be kept; manual and routine ones are refused while writes pile up.
 */
import type { SnapshotInfo, SnapshotKind } from '../protocol.js';
import type { LiveSnapshots } from '../snapshots/live-snapshots.js';
import type { SnapshotQueue } from '../snapshots/snapshot-queue.js';
import type { CapturedSnapshot } from '../snapshots/snapshot-writer.js';
import { ControlError } from './run-hooks.js';

/** Snapshots copied but not yet on disk beyond which manual and routine ones are refused. */
const MAX_WAITING_WRITES = 3;

/** What a snapshot is asked for as: its kind, its reason in words, the person's label. */
export interface SnapshotRequest {
  kind: SnapshotKind;
  reason: string;
  label: string;
  /** For 'risky': the changes it precedes ("GAN on"), to know the first of each in a stage. */
  risky?: readonly string[];
  /** For 'best': the likeness series it is the best of. */
  phase?: string;
}

/** What goes into the snapshot's manifest besides step and time. */
export type SnapshotMeta = Pick<SnapshotInfo, 'kind' | 'reason' | 'label' | 'firstInStage' | 'phase'>;

/** Kinds taken even while writes pile up: they are the way back from what comes next. */
const ALWAYS: ReadonlySet<SnapshotKind> = new Set(['risky', 'stage', 'stop', 'rule']);
/** Kinds that retention keeps: a coalesced request of one of these must not land on a thinnable copy. */
const KEPT: ReadonlySet<SnapshotKind> = new Set(['manual', 'stage', 'stop', 'rule']);

export interface TakerContext {
  queue: SnapshotQueue;
  live: LiveSnapshots;
  capture(meta: SnapshotMeta): CapturedSnapshot;
  written?: (snapshot: SnapshotInfo) => void;
}

export class SnapshotTaker {
  /** The newest capture: its step and branch, whether retention keeps it, and the run record's revision then. */
  private last: { step: number; branch: string; kept: boolean; revision: number } | null = null;
  /** Risky changes already snapshotted in this stage. */
  private readonly riskySeen = new Set<string>();

  constructor(private readonly ctx: TakerContext) {}

  /** A new stage: the first risky change of each kind in it is kept again. */
  newStage(): void {
    this.riskySeen.clear();
  }

  /** The weights were replaced (a restore): nothing taken so far describes them. */
  forget(): void {
    this.last = null;
  }

  /**
   * Takes the snapshot, or returns false when the newest capture already holds these weights
   * (no step since, same branch) and, for a stop, the same record. Only a failed copy throws.
   */
  take(request: SnapshotRequest, at: { step: number; branch: string; revision: number }, requestId?: string): boolean {
    const firstInStage = request.kind === 'risky' && (request.risky ?? []).some((r) => !this.riskySeen.has(r));
    const kept = KEPT.has(request.kind) || firstInStage;
    const last = this.last;
    const sameWeights = last !== null && last.step === at.step && last.branch === at.branch;
    // A stop must hold the controls and plan as they are now; other automatic ones the weights.
    const covered = sameWeights && (request.kind !== 'stop' || last.revision === at.revision) && (last.kept || !kept);
    if (request.kind !== 'manual' && covered) return false;
    if (this.ctx.queue.busy >= MAX_WAITING_WRITES && !ALWAYS.has(request.kind)) {
      throw new ControlError('busy', `Snapshot at step ${at.step} not taken: ${this.ctx.queue.busy} snapshots are still being written. Try again in a moment.`);
    }
    let captured: CapturedSnapshot;
    try {
      captured = this.ctx.capture({
        kind: request.kind,
        reason: request.reason,
        label: request.label,
        ...(firstInStage ? { firstInStage: true } : {}),
        ...(request.phase ? { phase: request.phase } : {}),
      });
    } catch (error) {
      throw new ControlError('io', `Snapshot at step ${at.step} failed: ${(error as Error).message}. Training continues; earlier snapshots are intact.`);
    }
    for (const r of request.risky ?? []) this.riskySeen.add(r);
    this.last = { ...at, kept };
    void this.ctx.live.write(captured, requestId, this.ctx.written);
    return true;
  }
}
