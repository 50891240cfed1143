/**
 * The grid and the two axes of a chart, from ticks computed in axis-ticks. Memoised: a batch that
 * leaves the scales alone (a window that has not moved a tick, the same size) skips them.
 */
import { memo } from 'react';
import { formatMetric, formatStep } from '../format';
import type { PlotScales } from './plot-scales';

const TICK = 6;
const LABEL_GAP = 2;

export const ChartAxes = memo(function ChartAxes({ scales, xTicks, yTicks }: { scales: PlotScales; xTicks: readonly number[]; yTicks: readonly number[] }) {
  const { plot, x, y } = scales;
  const right = plot.x + plot.width;
  const bottom = plot.y + plot.height;
  const ys = yTicks.map((value) => ({ value, at: y(value) })).filter((t) => Number.isFinite(t.at));
  const xs = xTicks.map((step) => ({ step, at: x(step) }));
  return (
    <>
      {/* chart-plot-area: the plot's box, which drag-zoom and the e2e specs measure. */}
      <g className="chart-grid" stroke="var(--chart-grid)" strokeDasharray="2 4">
        <rect className="chart-plot-area" x={plot.x} y={plot.y} width={plot.width} height={plot.height} fill="none" stroke="none" />
        {ys.map((t) => <line key={t.value} x1={plot.x} x2={right} y1={t.at} y2={t.at} />)}
        {xs.map((t) => <line key={t.step} x1={t.at} x2={t.at} y1={plot.y} y2={bottom} />)}
      </g>
      <g className="chart-axis chart-axis-x" stroke="var(--text-muted)" fill="var(--text-muted)" fontSize={11}>
        <line x1={plot.x} x2={right} y1={bottom} y2={bottom} />
        {xs.map((t) => (
          <g key={t.step}>
            <line x1={t.at} x2={t.at} y1={bottom} y2={bottom + TICK} />
            <text x={t.at} y={bottom + TICK + LABEL_GAP} dy="0.71em" textAnchor="middle" stroke="none">
              {formatStep(t.step)}
            </text>
          </g>
        ))}
      </g>
      <g className="chart-axis chart-axis-y" stroke="var(--text-muted)" fill="var(--text-muted)" fontSize={11}>
        <line x1={plot.x} x2={plot.x} y1={plot.y} y2={bottom} />
        {ys.map((t) => (
          <g key={t.value}>
            <line x1={plot.x - TICK} x2={plot.x} y1={t.at} y2={t.at} />
            <text x={plot.x - TICK - LABEL_GAP} y={t.at} dy="0.355em" textAnchor="end" stroke="none">
              {formatMetric(t.value)}
            </text>
          </g>
        ))}
      </g>
    </>
  );
});
