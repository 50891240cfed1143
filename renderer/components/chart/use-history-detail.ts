import { useEffect, useMemo, useRef } from 'react';
import type { TimelineMark } from '../../../trainer/protocol';
import { chartView, type ChartSettings } from '../../store/chart-settings';
import { rangeToFetch, shownHistory } from '../../store/history-detail';
import type { MetricLog } from '../../store/metric-log';
import { activeRunData, newestLoggedStep } from '../../store/selectors';
import { viewedBranch } from '../../store/snapshot-events';
import { useApp } from '../../store/store-context';

/**
 * The history the charts draw for the view they show. When a zoom or the `l` window shows a
 * thinned part of a long run up close, asks the trainer for that step range at the resolution
 * the charts draw (one request at a time per run, so a live window that moves with every batch
 * does not ask again while an answer is on its way) and draws it in place of the page's thinned
 * points; any other view draws the page as it is.
 */
export function useShownHistory(runId: string | null, metrics: MetricLog, timeline: readonly TimelineMark[], settings: Pick<ChartSettings, 'zoom' | 'chartWindow'>): MetricLog {
  const history = useApp((s) => activeRunData(s.trainer).history);
  const fetched = useApp((s) => activeRunData(s.trainer).fetched);
  const branch = useApp((s) => (runId === null ? null : viewedBranch(s.trainer, runId)));
  const asking = useApp((s) => s.requests.some((r) => r.type === 'metrics/get' && r.runId === runId && r.status === 'pending'));
  const fetchHistoryRange = useApp((s) => s.fetchHistoryRange);
  // The charts' own view, from the log the window holds.
  const view = chartView(settings, runId, metrics.at(0)?.step ?? null, metrics.length > 0 ? newestLoggedStep(metrics) : null, timeline);
  const want = view === null ? null : rangeToFetch(history, fetched, view);
  const [from, to] = want ?? [undefined, undefined];
  // The same range is asked for once: an answer that failed (the banner says why) is not retried in a loop.
  const asked = useRef('');
  useEffect(() => {
    if (runId === null || branch === null || asking || from === undefined || to === undefined) return;
    const key = `${runId}|${branch}|${from}|${to}`;
    if (asked.current === key) return;
    asked.current = key;
    fetchHistoryRange(runId, branch, from, to);
  }, [runId, branch, asking, from, to, fetchHistoryRange]);
  const [viewFrom, viewTo] = view ?? [null, null];
  return useMemo(() => shownHistory(metrics, history, fetched, viewFrom === null ? null : [viewFrom, viewTo!]), [metrics, history, fetched, viewFrom, viewTo]);
}
