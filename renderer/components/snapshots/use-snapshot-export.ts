import { useCallback, useEffect, useState } from 'react';
import { activeRunData } from '../../store/selectors';
import { useApp } from '../../store/store-context';
import { exportSettled, latestExportOf, type ExportRequest, type MotionExport } from './snapshot-exports';

export interface SnapshotExport {
  /** Snapshots whose export the trainer is still generating. */
  pending: ReadonlySet<string>;
  latest(snapshotId: string): MotionExport | null;
  start(snapshotId: string): void;
}

/** "Export BVH" on a snapshot row: asks the trainer, waits for its answer, and finds the file it wrote. */
export function useSnapshotExport(runId: string | null): SnapshotExport {
  const exports = useApp((s) => activeRunData(s.trainer).exports);
  const errors = useApp((s) => s.trainer.errors);
  const newestErrorId = useApp((s) => s.trainer.nextErrorId - 1);
  const exportSnapshotMotion = useApp((s) => s.exportSnapshotMotion);
  const [requests, setRequests] = useState<ExportRequest[]>([]);
  // A trainer that went away (crashed, or the connection dropped) answers nothing it was asked.
  const reachable = useApp((s) => s.connection === 'connected' && !s.trainer.exited);
  useEffect(() => {
    if (!reachable) setRequests([]);
  }, [reachable]);
  const pending = new Set(requests.filter((r) => r.runId === runId && !exportSettled(r, exports, errors)).map((r) => r.snapshotId));
  const start = useCallback(
    (snapshotId: string) => {
      if (runId === null) return;
      const request = { runId, snapshotId, exportsBefore: exports.length, errorsBefore: newestErrorId };
      setRequests((rs) => [...rs.filter((r) => r.runId === runId && r.snapshotId !== snapshotId), request]);
      exportSnapshotMotion(runId, snapshotId);
    },
    [runId, exports.length, newestErrorId, exportSnapshotMotion],
  );
  return { pending, latest: (snapshotId) => latestExportOf(exports, snapshotId), start };
}
