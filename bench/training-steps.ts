/**
 * Suite: one optimizer step of audio-to-motion as the loop runs it (batch draw, forward,
 * backward, AdamW, EMA codebook), per phase and preset: ms/step, samples/s and model FLOP
 * utilisation = counted model FLOPs per step ÷ step time ÷ the matMul peak. The peak is a
 * 1024³ matMul timed on its own (the suite's first row) and again round-robin with the steps
 * (so both see the same machine load); MFU uses the higher of the two. Tiny steps are timed
 * STEPS_PER_SAMPLE in a row, as the loop runs them: the probe's 12 MB of operands flush the
 * caches, and a step timed right after each probe would pay that as if training did.
 * The tokenizer steps on windowFrames (64) frames; the generator on whole generatorFrames
 * (240-frame, 60-token) windows, its own training length.
 */
import { benchBackend, matMulPeakGflops, peakMatMulProbe } from './lib/backend.js';
import { benchHarness, demoAudioData, type Phase, type PresetName } from './lib/audio-bench-model.js';
import { stepModelFlops } from './lib/model-flops.js';
import { STEPS_PER_SAMPLE, timeInterleaved } from './lib/timing.js';
import type { BenchResult, BenchRow } from './report.js';

const TARGET_MFU: Partial<Record<`${PresetName}/${Phase}`, number>> = { 'tiny/tokenizer': 40, 'tiny/generator': 30 };


export async function trainingSteps(): Promise<BenchResult> {
  const backend = await benchBackend();
  const peak = await matMulPeakGflops();
  const { data, remove } = await demoAudioData();
  const rows: BenchRow[] = [{ metric: 'matMul peak GFLOP/s', value: peak }];
  try {
    for (const preset of ['tiny', 'base'] as const) {
      for (const phase of ['tokenizer', 'generator'] as const) {
        const overrides = preset === 'tiny' ? { batchSize: 16, windowFrames: 64 } : {};
        const h = benchHarness(data, { preset, phase, overrides });
        const batch = h.config.batchSize;
        const frames = phase === 'tokenizer' ? h.config.windowFrames : h.config.generatorFrames;
        const slow = preset !== 'tiny';
        const probe = peakMatMulProbe();
        // A base step is long enough to time alone.
        const steps = slow ? 1 : STEPS_PER_SAMPLE;
        const [sampleMs, peakMs] = timeInterleaved([() => h.run(steps), probe.run], slow ? 3 : 9, slow ? 1 : 3) as [number, number];
        const ms = sampleMs / steps;
        probe.dispose();
        const peakHere = probe.flops / (peakMs / 1000) / 1e9;
        const flops = stepModelFlops(h.model, h.config, batch, phase);
        // Divided by the higher of the two peaks, so a probe slowed by the step beside it
        // (caches, heap) never inflates the figure.
        const mfu = (100 * flops.total) / (ms / 1000) / (Math.max(peak, peakHere) * 1e9);
        const label = `${preset} ${phase} (batch ${batch} × ${frames} frames)`;
        const target = TARGET_MFU[`${preset}/${phase}`];
        rows.push(
          { metric: `${label} ms/step`, value: ms },
          { metric: `${label} samples/s`, value: (1000 * batch) / ms },
          { metric: `${label} model GFLOP/step`, value: flops.total / 1e9 },
          { metric: `${label} peak alongside GFLOP/s`, value: peakHere },
          { metric: `${label} MFU %`, value: mfu, ...(target !== undefined ? { target: `≥ ${target}`, met: mfu >= target } : {}) },
        );
        h.dispose();
      }
    }
  } finally {
    remove();
  }
  return { name: 'training steps (audio-to-motion, full optimizer step)', backend, rows };
}
