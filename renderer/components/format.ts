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

/** "tensors 120 MB · 412 MB": tensor memory is what a leak grows; the process total is what the OS sees. */
export function formatMemory(tensorMB: number | null, rssMB: number | null): string {
  const mb = (v: number) => `${integer.format(v)} MB`;
  if (tensorMB === null && rssMB === null) return '— MB';
  if (tensorMB === null) return mb(rssMB!);
  if (rssMB === null) return `tensors ${mb(tensorMB)}`;
  return `tensors ${mb(tensorMB)} · ${mb(rssMB)}`;
}
