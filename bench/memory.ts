/**
 * Suite: peak process RSS and peak tensor bytes of training steps, each configuration in its
 * own child process (so one's high-water mark is not another's), for the tiny and base presets
 * in both phases; and base at an effective batch of 64 through 4× gradient accumulation
 * against base at batch 16 alone, which should peak within 10% of each other.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBackend } from './lib/backend.js';
import { writeDemoAudio, type BenchModelOptions } from './lib/audio-bench-model.js';
import type { ProbeRequest } from './lib/memory-probe.js';
import type { BenchResult, BenchRow } from './report.js';

const MB = 1024 * 1024;
const MAX_ACCUMULATION_GROWTH = 0.1;

export async function memory(): Promise<BenchResult> {
  const backend = await benchBackend();
  const { dir, remove } = writeDemoAudio();
  const rows: BenchRow[] = [];
  try {
    const probe = (label: string, options: BenchModelOptions) => {
      const result = runProbe({ ...options, dataDir: dir, steps: 2 });
      rows.push({ metric: `${label} peak RSS MB`, value: result.peakRssBytes / MB }, { metric: `${label} peak tensor MB`, value: result.peakTensorBytes / MB });
      return result;
    };
    for (const preset of ['tiny', 'base'] as const) {
      for (const phase of ['tokenizer', 'generator'] as const) probe(`${preset} ${phase}`, { preset, phase });
    }
    for (const phase of ['tokenizer', 'generator'] as const) {
      const alone = probe(`base ${phase} batch 16`, { preset: 'base', phase, overrides: { batchSize: 16 } });
      const accumulated = probe(`base ${phase} batch 64 = 4 × 16 accumulated`, { preset: 'base', phase, overrides: { batchSize: 64 }, controls: { accumulation: 4 } });
      const growth = accumulated.peakTensorBytes / alone.peakTensorBytes - 1;
      rows.push({ metric: `base ${phase} accumulated vs batch 16 tensor peak growth %`, value: 100 * growth, target: `≤ ${100 * MAX_ACCUMULATION_GROWTH}`, met: growth <= MAX_ACCUMULATION_GROWTH });
    }
  } finally {
    remove();
  }
  return { name: 'memory (peak RSS and peak tensor bytes per configuration)', backend, rows };
}

function runProbe(request: ProbeRequest): { peakRssBytes: number; peakTensorBytes: number } {
  const script = join(fileURLToPath(new URL('.', import.meta.url)), 'lib', 'memory-probe.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, JSON.stringify(request)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000 });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as { peakRssBytes: number; peakTensorBytes: number };
}
