/**
 * One chart of the run: its series (already smoothed and thinned), the shared step axis, the
 * timeline markers, gap marks for non-finite values, drag-to-zoom and a hover readout. Nothing
 * animates: a live chart that eases every batch never settles.
 */
import { createContext, memo, useContext, useMemo, useRef, useState } from 'react';
import { CartesianGrid, LineChart, ReferenceArea, ResponsiveContainer, usePlotArea, XAxis, YAxis } from 'recharts';
import type { TimelineMark } from '../../../trainer/protocol';
import type { ChartPoint } from '../../store/downsample';
import { formatMetric, formatStep } from '../format';
import { seriesColor } from '../series-colors';
import { ticksWithin, valueAxis } from './axis-ticks';
import { axisTick } from './AxisTick';
import type { DrawnChart, DrawnSeries } from './chart-data';
import { axisTitle } from './chart-specs';
import { isPhaseTotal } from './loss-phases';
import { seriesLabel, seriesTitle } from './series-labels';
import { markerLines } from './ChartMarkers';
import { GapMarks } from './GapMarks';
import { HoverReadout } from './HoverReadout';
import { SeriesPaths, type SeriesStyle } from './SeriesPaths';
import { PlotProbe, useDragZoom, type DragZoom, type PointerAt } from './use-drag-zoom';
import { StepTicks } from './StepTicks';
import { useHeldWhile, useOnScreen } from './use-on-screen';

export interface MetricChartProps {
  chart: DrawnChart;
  range: [number, number];
  marks: readonly TimelineMark[];
  /** The loss chart: its markers are the 'chart-marker's the rest of the window and tests refer to. */
  primary: boolean;
  smoothed: boolean;
  onZoom(from: number, to: number): void;
  onResetZoom(): void;
}

/**
 * Off screen, a chart keeps what it last drew: a batch then costs it nothing (each chart is a
 * recharts store that re-runs its selectors whenever the step window moves), and it catches up
 * as soon as any of it scrolls into view.
 */
export const MetricChart = memo(function MetricChart(props: MetricChartProps) {
  const figure = useRef<HTMLElement>(null);
  const shown = useHeldWhile(!useOnScreen(figure), props);
  const { chart, primary } = shown;
  return (
    <figure
      ref={figure}
      className={`metric-chart ${primary ? 'metric-chart-primary' : 'metric-chart-small'}`}
      data-testid={`chart-${chart.spec.id}`}
      data-group={chart.spec.group}
      data-drawn-points={chart.series.reduce((n, s) => n + s.points.length, 0)}
      data-last-step={lastStep(chart.series)}
      data-range={shown.range.join(',')}
    >
      <ChartBody {...shown} />
    </figure>
  );
});

const ChartBody = memo(function ChartBody({ chart, range, marks, primary, smoothed, onZoom, onResetZoom }: MetricChartProps) {
  const { spec } = chart;
  const [hover, setHover] = useState<PointerAt | null>(null);
  const zoom = useDragZoom(onZoom, onResetZoom, setHover);
  const drawn = useMemo(() => (chart.log ? chart.series.map(positiveOnly) : chart.series), [chart]);
  const styles = useMemo(() => drawn.map((s, i): SeriesStyle => styleOf(s.key, i, primary)), [drawn, primary]);
  const gaps = useMemo(() => chart.series.flatMap((s) => s.gaps), [chart]);
  return (
    <>
      <figcaption className="metric-chart-title">
        {/* Small charts sit under their group's h3 heading. */}
        {primary ? <h3>{spec.title}</h3> : <h4>{spec.title}</h4>}
        <ul className="legend">
          {chart.series.map((s, i) => (
            <li key={s.key} data-testid="chart-legend-entry" data-series={s.key} title={seriesTitle(s.key)}>
              <span className={`swatch${styles[i]!.dashed ? ' swatch-dashed' : ''}`} style={{ color: styles[i]!.color }} aria-hidden />
              {seriesLabel(s.key)}
            </li>
          ))}
        </ul>
        {gaps.length > 0 && (
          <span className="gap-legend" title="Steps whose value was NaN or infinite are not drawn: the line breaks there.">
            ▲ non-finite
          </span>
        )}
      </figcaption>
      <div className="metric-chart-frame">
        <span className="axis-title axis-title-y" data-testid="chart-axis-y" title={`${axisTitle(spec)}${chart.log ? ', log scale' : ''}`}>
          {axisTitle(spec)}
          {chart.log ? ', log' : ''}
        </span>
        <div className="metric-chart-plot" {...zoom.handlers}>
          <Plot drawn={drawn} styles={styles} log={chart.log} range={range} marks={marks} primary={primary} gaps={gaps} selection={zoom.selection} probe={zoom.probe} />
          {hover && <HoverReadout hover={hover} series={drawn} colors={styles.map((s) => s.color)} smoothed={smoothed && spec.smooth} />}
        </div>
        <span className="axis-title axis-title-x" data-testid="chart-axis-x">
          step
        </span>
      </div>
    </>
  );
});

interface PlotProps {
  drawn: readonly DrawnSeries[];
  styles: readonly SeriesStyle[];
  log: boolean;
  range: [number, number];
  marks: readonly TimelineMark[];
  primary: boolean;
  gaps: readonly number[];
  selection: [number, number] | null;
  probe: DragZoom['probe'];
}

const MARGIN = { top: 6, right: 12, bottom: 0, left: 0 };
const formatTick = (v: number) => formatMetric(v);
const valueTick = axisTick(formatTick);
const GRID = <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="2 4" />;

/**
 * The SVG itself; memoised so the hover readout moving over it never redraws it. The LineChart
 * element is made once: recharts' chart re-reports its options to its store on every render of
 * its own (and every subscriber then re-checks), so a batch reaches the axes and lines through
 * PlotContent, a context reader inside the chart, and the chart around them stays put.
 */
const Plot = memo(function Plot(props: PlotProps) {
  const chart = useMemo(
    () => (
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={MARGIN}>
          <PlotContent />
        </LineChart>
      </ResponsiveContainer>
    ),
    [],
  );
  return <PlotData.Provider value={props}>{chart}</PlotData.Provider>;
});

const PlotData = createContext<PlotProps | null>(null);

/**
 * Axis props keep their identity while their values hold (recharts recomputes an axis whenever a
 * prop object changes), so a batch that only extends the lines redraws the lines only. Ticks are
 * explicit (axis-ticks) and recharts is told to leave them be: interval 0, so it does not
 * measure tick text in the DOM to drop colliding labels, and niceTicks none, so it does not
 * work out "nice" ticks of its own on every domain change (decimal arithmetic; they may also
 * widen the domain). The scales then have exactly the domains given, as SeriesPaths expects.
 */
function PlotContent() {
  const { drawn, styles, log, range, marks, primary, gaps, selection, probe } = useContext(PlotData)!;
  const y = valueAxis(drawn, log, primary ? 5 : 3);
  const xDomain = useStable(range);
  const xTicks = useStable(ticksWithin(range[0], range[1], primary ? 8 : 3));
  const yDomain = useStable(y.domain);
  const yTicks = useStable(y.ticks);
  const markers = useMemo(() => markerLines(marks, primary ? 'chart-marker' : 'chart-marker-copy'), [marks, primary]);
  // The chart's right edge, for the last step label; it moves only when the chart is resized.
  const plot = usePlotArea();
  const right = plot ? plot.x + plot.width + MARGIN.right : undefined;
  // The same elements while an axis holds: React then skips it, and recharts' axis state with it.
  const xAxis = useMemo(
    () => <XAxis type="number" dataKey="step" domain={xDomain} allowDataOverflow ticks={xTicks} interval={0} niceTicks="none" tick={false} tickFormatter={formatStep} stroke="var(--text-muted)" fontSize={11} />,
    [xDomain, xTicks],
  );
  const yAxis = useMemo(
    () => (
      <YAxis
        type="number"
        scale={log ? 'log' : 'linear'}
        domain={yDomain}
        allowDataOverflow
        ticks={yTicks}
        interval={0}
        niceTicks="none"
        tick={valueTick}
        tickFormatter={formatTick}
        stroke="var(--text-muted)"
        fontSize={11}
        width={56}
      />
    ),
    [yDomain, yTicks, log],
  );
  return (
    <>
      {GRID}
      {xAxis}
      {yAxis}
      {right !== undefined && <StepTicks ticks={xTicks} right={right} />}
      <SeriesPaths series={drawn} styles={styles} xDomain={xDomain} yDomain={yDomain} />
      {markers}
      {gaps.length > 0 && <GapMarks steps={gaps} />}
      {selection && (
        <ReferenceArea x1={selection[0]} x2={selection[1]} ifOverflow="hidden" fill="var(--accent)" fillOpacity={0.12} stroke="var(--accent)" strokeOpacity={0.4} />
      )}
      <PlotProbe probe={probe} />
    </>
  );
}

/** The previous array while the values are the same, so props compared by identity stay put. */
function useStable<T extends readonly number[]>(value: T): T {
  const kept = useRef(value);
  if (kept.current.length !== value.length || kept.current.some((v, i) => v !== value[i])) kept.current = value;
  return kept.current;
}

/**
 * Totals thicker than their terms; measured references dashed: the validation loss on the loss
 * chart, and the ground truth wherever it is drawn beside the model's own.
 */
function styleOf(key: string, index: number, primary: boolean): SeriesStyle {
  const total = primary ? isPhaseTotal(key) : index === 0;
  return { color: seriesColor(index), width: total ? 1.75 : 1.25, dashed: (primary && key.startsWith('val/')) || key.includes('truth') };
}

/** A log axis has no place for zero or below; those points are left out instead of breaking the scale. */
function positiveOnly(series: DrawnSeries): DrawnSeries {
  return { ...series, points: series.points.map((p): ChartPoint => (p.y !== null && p.y <= 0 ? { step: p.step, y: null } : p)) };
}

function lastStep(series: readonly DrawnSeries[]): number {
  return series.reduce((n, s) => Math.max(n, s.points.at(-1)?.step ?? 0), 0);
}
