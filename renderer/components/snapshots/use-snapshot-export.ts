import { useCallback, useState } from 'react';
import { requestById } from '../../store/requests';
import { activeRunData } from '../../store/selectors';
import { useApp } from '../../store/store-context';
import { latestExportOf, type MotionExport } from './snapshot-exports';

export interface SnapshotExport {
  /** Snapshots whose export the trainer is still generating. */
  pending: ReadonlySet<string>;
  latest(snapshotId: string): MotionExport | null;
  start(snapshotId: string): void;
}

/**
 * "Export BVH" on a snapshot row: asks the trainer and waits on that request's answer (the
 * file, or the trainer's refusal, which the banner shows; a trainer or connection that goes
 * away fails it too).
 */
export function useSnapshotExport(runId: string | null): SnapshotExport {
  const exports = useApp((s) => activeRunData(s.trainer).exports);
  const requests = useApp((s) => s.requests);
  const exportSnapshotMotion = useApp((s) => s.exportSnapshotMotion);
  // Which request each snapshot's export went out as, per run.
  const [sent, setSent] = useState<{ runId: string; snapshotId: string; requestId: string }[]>([]);
  const pending = new Set(sent.filter((r) => r.runId === runId && requestById(requests, r.requestId)?.status === 'pending').map((r) => r.snapshotId));
  const start = useCallback(
    (snapshotId: string) => {
      if (runId === null) return;
      const requestId = exportSnapshotMotion(runId, snapshotId);
      setSent((rs) => [...rs.filter((r) => !(r.runId === runId && r.snapshotId === snapshotId)), { runId, snapshotId, requestId }]);
    },
    [runId, exportSnapshotMotion],
  );
  return { pending, latest: (snapshotId) => latestExportOf(exports, snapshotId), start };
}
