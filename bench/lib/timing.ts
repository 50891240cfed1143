/** Medians of repeated timings after warm-up: what every speed figure in bench/ reports. */

/**
 * Consecutive training steps in one timed sample of a tiny-preset step. The suites time several
 * models (or a peak probe) round-robin; a single step timed right after another model ran
 * starts with caches full of that model's data, which costs ~15% of a tiny step and which
 * training, running one model's steps back to back, never pays. Divide the sample by this.
 */
export const STEPS_PER_SAMPLE = 4;

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds per call of `fn`: `warmup` untimed calls, then the median of `runs` timed ones. */
export function timeMs(fn: () => void, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Several candidates timed round-robin (A, B, C, A, B, C, …) so that load from other processes
 * on a shared machine falls on all of them alike; returns each one's median in ms.
 */
export function timeInterleaved(fns: readonly (() => void)[], runs: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fns.forEach((fn) => fn());
  const times: number[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) {
    fns.forEach((fn, i) => {
      const start = performance.now();
      fn();
      (times[i] as number[]).push(performance.now() - start);
    });
  }
  return times.map(median);
}
