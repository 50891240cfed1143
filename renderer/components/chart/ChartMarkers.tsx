/**
 * Timeline marks as vertical lines on a chart. They come from the run's timeline, not from the
 * drawn points, so downsampling never hides one; hovering a line or its glyph names it.
 */
import { ReferenceLine } from 'recharts';
import type { TimelineMark } from '../../../trainer/protocol';
import { formatStep } from '../format';

type Kind = TimelineMark['kind'];

/** Each kind gets its own row of glyphs at the top, so a snapshot and the change it guards never hide each other. */
const GLYPH_ROW: Record<Kind, number> = { snapshot: 0, controls: 1, stage: 2, warning: 3 };
const GLYPH: Record<Kind, string> = {
  snapshot: 'M0 -4L4 0L0 4L-4 0Z',
  controls: 'M-4 -3H4L0 3Z',
  stage: 'M-1 -4H4V1H-1Z',
  warning: 'M0 -4L4 3H-4Z',
};

interface ShapeProps {
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}

function MarkerShape({ mark, testId, x1, y1, x2, y2 }: ShapeProps & { mark: TimelineMark; testId: string }) {
  if (![x1, y1, x2, y2].every((v) => typeof v === 'number' && Number.isFinite(v))) return <g />;
  const top = Math.min(y1!, y2!);
  const glyphY = top + 6 + GLYPH_ROW[mark.kind] * 10;
  return (
    <g data-testid={testId} data-kind={mark.kind} data-step={mark.step} data-label={mark.label} className={`chart-marker chart-marker-${mark.kind}`}>
      <title>{`${mark.label} · step ${formatStep(mark.step)}`}</title>
      <line className="chart-marker-line" x1={x1} y1={y1} x2={x2} y2={y2} />
      <line className="chart-marker-hit" x1={x1} y1={y1} x2={x2} y2={y2} />
      <path className="chart-marker-glyph" d={GLYPH[mark.kind]} transform={`translate(${x1} ${glyphY})`} />
    </g>
  );
}

/**
 * ReferenceLines for the chart's children (recharts reads them from the chart's own children
 * list). `testId` tells the loss chart's markers ('chart-marker') from the small charts' copies,
 * so one mark is one 'chart-marker' however many charts draw it.
 */
export function markerLines(timeline: readonly TimelineMark[], testId = 'chart-marker') {
  return timeline.map((mark, i) => (
    <ReferenceLine
      key={`${mark.kind}-${mark.step}-${i}`}
      x={mark.step}
      // The caller keeps marks inside the axis (it widens the range for a mark past the newest point).
      ifOverflow="hidden"
      shape={(props: ShapeProps) => <MarkerShape mark={mark} testId={testId} {...props} />}
    />
  ));
}

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
