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

/** "1 h 02 min", "3 min 20 s", "8.0 s": dataset and clip lengths. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
