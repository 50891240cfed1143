/**
 * The backend the suites measure: the same choice the trainer makes (STAGECRAFT_BACKEND or
 * the fastest that starts), and its matMul ceiling measured once per bench run.
 */
import { parseRequestedBackend, selectBackend } from '../../trainer/engine/backend.js';
import * as tf from '../../trainer/nn/tf.js';
import { median } from './timing.js';

let chosen: Promise<string> | null = null;

export function benchBackend(): Promise<string> {
  chosen ??= selectBackend(parseRequestedBackend(process.env.STAGECRAFT_BACKEND)).then((c) => c.backend);
  return chosen;
}

let peak: number | null = null;

/** GFLOP/s of a 1024×1024×1024 matMul: median of 7 runs after 2 warm-ups, read back each time. */
export async function matMulPeakGflops(): Promise<number> {
  await benchBackend();
  if (peak !== null) return peak;
  const n = 1024;
  const a = tf.randomNormal([n, n], 0, 1, 'float32', 1);
  const b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    await c.data(); // native and GPU backends run asynchronously: time until the result exists
    const ms = performance.now() - start;
    c.dispose();
    if (i >= 2) times.push(ms);
  }
  tf.dispose([a, b]);
  peak = (2 * n ** 3) / (median(times) / 1000) / 1e9;
  return peak;
}

/**
 * A 1024³ matMul to time next to the work being measured (round-robin), so that the peak a
 * figure is divided by saw the same machine load: returns the call and the FLOPs it does.
 */
export function peakMatMulProbe(): { run: () => void; flops: number; dispose: () => void } {
  const n = 1024;
  const a = tf.randomNormal([n, n], 0, 1, 'float32', 1);
  const b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
  const run = () => {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  };
  return { run, flops: 2 * n ** 3, dispose: () => tf.dispose([a, b]) };
}
