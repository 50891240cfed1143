/** The newest motion file each snapshot produced. Pure. */
import type { EventOf } from '../../../trainer/protocol';

export type MotionExport = EventOf<'motion/exported'>;

/** The newest export generated from `snapshotId`'s weights, if any. */
export function latestExportOf(exports: readonly MotionExport[], snapshotId: string): MotionExport | null {
  for (let i = exports.length - 1; i >= 0; i--) if (exports[i]!.snapshotId === snapshotId) return exports[i]!;
  return null;
}
