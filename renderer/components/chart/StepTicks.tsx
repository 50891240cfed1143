/**
 * The step axis' tick marks and labels, placed with the chart's own x scale. Recharts keys its
 * tick elements by pixel position, so when the step window moves every tick of every chart is
 * unmounted and mounted again and re-reported to the chart's store (~1 ms a chart a batch);
 * keyed by step here, a moving tick only changes its x.
 */
import { memo } from 'react';
import { usePlotArea, useXAxisScale } from 'recharts';
import { formatStep } from '../format';
import { placeLabel } from './AxisTick';

const TICK_SIZE = 6;
const FONT_SIZE = 11;

export const StepTicks = memo(function StepTicks({ ticks, right }: { ticks: readonly number[]; right: number }) {
  const x = useXAxisScale();
  const plot = usePlotArea();
  if (!x || !plot) return null;
  const bottom = plot.y + plot.height;
  return (
    <g className="recharts-cartesian-axis-ticks recharts-xAxis-tick-labels">
      {ticks.map((step) => {
        const at = x(step);
        if (at === undefined || !Number.isFinite(at)) return null;
        const label = formatStep(step);
        const place = placeLabel(label, at, right, FONT_SIZE);
        return (
          <g key={step} className="recharts-cartesian-axis-tick">
            <line x1={at} x2={at} y1={bottom} y2={bottom + TICK_SIZE} stroke="var(--text-muted)" />
            <text
              x={place.x}
              y={bottom + TICK_SIZE + 2}
              dy="0.71em"
              textAnchor={place.textAnchor}
              fill="var(--text-muted)"
              fontSize={FONT_SIZE}
              className="recharts-cartesian-axis-tick-value"
            >
              {label}
            </text>
          </g>
        );
      })}
    </g>
  );
});
