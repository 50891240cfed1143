import { useEffect, useRef } from 'react';
import { rangeToFetch } from '../../store/history-detail';
import { activeRunData } from '../../store/selectors';
import { viewedBranch } from '../../store/snapshot-events';
import { useApp } from '../../store/store-context';

/**
 * When the charts show a thinned part of a long run up close (a zoom, the `l` window), asks the
 * trainer for that step range at the resolution they draw; one request at a time per run, so a
 * live window that moves with every batch does not ask again while an answer is on its way.
 */
export function useHistoryDetail(runId: string | null, range: readonly [number, number] | null): void {
  const history = useApp((s) => activeRunData(s.trainer).history);
  const branch = useApp((s) => (runId === null ? null : viewedBranch(s.trainer, runId)));
  const asking = useApp((s) => s.requests.some((r) => r.type === 'metrics/get' && r.runId === runId && r.status === 'pending'));
  const fetchHistoryRange = useApp((s) => s.fetchHistoryRange);
  const want = range === null ? null : rangeToFetch(history, range);
  const from = want?.[0];
  const to = want?.[1];
  // The same range is asked for once: an answer that failed (the banner says why) is not retried in a loop.
  const asked = useRef('');
  useEffect(() => {
    if (runId === null || branch === null || asking || from === undefined || to === undefined) return;
    const key = `${runId}|${branch}|${from}|${to}`;
    if (asked.current === key) return;
    asked.current = key;
    fetchHistoryRange(runId, branch, from, to);
  }, [runId, branch, asking, from, to, fetchHistoryRange]);
}
