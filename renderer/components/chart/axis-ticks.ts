/**
 * Axis ranges and ticks for the charts, computed here from the drawn points (a few hundred per
 * series) rather than by recharts from the data: the lines are drawn by SeriesPaths, and round
 * tick values (1,000 not 1,001) read better than whatever the domain's ends happen to be.
 */
import type { ChartPoint } from '../../store/downsample';

export interface Axis {
  domain: [number, number];
  ticks: number[];
}

/** 1, 2 or 5 × 10^k: the tick spacing that gives about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** Round values inside [lo, hi] (the x axis keeps its exact range; ticks fall inside it). */
export function ticksWithin(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const step = niceStep(hi - lo, count);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(roundTo(t, step));
  return ticks;
}

/** A y axis that holds every drawn finite value, widened to round ticks. Log axes use powers of ten (or 1-2-5 within a decade). */
export function valueAxis(series: readonly { points: readonly ChartPoint[] }[], log: boolean, count: number): Axis {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const p of s.points) {
      if (p.y === null || (log && p.y <= 0)) continue;
      if (p.y < lo) lo = p.y;
      if (p.y > hi) hi = p.y;
    }
  }
  if (!Number.isFinite(lo)) return log ? { domain: [0.1, 10], ticks: [0.1, 1, 10] } : { domain: [0, 1], ticks: [0, 0.5, 1] };
  return log ? logAxis(lo, hi) : linearAxis(lo, hi, count);
}

function linearAxis(lo: number, hi: number, count: number): Axis {
  // A flat line still needs a band to sit in.
  if (hi === lo) [lo, hi] = lo === 0 ? [-1, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const step = niceStep(hi - lo, count);
  const from = roundTo(Math.floor(lo / step) * step, step);
  const to = roundTo(Math.ceil(hi / step) * step, step);
  return { domain: [from, to], ticks: ticksWithin(from, to, Math.round((to - from) / step)) };
}

function logAxis(lo: number, hi: number): Axis {
  const from = 10 ** Math.floor(Math.log10(lo));
  const to = 10 ** Math.ceil(Math.log10(hi === lo ? hi * 10 : hi));
  const decades = Math.round(Math.log10(to / from));
  const ticks: number[] = [];
  for (let d = 0; d <= decades; d++) {
    const base = from * 10 ** d;
    for (const m of decades <= 2 ? [1, 2, 5] : [1]) if (base * m <= to * (1 + 1e-9)) ticks.push(Number((base * m).toPrecision(6)));
  }
  return { domain: [from, to], ticks };
}

/** Strips float noise (0.30000000000000004) to the precision the step implies. */
function roundTo(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(20, digits)));
}
