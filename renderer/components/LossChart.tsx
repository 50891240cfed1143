/**
 * The run's charts: loss large, then every other logged metric in groups (likeness, validation,
 * codebook, smoothness, beat sync, GAN, optimizer, numerics, speed, memory, and any group a
 * recipe's own keys name), all sharing the loss chart's step axis: the window, zoom and markers
 * line up. A long run's older steps come thinned from the trainer; a closer view of them asks for
 * its range (use-history-detail.ts). Each series is smoothed and thinned for display only.
 */
import { useCallback, useMemo, useState } from 'react';
import { activeRunData, newestLoggedStep, pointsInRange } from '../store/selectors';
import { useApp } from '../store/store-context';
import { ChartData } from './chart/chart-data';
import { ChartGroups } from './chart/ChartGroups';
import { MarkerLegend } from './chart/ChartMarkers';
import { ChartToolbar } from './chart/ChartToolbar';
import { MetricChart } from './chart/MetricChart';
import { useShownHistory } from './chart/use-history-detail';
import { useLetterKey } from './use-letter-key';
import '../styles/charts.css';

export function LossChart() {
  const metrics = useApp((s) => activeRunData(s.trainer).metrics);
  const timeline = useApp((s) => activeRunData(s.trainer).timeline);
  const runId = useApp((s) => s.trainer.activeRunId);
  const logScale = useApp((s) => s.logScale);
  const smoothing = useApp((s) => s.smoothing);
  const chartWindow = useApp((s) => s.chartWindow);
  const zoom = useApp((s) => s.zoom);
  const foldedGroups = useApp((s) => s.foldedGroups);
  const zoomTo = useApp((s) => s.zoomTo);
  const resetZoom = useApp((s) => s.resetZoom);
  useLetterKey('l', useApp((s) => s.cycleChartWindow));

  // A closer view of a long run's older steps draws them from the trainer (use-history-detail.ts).
  const shown = useShownHistory(runId, metrics, timeline, { chartWindow, zoom });
  // One cache per mounted panel: it follows the store's appends batch by batch.
  const [data] = useState(() => new ChartData());
  const frame = useMemo(
    () => data.frame(shown, timeline, { logScale, smoothing, chartWindow, zoom, foldedGroups }, runId),
    [data, shown, timeline, logScale, smoothing, chartWindow, zoom, foldedGroups, runId],
  );
  const onZoom = useCallback((from: number, to: number) => runId !== null && zoomTo({ runId, from, to }), [runId, zoomTo]);
  const zoomed = zoom !== null && zoom.runId === runId ? ([zoom.from, zoom.to] as [number, number]) : null;
  const { range, primary, groups, marks } = frame;

  return (
    <section
      className="panel chart-panel"
      data-testid="loss-chart"
      data-points={metrics.length}
      data-marks={timeline.length}
      data-drawn-points={frame.drawnPoints}
      data-logged-step={newestLoggedStep(metrics)}
      data-range={range?.join(',') ?? ''}
      data-range-points={range === null ? 0 : pointsInRange(shown, range[0], range[1])}
    >
      <div className="panel-title chart-panel-title">
        <h2>Metrics</h2>
        <MarkerLegend timeline={marks} />
        <ChartToolbar zoomed={zoomed} />
      </div>
      {range === null ? (
        <div className="chart-area">
          <p className="chart-empty">{runId !== null ? 'No metrics yet. Start the run to see its loss here.' : 'Create or pick a run to see its loss here.'}</p>
        </div>
      ) : (
        <>
          {primary && <MetricChart chart={primary} range={range} marks={marks} primary smoothed={smoothing > 0} onZoom={onZoom} onResetZoom={resetZoom} />}
          <ChartGroups groups={groups} range={range} marks={marks} smoothed={smoothing > 0} onZoom={onZoom} onResetZoom={resetZoom} />
        </>
      )}
    </section>
  );
}
