/**
 * One chart of the run: its series (already smoothed and thinned), the shared step axis, the
 * timeline markers, gap marks for non-finite values, and drag-to-zoom. Nothing animates: a
 * live chart that eases every batch never settles.
 */
import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimelineMark } from '../../../trainer/protocol';
import type { ChartPoint } from '../../store/downsample';
import { formatMetric, formatStep } from '../format';
import { seriesColor } from '../series-colors';
import type { DrawnChart, DrawnSeries } from './chart-data';
import { seriesLabel } from './chart-specs';
import { markerLines } from './ChartMarkers';
import { GapMarks } from './GapMarks';
import { PlotProbe, useDragZoom } from './use-drag-zoom';

export interface MetricChartProps {
  chart: DrawnChart;
  range: [number, number];
  marks: readonly TimelineMark[];
  /** The loss chart: its markers are the 'chart-marker's the rest of the window and tests refer to. */
  primary: boolean;
  onZoom(from: number, to: number): void;
  onResetZoom(): void;
}

export const MetricChart = memo(function MetricChart({ chart, range, marks, primary, onZoom, onResetZoom }: MetricChartProps) {
  const { spec } = chart;
  const drawn = chart.log ? chart.series.map(positiveOnly) : chart.series;
  const gaps = chart.series.flatMap((s) => s.gaps);
  const zoom = useDragZoom(onZoom, onResetZoom);
  const drawnPoints = drawn.reduce((n, s) => n + s.points.length, 0);
  return (
    <figure
      className={`metric-chart ${primary ? 'metric-chart-primary' : 'metric-chart-small'}`}
      data-testid={`chart-${spec.id}`}
      data-drawn-points={drawnPoints}
      data-last-step={lastStep(chart.series)}
    >
      <figcaption className="metric-chart-title">
        {!primary && <h3>{spec.title}</h3>}
        <ul className="legend">
          {chart.series.map((s, i) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: seriesColor(i) }} aria-hidden />
              {seriesLabel(s.key)}
              {spec.unit && !primary && i === chart.series.length - 1 ? <span className="muted"> {spec.unit}</span> : null}
            </li>
          ))}
        </ul>
        {gaps.length > 0 && (
          <span className="gap-legend" title="Steps whose value was NaN or infinite are not drawn: the line breaks there.">
            ▲ non-finite
          </span>
        )}
      </figcaption>
      <div className="metric-chart-plot" {...zoom.handlers}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="2 4" />
            <XAxis
              dataKey="step"
              type="number"
              domain={range}
              allowDataOverflow
              allowDuplicatedCategory={false}
              tickFormatter={formatStep}
              stroke="var(--text-muted)"
              fontSize={11}
              tickCount={primary ? 8 : 4}
            />
            <YAxis
              scale={chart.log ? 'log' : 'linear'}
              domain={chart.log ? logDomain(drawn) : ['auto', 'auto']}
              allowDataOverflow={chart.log}
              tickFormatter={(v: number) => formatMetric(v)}
              stroke="var(--text-muted)"
              fontSize={11}
              width={56}
              tickCount={primary ? 6 : 4}
            />
            <Tooltip
              isAnimationActive={false}
              contentStyle={{ background: 'var(--surface-2)', border: '1px solid var(--border)', fontSize: 12 }}
              labelFormatter={(step) => `step ${formatStep(Number(step))}`}
              formatter={(value, name) => [formatMetric(typeof value === 'number' ? value : null), seriesLabel(String(name))]}
            />
            {drawn.map((s, i) => (
              <Line
                key={s.key}
                name={s.key}
                data={s.points}
                dataKey="y"
                stroke={seriesColor(i)}
                strokeWidth={i === 0 ? 1.75 : 1.25}
                strokeDasharray={s.key.startsWith('val/') && primary ? '5 3' : undefined}
                dot={false}
                activeDot={{ r: 2.5 }}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
            {markerLines(marks, primary ? 'chart-marker' : 'chart-marker-copy')}
            <GapMarks steps={gaps} />
            {zoom.selection && (
              <ReferenceArea x1={zoom.selection[0]} x2={zoom.selection[1]} ifOverflow="hidden" fill="var(--accent)" fillOpacity={0.12} stroke="var(--accent)" strokeOpacity={0.4} />
            )}
            <PlotProbe probe={zoom.probe} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});

/** A log axis has no place for zero or below; those points are left out instead of breaking the scale. */
function positiveOnly(series: DrawnSeries): DrawnSeries {
  return { ...series, points: series.points.map((p): ChartPoint => (p.y !== null && p.y <= 0 ? { step: p.step, y: null } : p)) };
}

/** The positive span of what is drawn, with a little air; recharts' own 'auto' can start a log axis at 0. */
function logDomain(series: readonly DrawnSeries[]): [number, number] | ['auto', 'auto'] {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) for (const p of s.points) if (p.y !== null && p.y > 0) [min, max] = [Math.min(min, p.y), Math.max(max, p.y)];
  if (!Number.isFinite(min)) return ['auto', 'auto'];
  return [min / 1.25, max * 1.25];
}

function lastStep(series: readonly DrawnSeries[]): number {
  return series.reduce((n, s) => Math.max(n, s.points.at(-1)?.step ?? 0), 0);
}
