import { describe, expect, it } from 'vitest';
import type { RecentError } from '../../store/trainer-view';
import { exportSettled, latestExportOf, type MotionExport } from './snapshot-exports';

const exported = (snapshotId: string | undefined, step: number): MotionExport => ({
  type: 'motion/exported',
  runId: 'run-1',
  step,
  ...(snapshotId ? { snapshotId } : {}),
  audio: '/p/datasets/demo/validation/clip-000.wav',
  bvh: `/p/runs/run-1/exports/clip-000-step-${step}.bvh`,
  json: `/p/runs/run-1/exports/clip-000-step-${step}.json`,
  seconds: 8,
});
const error = (id: number, commandType: string): RecentError => ({ id, code: 'io', message: 'no', commandType, dismissed: false });

describe('snapshot exports in the list', () => {
  it('shows the newest file each snapshot produced, not the live model’s or another snapshot’s', () => {
    const exports = [exported('step-00000010-a', 10), exported(undefined, 40), exported('step-00000020-b', 20), exported('step-00000010-a', 10)];
    expect(latestExportOf(exports, 'step-00000010-a')).toBe(exports[3]);
    expect(latestExportOf(exports, 'step-00000020-b')).toBe(exports[2]);
    expect(latestExportOf(exports, 'step-00000030-c')).toBeNull();
  });

  it('waits until that snapshot’s export arrives, or an export is refused', () => {
    const request = { runId: 'run-1', snapshotId: 'step-00000010-a', exportsBefore: 1, errorsBefore: 3 };
    const earlier = [exported('step-00000010-a', 10)];
    expect(exportSettled(request, earlier, [])).toBe(false);
    expect(exportSettled(request, [...earlier, exported('step-00000020-b', 20)], [])).toBe(false);
    expect(exportSettled(request, [...earlier, exported('step-00000010-a', 10)], [])).toBe(true);
    expect(exportSettled(request, earlier, [error(3, 'motion/export'), error(4, 'snapshot/take')])).toBe(false);
    expect(exportSettled(request, earlier, [error(4, 'motion/export')])).toBe(true);
  });
});
