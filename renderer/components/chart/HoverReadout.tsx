/**
 * What the pointer is over: a cursor line and the value of each series there, read from the
 * drawn (thinned, possibly smoothed) points. An HTML overlay, so moving the pointer re-renders
 * this box only, never the chart under it.
 */
import type { ChartPoint } from '../../store/downsample';
import { formatMetric, formatStep } from '../format';
import type { DrawnSeries } from './chart-data';
import { seriesLabel } from './series-labels';
import type { PointerAt } from './use-drag-zoom';

export function HoverReadout({ hover, series, colors, smoothed }: { hover: PointerAt; series: readonly DrawnSeries[]; colors: readonly string[]; smoothed: boolean }) {
  const rows = series.map((s, i) => ({ key: s.key, color: colors[i]!, point: nearest(s.points, hover.step) })).filter((r) => r.point !== null);
  if (rows.length === 0) return null;
  return (
    <div className={`chart-hover${hover.rightHalf ? ' chart-hover-left' : ''}`} style={{ left: hover.px }} aria-hidden>
      <div className="chart-hover-line" />
      <div className="chart-hover-box">
        <div className="chart-hover-step num">step {formatStep(rows[0]!.point!.step)}</div>
        {rows.map((r) => (
          <div key={r.key} className="chart-hover-row">
            <span className="swatch" style={{ background: r.color }} />
            <span>{seriesLabel(r.key)}</span>
            <span className="num">{formatMetric(r.point!.y)}</span>
          </div>
        ))}
        {smoothed && <div className="muted chart-hover-note">smoothed</div>}
      </div>
    </div>
  );
}

/** The drawn point closest to `step` (binary search: the points are in step order). */
export function nearest(points: readonly ChartPoint[], step: number): ChartPoint | null {
  if (points.length === 0) return null;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.step < step) lo = mid + 1;
    else hi = mid;
  }
  const after = points[lo]!;
  const before = points[lo - 1];
  return before && step - before.step < after.step - step ? before : after;
}
