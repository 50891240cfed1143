/** Number formats shared by every readout, so the same quantity always looks the same. */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatStep(step: number): string {
  return integer.format(step);
}

export function formatRate(stepsPerSec: number | null): string {
  return stepsPerSec === null ? '—' : stepsPerSec.toFixed(stepsPerSec < 10 ? 1 : 0);
}

/** Losses span decades: three significant digits, scientific once they get small. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null) return 'non-finite';
  if (value === undefined) return '—';
  return Math.abs(value) < 1e-3 && value !== 0 ? value.toExponential(2) : value.toPrecision(3);
}
