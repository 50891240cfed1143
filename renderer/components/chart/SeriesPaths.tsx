/**
 * The chart's lines, drawn as one SVG path per series with the chart's own scales. Recharts'
 * <Line> re-runs its whole per-item state machinery (registration, domains, animation
 * matching, tooltip bookkeeping) on every batch, which cost ~10 ms per chart with a handful
 * of lines; a plain path from already-thinned points costs a fraction of that. Axes, grid,
 * markers and the zoom highlight stay recharts'.
 */
import { useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartPoint } from '../../store/downsample';
import type { DrawnSeries } from './chart-data';

export interface SeriesStyle {
  color: string;
  width: number;
  dashed: boolean;
}

export function SeriesPaths({ series, styles }: { series: readonly DrawnSeries[]; styles: readonly SeriesStyle[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="chart-lines">
      {series.map((s, i) => (
        // recharts-line-curve: the class the e2e specs (and any reader of the SVG) know a drawn line by.
        <path
          key={s.key}
          className="chart-line recharts-line-curve"
          data-key={s.key}
          d={pathOf(s.points, (v) => x(v), (v) => y(v))}
          fill="none"
          stroke={styles[i]!.color}
          strokeWidth={styles[i]!.width}
          strokeDasharray={styles[i]!.dashed ? '5 3' : undefined}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      ))}
    </g>
  );
}

/** "M x,y L x,y …", lifting the pen at every gap; a lone point between gaps becomes a dot. */
export function pathOf(points: readonly ChartPoint[], x: (step: number) => number | undefined, y: (value: number) => number | undefined): string {
  const parts: string[] = [];
  let run = 0;
  for (const p of points) {
    const px = p.y === null ? undefined : x(p.step);
    const py = p.y === null ? undefined : y(p.y);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) {
      if (run === 1) parts.push('h0');
      run = 0;
      continue;
    }
    parts.push(`${run === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`);
    run++;
  }
  if (run === 1) parts.push('h0');
  return parts.join('');
}
