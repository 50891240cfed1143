/** The view controls shared by every chart: window, smoothing, log scale and zoom; and the metrics' export. */
import { CHART_WINDOWS, MAX_SMOOTHING, windowLabel } from '../../store/chart-settings';
import { useApp } from '../../store/store-context';
import { Slider } from '../controls/Slider';
import { formatStep } from '../format';
import { MetricsExport } from './MetricsExport';

export function ChartToolbar({ zoomed }: { zoomed: [number, number] | null }) {
  const chartWindow = useApp((s) => s.chartWindow);
  const setChartWindow = useApp((s) => s.setChartWindow);
  const smoothing = useApp((s) => s.smoothing);
  const setSmoothing = useApp((s) => s.setSmoothing);
  const logScale = useApp((s) => s.logScale);
  const setLogScale = useApp((s) => s.setLogScale);
  const resetZoom = useApp((s) => s.resetZoom);
  return (
    <div className="chart-toolbar" role="toolbar" aria-label="Chart view">
      <span className="chart-window" title="Step window: press l to cycle">
        <span className="label">window</span>
        <span className="segmented" role="group" aria-label="Step window (l cycles it)">
        {CHART_WINDOWS.map((w) => (
          <button
            key={w}
            type="button"
            data-testid={`chart-window-${w}`}
            aria-pressed={!zoomed && chartWindow === w}
            className={!zoomed && chartWindow === w ? 'selected' : undefined}
            onClick={() => setChartWindow(w)}
          >
            {windowLabel(w)}
          </button>
        ))}
        </span>
      </span>
      <label className="chart-smoothing" data-testid="chart-smoothing" title="Exponential moving average of noisy curves; the logged values are unchanged.">
        <span className="label">smooth</span>
        <Slider label="Smoothing" value={smoothing} min={0} max={MAX_SMOOTHING} step={0.01} disabled={false} format={(v) => v.toFixed(2)} onCommit={setSmoothing} />
      </label>
      <label className="toggle">
        <input type="checkbox" data-testid="chart-log" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
        log
      </label>
      {zoomed ? (
        <button type="button" data-testid="chart-reset-zoom" onClick={resetZoom} title="Or double-click a chart">
          steps {formatStep(zoomed[0])}–{formatStep(zoomed[1])} · reset zoom
        </button>
      ) : (
        <span className="hint chart-hint">drag a chart to zoom</span>
      )}
      <MetricsExport />
    </div>
  );
}
