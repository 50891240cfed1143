/**
 * The chart's lines, drawn as one SVG path per series (never an element per point) from the
 * already-thinned points with the chart's own scales.
 */
import type { ChartPoint } from '../../store/downsample';
import type { DrawnSeries } from './chart-data';
import type { PlotScales } from './plot-scales';

export interface SeriesStyle {
  color: string;
  width: number;
  dashed: boolean;
}

export function SeriesPaths({ series, styles, scales }: { series: readonly DrawnSeries[]; styles: readonly SeriesStyle[]; scales: PlotScales }) {
  const { x, y } = scales;
  return (
    <g className="chart-lines">
      {series.map((s, i) => (
        // recharts-line-curve: the class the e2e specs knew a drawn line by when recharts drew it; kept so they still do.
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
