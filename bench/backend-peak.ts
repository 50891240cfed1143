/** Suite: the backend's matMul ceiling, the figure model FLOP utilisation is measured against. */
import { benchBackend, matMulPeakGflops } from './lib/backend.js';
import type { BenchResult } from './report.js';

export async function backendPeak(): Promise<BenchResult> {
  const backend = await benchBackend();
  return { name: 'backend peak (1024³ matMul)', backend, rows: [{ metric: 'matMul GFLOP/s', value: await matMulPeakGflops() }] };
}
