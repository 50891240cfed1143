/**
 * Where a metric was non-finite (NaN/Inf, logged as null) the line breaks; a small red mark on
 * the step axis says why, so a gap reads as "this step diverged", not as missing data.
 * Rendered inside the chart, placed with the chart's own x scale.
 */
import { usePlotArea, useXAxisScale } from 'recharts';
import { formatStep } from '../format';

/** Marks closer than this many pixels would overlap: one stands for them all. */
const MIN_SPACING_PX = 3;

export function GapMarks({ steps }: { steps: readonly number[] }) {
  const scale = useXAxisScale();
  const plot = usePlotArea();
  if (!scale || !plot || steps.length === 0) return null;
  const bottom = plot.y + plot.height;
  const marks: { step: number; x: number }[] = [];
  for (const step of [...steps].sort((a, b) => a - b)) {
    const x = scale(step);
    if (x === undefined || !Number.isFinite(x) || x < plot.x - 1 || x > plot.x + plot.width + 1) continue;
    if (marks.length > 0 && x - marks.at(-1)!.x < MIN_SPACING_PX) continue;
    marks.push({ step, x });
  }
  return (
    <g className="chart-gaps">
      {marks.map(({ step, x }) => (
        <g key={step} data-testid="chart-gap" data-step={step} className="chart-gap">
          <title>{`non-finite value at step ${formatStep(step)}: not drawn`}</title>
          <line className="chart-gap-line" x1={x} x2={x} y1={plot.y} y2={bottom} />
          <path className="chart-gap-glyph" d={`M${x - 4} ${bottom}L${x + 4} ${bottom}L${x} ${bottom - 7}Z`} />
        </g>
      ))}
    </g>
  );
}
