/**
 * Run in a child process by the memory suite (`tsx bench/lib/memory-probe.ts '<json>'`), so
 * that each configuration's peak RSS is its own: steps the model and prints one JSON line
 * { peakRssBytes, peakTensorBytes }. The tensor peak is TF.js's byte count sampled after
 * every kernel of the measured steps (tf.profile's peakBytes), not only between steps.
 */
import * as tf from '../../trainer/nn/tf.js';
import { audioToMotion } from '../../trainer/recipes/audio-to-motion/recipe.js';
import { benchBackend } from './backend.js';
import { benchHarness, type BenchModelOptions } from './audio-bench-model.js';

export interface ProbeRequest extends BenchModelOptions {
  dataDir: string;
  steps: number;
}

const request = JSON.parse(process.argv[2] ?? '{}') as ProbeRequest;
await benchBackend();
const data = await audioToMotion.loadData(request.dataDir);
const h = benchHarness(data, request);
h.run(1); // optimizer moments are created on the first step: part of the steady state
let peakTensorBytes = 0;
for (let i = 0; i < request.steps; i++) {
  const profile = await tf.profile(() => {
    h.run(1);
  });
  peakTensorBytes = Math.max(peakTensorBytes, profile.peakBytes);
}
// maxRSS is in kilobytes: the process's high-water mark, wasm heap included.
console.log(JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024, peakTensorBytes }));
h.dispose();
