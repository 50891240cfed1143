/**
 * The chart's lines, drawn as one SVG path per series with the chart's own scales. Recharts'
 * <Line> re-runs its whole per-item state machinery (registration, domains, animation
 * matching, tooltip bookkeeping) on every batch, which cost ~10 ms per chart with a handful
 * of lines; a plain path from already-thinned points costs a fraction of that. Axes, grid,
 * markers and the zoom highlight stay recharts'.
 */
import { memo, useRef, type ReactElement } from 'react';
import { useXAxisDomain, useXAxisScale, useYAxisDomain, useYAxisScale } from 'recharts';
import type { ChartPoint } from '../../store/downsample';
import type { DrawnSeries } from './chart-data';

export interface SeriesStyle {
  color: string;
  width: number;
  dashed: boolean;
}

export interface SeriesPathsProps {
  series: readonly DrawnSeries[];
  styles: readonly SeriesStyle[];
  /** The domains just handed to the axes, to tell whether recharts' scales already follow them. */
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

type Scale = (value: number) => number | undefined;

interface Drawn {
  series: readonly DrawnSeries[];
  styles: readonly SeriesStyle[];
  x: Scale;
  y: Scale;
  lines: ReactElement;
}

/**
 * When a batch moves an axis, recharts renders its children twice: first with the scales it
 * already had (the new axis settings reach its store from an effect of that render), then with
 * the new ones. Lines computed in the first pass would be replaced at once, so while the axes
 * asked for domains the scales do not have yet, the lines drawn last stay as they are.
 */
export const SeriesPaths = memo(function SeriesPaths({ series, styles, xDomain, yDomain }: SeriesPathsProps) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const xNow = useXAxisDomain();
  const yNow = useYAxisDomain();
  const drawn = useRef<Drawn | null>(null);
  if (!x || !y) return null;
  const last = drawn.current;
  const axesBehind = !sameDomain(xNow, xDomain) || !sameDomain(yNow, yDomain);
  // Only the pass that still has the previous drawing's scales waits; any new scale draws.
  if (last && axesBehind && last.x === x && last.y === y) return last.lines;
  if (!last || last.series !== series || last.styles !== styles || last.x !== x || last.y !== y) {
    drawn.current = { series, styles, x, y, lines: <Lines series={series} styles={styles} x={x} y={y} /> };
  }
  return drawn.current!.lines;
});

function Lines({ series, styles, x, y }: { series: readonly DrawnSeries[]; styles: readonly SeriesStyle[]; x: Scale; y: Scale }) {
  return (
    <g className="chart-lines">
      {/* The first series (a total, or the model's own) is painted last, on top of the terms and references it is compared with. */}
      {series.map((s, i) => (
        // recharts-line-curve: the class the e2e specs (and any reader of the SVG) know a drawn line by.
        <path
          key={s.key}
          className="chart-line recharts-line-curve"
          data-key={s.key}
          d={pathOf(s.points, x, y)}
          fill="none"
          stroke={styles[i]!.color}
          strokeWidth={styles[i]!.width}
          strokeDasharray={styles[i]!.dashed ? '5 3' : undefined}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      )).reverse()}
    </g>
  );
}

/** The axes are given explicit numeric domains (and niceTicks="none"), which recharts keeps as they are. */
function sameDomain(domain: readonly unknown[] | undefined, expected: readonly [number, number]): boolean {
  return domain !== undefined && domain.length === 2 && domain[0] === expected[0] && domain[1] === expected[1];
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
