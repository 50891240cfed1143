import { describe, expect, it } from 'vitest';
import { latestExportOf, type MotionExport } from './snapshot-exports';

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

describe('snapshot exports in the list', () => {
  it('shows the newest file each snapshot produced, not the live model’s or another snapshot’s', () => {
    const exports = [exported('step-00000010-a', 10), exported(undefined, 40), exported('step-00000020-b', 20), exported('step-00000010-a', 10)];
    expect(latestExportOf(exports, 'step-00000010-a')).toBe(exports[3]);
    expect(latestExportOf(exports, 'step-00000020-b')).toBe(exports[2]);
    expect(latestExportOf(exports, 'step-00000030-c')).toBeNull();
  });
});
