/**
 * Timeline marks as vertical lines on a chart. They come from the run's timeline, not from the
 * drawn points, so downsampling never hides one; hovering a line or its glyph names it.
 */
import { memo } from 'react';
import type { TimelineMark } from '../../../trainer/protocol';
import { formatStep } from '../format';
import type { PlotScales } from './plot-scales';

type Kind = TimelineMark['kind'];

/** Each kind gets its own row of glyphs at the top, so a snapshot and the change it guards never hide each other. */
const GLYPH_ROW: Record<Kind, number> = { snapshot: 0, controls: 1, stage: 2, warning: 3 };
const GLYPH: Record<Kind, string> = {
  snapshot: 'M0 -4L4 0L0 4L-4 0Z',
  controls: 'M-4 -3H4L0 3Z',
  stage: 'M-1 -4H4V1H-1Z',
  warning: 'M0 -4L4 3H-4Z',
};

function MarkerShape({ mark, testId, x, top, bottom }: { mark: TimelineMark; testId: string; x: number; top: number; bottom: number }) {
  const glyphY = top + 6 + GLYPH_ROW[mark.kind] * 10;
  return (
    <g data-testid={testId} data-kind={mark.kind} data-step={mark.step} data-label={mark.label} className={`chart-marker chart-marker-${mark.kind}`}>
      <title>{`${mark.label} · step ${formatStep(mark.step)}`}</title>
      <line className="chart-marker-line" x1={x} y1={top} x2={x} y2={bottom} />
      <line className="chart-marker-hit" x1={x} y1={top} x2={x} y2={bottom} />
      <path className="chart-marker-glyph" d={GLYPH[mark.kind]} transform={`translate(${x} ${glyphY})`} />
    </g>
  );
}

/**
 * The marks inside the chart's step range as vertical lines. `testId` tells the loss chart's
 * markers ('chart-marker') from the small charts' copies, so one mark is one 'chart-marker'
 * however many charts draw it. Memoised: a batch that moves neither marks nor scales skips them.
 */
export const ChartMarkers = memo(function ChartMarkers({ marks, testId, scales }: { marks: readonly TimelineMark[]; testId: string; scales: PlotScales }) {
  const { plot, xDomain } = scales;
  // The caller keeps marks inside the axis (it widens the range for a mark past the newest point); any outside are not drawn.
  const inside = marks.filter((m) => m.step >= xDomain[0] && m.step <= xDomain[1]);
  return (
    <g className="chart-markers">
      {inside.map((mark, i) => (
        <MarkerShape key={`${mark.kind}-${mark.step}-${i}`} mark={mark} testId={testId} x={scales.x(mark.step)} top={plot.y} bottom={plot.y + plot.height} />
      ))}
    </g>
  );
});

/** Names the marker kinds present, in the chart's title row. */
export function MarkerLegend({ timeline }: { timeline: readonly TimelineMark[] }) {
  const kinds = (Object.keys(GLYPH_ROW) as Kind[]).filter((k) => timeline.some((m) => m.kind === k));
  if (kinds.length === 0) return null;
  return (
    <ul className="legend marker-legend" aria-label="Chart markers">
      {kinds.map((kind) => (
        <li key={kind} className={`chart-marker-${kind}`}>
          <svg width="10" height="10" viewBox="-5 -5 10 10" aria-hidden>
            <path className="chart-marker-glyph" d={GLYPH[kind]} />
          </svg>
          {kind}
        </li>
      ))}
    </ul>
  );
}
