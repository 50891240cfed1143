/** Which snapshot exports the window is waiting for, and the newest file each produced. Pure. */
import type { EventOf } from '../../../trainer/protocol';
import type { RecentError } from '../../store/trainer-view';

export type MotionExport = EventOf<'motion/exported'>;

export interface ExportRequest {
  runId: string;
  snapshotId: string;
  /** How many exports the run had when this one was asked for: later ones are its answer. */
  exportsBefore: number;
  /** The newest error id then: a later refused export ends the wait too. */
  errorsBefore: number;
}

/** The newest export generated from `snapshotId`'s weights, if any. */
export function latestExportOf(exports: readonly MotionExport[], snapshotId: string): MotionExport | null {
  for (let i = exports.length - 1; i >= 0; i--) if (exports[i]!.snapshotId === snapshotId) return exports[i]!;
  return null;
}

/**
 * Done when an export from that snapshot arrived after the request, or the trainer refused an
 * export since (its error names the recording; the banner shows it).
 */
export function exportSettled(request: ExportRequest, exports: readonly MotionExport[], errors: readonly RecentError[]): boolean {
  for (let i = request.exportsBefore; i < exports.length; i++) if (exports[i]!.snapshotId === request.snapshotId) return true;
  return errors.some((e) => e.id > request.errorsBefore && e.commandType === 'motion/export');
}
