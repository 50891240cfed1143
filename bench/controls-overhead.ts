/**
 * Suite: what each stage control costs per optimizer step of the tiny preset, against the same
 * step with every control off, timed round-robin (STEPS_PER_SAMPLE steps of one model in a
 * row, as training runs them). Random warp and GAN act in the tokenizer
 * phase (warped tokenizer inputs; the discriminator judges the decoder), so they are measured
 * there; LRD and the emulated precisions in both phases. GAN has no target: its
 * discriminator step is real work, reported as is.
 */
import { benchBackend } from './lib/backend.js';
import { benchHarness, demoAudioData, type Phase } from './lib/audio-bench-model.js';
import { STEPS_PER_SAMPLE, timeInterleaved } from './lib/timing.js';
import type { ControlsPatch } from '../trainer/protocol.js';
import type { BenchResult, BenchRow } from './report.js';

const MAX_OVERHEAD_PERCENT = 15;

const CONTROLS: { name: string; phases: Phase[]; patch: ControlsPatch; target: boolean }[] = [
  { name: 'random warp', phases: ['tokenizer'], patch: { randomWarp: { enabled: true } }, target: true },
  { name: 'LRD', phases: ['tokenizer', 'generator'], patch: { lrd: { enabled: true } }, target: true },
  { name: 'GAN', phases: ['tokenizer'], patch: { gan: { enabled: true } }, target: false },
  { name: 'BF16', phases: ['tokenizer', 'generator'], patch: { precision: 'bf16' }, target: true },
  { name: 'FP16', phases: ['tokenizer', 'generator'], patch: { precision: 'fp16' }, target: true },
];

const ALL_OFF: ControlsPatch = { randomWarp: { enabled: false }, lrd: { enabled: false }, gan: { enabled: false }, precision: 'fp32' };

export async function controlsOverhead(): Promise<BenchResult> {
  const backend = await benchBackend();
  const { data, remove } = await demoAudioData();
  const rows: BenchRow[] = [];
  try {
    for (const phase of ['tokenizer', 'generator'] as const) {
      const measured = CONTROLS.filter((c) => c.phases.includes(phase));
      const off = benchHarness(data, { preset: 'tiny', phase, controls: ALL_OFF });
      const on = measured.map((c) => benchHarness(data, { preset: 'tiny', phase, controls: { ...ALL_OFF, ...c.patch } }));
      const samples = timeInterleaved([off, ...on].map((h) => () => h.run(STEPS_PER_SAMPLE)), 7, 2);
      const [offMs, ...onMs] = samples.map((ms) => ms / STEPS_PER_SAMPLE) as [number, ...number[]];
      rows.push({ metric: `${phase} all off ms/step`, value: offMs });
      measured.forEach((c, i) => {
        const overhead = 100 * ((onMs[i] as number) / offMs - 1);
        rows.push({ metric: `${phase} ${c.name} on ms/step`, value: onMs[i] as number });
        rows.push({ metric: `${phase} ${c.name} overhead %`, value: overhead, ...(c.target ? { target: `≤ ${MAX_OVERHEAD_PERCENT}`, met: overhead <= MAX_OVERHEAD_PERCENT } : {}) });
      });
      [off, ...on].forEach((h) => h.dispose());
    }
  } finally {
    remove();
  }
  return { name: 'controls overhead (tiny preset, each control on vs all off)', backend, rows };
}
