/**
 * Where the chart draws: its plot area inside the SVG and the scales from steps and values to
 * pixels (and back, for drag-zoom and the hover readout). Pure, so it is unit-tested; the
 * components draw with it directly instead of through a charting library's state.
 */

export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlotScales {
  plot: PlotArea;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** Step → pixel from the SVG's left. */
  x(step: number): number;
  /** Value → pixel from the SVG's top; NaN where the axis has no place for it (≤ 0 on a log axis). */
  y(value: number): number;
  /** Pixel from the SVG's left → step. */
  step(px: number): number;
}

/** Room for the value labels on the left and the step labels below; a little air above and right. */
export const MARGIN = { top: 6, right: 12, bottom: 30, left: 56 };

export function plotArea(width: number, height: number): PlotArea {
  return { x: MARGIN.left, y: MARGIN.top, width: Math.max(0, width - MARGIN.left - MARGIN.right), height: Math.max(0, height - MARGIN.top - MARGIN.bottom) };
}

export function plotScales(plot: PlotArea, xDomain: readonly [number, number], yDomain: readonly [number, number], log: boolean): PlotScales {
  const [x0, x1] = xDomain;
  const xSpan = x1 - x0 || 1;
  const toY = log ? (v: number) => (v > 0 ? Math.log10(v) : NaN) : (v: number) => v;
  const y0 = toY(yDomain[0]);
  const ySpan = toY(yDomain[1]) - y0 || 1;
  const bottom = plot.y + plot.height;
  return {
    plot,
    xDomain,
    yDomain,
    x: (step) => plot.x + ((step - x0) / xSpan) * plot.width,
    y: (value) => bottom - ((toY(value) - y0) / ySpan) * plot.height,
    step: (px) => x0 + ((px - plot.x) / (plot.width || 1)) * xSpan,
  };
}
