/**
 * How the charts are looked at: log scale, smoothing, the step window, a zoomed range and which
 * chart groups are folded away.
 * Display only: none of it changes the logged data or reaches the trainer. All charts share
 * it, so their step axes line up and a marker sits at the same x on every chart.
 */

/** 'all', or the last N steps. `l` cycles through them in this order. */
export type ChartWindow = 'all' | 5000 | 10000 | 50000;
export const CHART_WINDOWS: readonly ChartWindow[] = ['all', 5000, 10000, 50000];

/** A step range picked by dragging on a chart; it belongs to one run. */
export interface ChartZoom {
  runId: string;
  from: number;
  to: number;
}

export interface ChartSettings {
  logScale: boolean;
  /** EMA weight for noisy curves, 0 (raw) to MAX_SMOOTHING. */
  smoothing: number;
  chartWindow: ChartWindow;
  zoom: ChartZoom | null;
  /** Chart groups (metric-groups ids) a person folded away; kept across runs, as a view choice. */
  foldedGroups: readonly string[];
}

export interface ChartSettingsSlice extends ChartSettings {
  setLogScale(on: boolean): void;
  setSmoothing(weight: number): void;
  setChartWindow(window: ChartWindow): void;
  /** all → 5k → 10k → 50k → all; a zoom gives way to the new window. */
  cycleChartWindow(): void;
  zoomTo(zoom: ChartZoom): void;
  resetZoom(): void;
  /** Folds a chart group away, or opens it again. */
  toggleGroup(group: string): void;
}

export const MAX_SMOOTHING = 0.99;

/**
 * TensorBoard's default EMA weight: per-step losses are noisy enough that raw lines hide the
 * trend, and 0.6 still follows a real change within a few dozen steps. Evaluations are never smoothed.
 */
export const DEFAULT_SMOOTHING = 0.6;

export const initialChartSettings: ChartSettings = { logScale: false, smoothing: DEFAULT_SMOOTHING, chartWindow: 'all', zoom: null, foldedGroups: [] };

type Set = (partial: Partial<ChartSettings> | ((state: ChartSettings) => Partial<ChartSettings>)) => void;

export function chartSettingsSlice(set: Set): ChartSettingsSlice {
  return {
    ...initialChartSettings,
    setLogScale: (logScale) => set({ logScale }),
    setSmoothing: (weight) => set({ smoothing: clampSmoothing(weight) }),
    setChartWindow: (chartWindow) => set({ chartWindow, zoom: null }),
    cycleChartWindow: () => set((s) => ({ chartWindow: nextWindow(s.chartWindow), zoom: null })),
    zoomTo: (zoom) => set({ zoom: zoom.from < zoom.to ? zoom : { ...zoom, from: zoom.to, to: zoom.from } }),
    resetZoom: () => set({ zoom: null }),
    toggleGroup: (group) => set((s) => ({ foldedGroups: s.foldedGroups.includes(group) ? s.foldedGroups.filter((g) => g !== group) : [...s.foldedGroups, group] })),
  };
}

export function nextWindow(window: ChartWindow): ChartWindow {
  return CHART_WINDOWS[(CHART_WINDOWS.indexOf(window) + 1) % CHART_WINDOWS.length]!;
}

export function clampSmoothing(weight: number): number {
  return Number.isFinite(weight) ? Math.min(MAX_SMOOTHING, Math.max(0, weight)) : 0;
}

/**
 * The step range every chart shows: the zoom when it is for this run, else the window's last
 * N steps up to the newest logged step or timeline mark (a mark just past the newest point must
 * show). The right end is rounded up to a twentieth of the span, so the axis holds still for
 * many batches instead of creeping one step at a time, and the newest point stays within the
 * last 5% of the width. Null before anything was logged or marked.
 */
export function visibleRange(settings: Pick<ChartSettings, 'zoom' | 'chartWindow'>, runId: string | null, first: number | null, last: number | null): [number, number] | null {
  if (first === null || last === null) return null;
  const { zoom, chartWindow } = settings;
  if (zoom && zoom.runId === runId) return [zoom.from, zoom.to];
  // A run shorter than the window is shown whole, rounded to its own length, not the window's.
  const span = chartWindow === 'all' ? last - first : Math.min(chartWindow, last - first);
  const end = roundUp(Math.max(last, first + 1), axisStep(span));
  return [chartWindow === 'all' ? first : Math.max(first, end - chartWindow), end];
}

/**
 * The steps a chart shows of a run whose log spans loggedFirst..loggedLast, with the run's
 * markers (`timeline`, in step order) widening it: the charts draw it (chart-data.ts) and the
 * window asks for the history it needs (use-history-detail.ts) from this one rule.
 */
export function chartView(settings: Pick<ChartSettings, 'zoom' | 'chartWindow'>, runId: string | null, loggedFirst: number | null, loggedLast: number | null, timeline: readonly { step: number }[]): [number, number] | null {
  const first = Math.min(loggedFirst ?? Infinity, timeline[0]?.step ?? Infinity);
  const last = Math.max(loggedLast ?? -Infinity, timeline.at(-1)?.step ?? -Infinity);
  return Number.isFinite(first) && Number.isFinite(last) ? visibleRange(settings, runId, first, last) : null;
}

/** The largest 1, 2 or 5 × 10^k steps within a twentieth of the span, at least one step. */
function axisStep(span: number): number {
  const raw = Math.max(1, span / 20);
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return Math.max(1, (scaled < 2 ? 1 : scaled < 5 ? 2 : 5) * power);
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

export function windowLabel(window: ChartWindow): string {
  return window === 'all' ? 'all' : `${window / 1000}k`;
}
