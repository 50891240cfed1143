/**
 * What the run controller needs from around it: the commands it applies between steps, the
 * training loop's hooks into the live model, and where the run's snapshots live.
 */
import type { Command, ErrorCode, SnapshotInfo } from '../protocol.js';
import type { HistoryPage } from '../project/history-cap.js';
import type { SavedState } from '../snapshots/saved-state.js';
import type { CapturedSnapshot } from '../snapshots/snapshot-writer.js';
import type { SnapshotMeta } from './snapshot-taker.js';

/** motion/export reaches a run with its recording named: the session fills in the default one. */
export type ExportCommand = Extract<Command, { type: 'motion/export' }> & { audioPath: string };

export type LiveCommand =
  | Extract<
      Command,
      { type: 'run/pause' | 'run/resume' | 'run/stop' | 'controls/set' | 'snapshot/take' | 'layers/reinit' | 'plan/set' | 'stage/next' | 'stage/keep' | 'run/autopilot' | 'guard/set' | 'snapshot/restore' | 'snapshot/policy' | 'preview/request' | 'preview/interval' }
    >
  | ExportCommand;

export interface BetweenStepsHooks {
  /** Copies the model's whole state as it is now (the only part of a snapshot that blocks training); throws on failure. */
  snapshot(meta: SnapshotMeta): CapturedSnapshot;
  /** What a snapshot's manifest says (nothing verified yet); null if the run has no such snapshot. */
  snapshotInfo(snapshotId: string): SnapshotInfo | null;
  /** Reads and verifies a snapshot and puts it into the live model, optimizer and RNG; throws (naming the file) if it does not verify. */
  restore(snapshotId: string): { snapshot: SnapshotInfo; state: SavedState };
  /** Gives a layer group fresh first weights and optimizer state; the guards start over (the loss jumps by design). Throws for an unknown group. */
  reinitialize(group: string): void;
  /** Logs metrics to `branch` from now on, after cutting that branch's log back to `discardAfter` (if given). */
  useBranch(branch: string, discardAfter: number | null): void;
  /** A page of a branch's metrics history, read from its log on disk, for the charts after a restore. */
  history(branch: string): HistoryPage;
  /** Called when the run leaves `running`, so pending metrics reach the UI. */
  flushMetrics(): void;
  /** Generates and writes motion for a recording with the model as it is now. */
  exportMotion(audioPath: string, snapshotId?: string): Promise<{ step: number; audio: string; bvh: string; json: string; seconds: number }>;
  /** Generates a preview (the live model's, kept in the sample history; or a snapshot's) and sends preview/ready. */
  preview(snapshotId: string | undefined, requestId: string | undefined): Promise<void>;
  /** Sets the steps between automatic previews (saved with the run's previews) and sends preview/history. */
  previewInterval(everySteps: number, requestId: string | undefined): void;
  /** A snapshot is on disk (and kept): its preview is made and stored next, off the training path. */
  snapshotWritten?(snapshot: SnapshotInfo): void;
  /** Resolves when the snapshots written so far have their previews, or after a short wait (a stop). */
  snapshotPreviewsSettled?(): Promise<void>;
}

export interface ControllerStorage {
  /** The run's folder: its timeline is kept there (timeline.jsonl). */
  runDir: string;
  snapshotsDir: string;
  /** Snapshots a branch of any run in the project forks from: never deleted by retention. */
  forked(): ReadonlySet<string>;
}

/** Runs `fn`, turning what it throws into a ControlError with `code`. */
export function guard<T>(fn: () => T, code: ErrorCode): T {
  try {
    return fn();
  } catch (error) {
    throw error instanceof ControlError ? error : new ControlError(code, (error as Error).message);
  }
}

export class ControlError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
