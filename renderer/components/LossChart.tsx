import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { buildChartSeries, chartedKeys, type ChartSeries } from '../store/downsample';
import { activeRunData } from '../store/selectors';
import { useApp } from '../store/store-context';
import { markerLines, MarkerLegend } from './chart/ChartMarkers';
import { formatMetric, formatStep } from './format';
import { seriesColor } from './series-colors';

/** Live loss curves of the active run; every logged point is kept, a bounded number is drawn. */
export function LossChart() {
  const metrics = useApp((s) => activeRunData(s.trainer).metrics);
  const timeline = useApp((s) => activeRunData(s.trainer).timeline);
  const hasRun = useApp((s) => s.trainer.activeRunId !== null);
  const logScale = useApp((s) => s.logScale);
  const setLogScale = useApp((s) => s.setLogScale);
  const keys = useMemo(() => chartedKeys(metrics), [metrics]);
  const series = useMemo(() => buildChartSeries(metrics, keys), [metrics, keys]);
  const drawn = useMemo(() => (logScale ? series.map(positiveOnly) : series), [series, logScale]);

  return (
    <section className="panel chart-panel" data-testid="loss-chart" data-points={metrics.length} data-marks={timeline.length}>
      <div className="panel-title">
        <h2>Loss</h2>
        <ul className="legend">
          {keys.map((key, i) => (
            <li key={key}>
              <span className="swatch" style={{ background: seriesColor(i) }} aria-hidden />
              {key}
            </li>
          ))}
        </ul>
        <MarkerLegend timeline={timeline} />
        <label className="toggle">
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
          log
        </label>
      </div>
      <div className="chart-area">
        {metrics.length === 0 ? (
          <p className="chart-empty">{hasRun ? 'No metrics yet. Start the run to see its loss here.' : 'Create or pick a run to see its loss here.'}</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
              <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="2 4" />
              <XAxis
                dataKey="step"
                type="number"
                // 'auto' rounds the ends so ticks land on round step counts.
                domain={['auto', 'auto']}
                allowDuplicatedCategory={false}
                tickFormatter={formatStep}
                stroke="var(--text-muted)"
                fontSize={11}
              />
              <YAxis
                scale={logScale ? 'log' : 'linear'}
                domain={['auto', 'auto']}
                allowDataOverflow
                tickFormatter={(v: number) => formatMetric(v)}
                stroke="var(--text-muted)"
                fontSize={11}
                width={56}
              />
              <Tooltip
                contentStyle={{ background: 'var(--surface-2)', border: '1px solid var(--border)', fontSize: 12 }}
                labelFormatter={(step) => `step ${formatStep(Number(step))}`}
                formatter={(value) => formatMetric(typeof value === 'number' ? value : null)}
              />
              {drawn.map((s, i) => (
                <Line
                  key={s.key}
                  name={s.key}
                  data={s.points}
                  dataKey="y"
                  stroke={seriesColor(i)}
                  strokeWidth={s.key === 'loss' ? 2 : 1.25}
                  strokeDasharray={s.key.startsWith('val/') ? '5 3' : undefined}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
              {markerLines(timeline)}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </section>
  );
}

/** A log axis has no place for zero or below; those points become gaps instead of breaking the scale. */
function positiveOnly(series: ChartSeries): ChartSeries {
  return { ...series, points: series.points.map((p) => (p.y !== null && p.y <= 0 ? { ...p, y: null } : p)) };
}
