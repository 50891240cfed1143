/**
 * Suite: how the tiny preset's step time grows with batch size (8/16/32/64) and window length
 * (32/64/128 frames), for both phases. Each sweep's settings are timed round-robin so machine
 * load falls on all of them alike (STEPS_PER_SAMPLE steps of one setting in a row); the ratio per doubling is what the target bounds.
 */
import { benchBackend } from './lib/backend.js';
import { benchHarness, demoAudioData, type Phase } from './lib/audio-bench-model.js';
import { STEPS_PER_SAMPLE, timeInterleaved } from './lib/timing.js';
import type { AudioMotionDatasetLike } from '../trainer/recipes/audio-to-motion/windows.js';
import type { BenchResult, BenchRow } from './report.js';

const MAX_RATIO = 2.1;

export async function scaling(): Promise<BenchResult> {
  const backend = await benchBackend();
  const { data, remove } = await demoAudioData();
  const rows: BenchRow[] = [];
  try {
    for (const phase of ['tokenizer', 'generator'] as const) {
      const framesKey = phase === 'tokenizer' ? 'windowFrames' : 'generatorFrames';
      rows.push(...sweep(data, phase, 'batch', [8, 16, 32, 64], (b) => ({ batchSize: b })));
      rows.push(...sweep(data, phase, 'frames', [32, 64, 128], (f) => ({ batchSize: 16, [framesKey]: f })));
    }
  } finally {
    remove();
  }
  return { name: 'scaling (tiny preset, ms per optimizer step)', backend, rows };
}

function sweep(data: AudioMotionDatasetLike, phase: Phase, what: string, values: number[], overrides: (v: number) => Record<string, number>): BenchRow[] {
  const harnesses = values.map((v) => benchHarness(data, { preset: 'tiny', phase, overrides: overrides(v) }));
  const ms = timeInterleaved(harnesses.map((h) => () => h.run(STEPS_PER_SAMPLE)), 7, 2).map((sample) => sample / STEPS_PER_SAMPLE);
  harnesses.forEach((h) => h.dispose());
  const rows: BenchRow[] = values.map((v, i) => ({ metric: `${phase} ${what} ${v} ms/step`, value: ms[i] as number }));
  for (let i = 1; i < values.length; i++) {
    const ratio = (ms[i] as number) / (ms[i - 1] as number);
    rows.push({ metric: `${phase} ${what} ${values[i - 1]}→${values[i]} time ratio`, value: ratio, target: `≤ ${MAX_RATIO}`, met: ratio <= MAX_RATIO });
  }
  return rows;
}
