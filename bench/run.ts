/**
 * `npm run bench [suite…]`: runs the benchmark suites (all by default), prints one table per
 * suite and writes every figure as JSON under bench-output/ (not committed). Speed, memory
 * and quality targets live here, never in unit tests.
 */
import { audioToMotionQuality } from './audio-to-motion-quality.js';
import { chartBench } from './chart-bench.js';
import { backendPeak } from './backend-peak.js';
import { controlsOverhead } from './controls-overhead.js';
import { evaluationStall } from './evaluation-stall.js';
import { growthVsFull } from './growth-vs-full.js';
import { memory } from './memory.js';
import { pipeline } from './pipeline.js';
import { scaling } from './scaling.js';
import { snapshotBench } from './snapshot-bench.js';
import { startup } from './startup.js';
import { trainingSteps } from './training-steps.js';
import { printResult, saveResults, type BenchResult } from './report.js';

// Fast suites first; the long quality and growth runs last.
const SUITES: Record<string, () => Promise<BenchResult>> = {
  charts: chartBench,
  'backend-peak': backendPeak,
  steps: trainingSteps,
  scaling,
  controls: controlsOverhead,
  memory,
  startup,
  pipeline,
  'evaluation-stall': evaluationStall,
  snapshots: snapshotBench,
  'audio-to-motion-quality': audioToMotionQuality,
  growth: growthVsFull,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`Unknown suite ${unknown.join(', ')}; suites: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}
const results: BenchResult[] = [];
for (const name of wanted.length > 0 ? wanted : Object.keys(SUITES)) {
  console.log(`running ${name}…`);
  const result = await (SUITES[name] as () => Promise<BenchResult>)();
  printResult(result);
  results.push(result);
}
console.log(`\nwrote ${saveResults(results)}`);
