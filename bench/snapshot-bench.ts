/**
 * Suite: a snapshot of the audio-to-motion base preset's full state (every layer group, Adam
 * moments of every group, state.json). Reports how long training is blocked (the copy between
 * two steps) against one training step, and the snapshot's write throughput as a ratio to a
 * plain sequential write of the same bytes to the same disk, timed round-robin in this run.
 * Also how many training steps pass before a snapshot started mid-training is on disk (the
 * writer needs a few event-loop turns, and the training thread yields once per step), and how
 * long adding its preview afterwards takes.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunFile } from '../trainer/project/project-store.js';
import { audioToMotion } from '../trainer/recipes/audio-to-motion/recipe.js';
import { addFileToSnapshot } from '../trainer/snapshots/amend-snapshot.js';
import { captureSnapshot } from '../trainer/snapshots/take-snapshot.js';
import { writeSnapshot, type CapturedSnapshot } from '../trainer/snapshots/snapshot-writer.js';
import { benchBackend } from './lib/backend.js';
import { benchHarness, demoAudioData, PHASE_LOCKS, type BenchHarness } from './lib/audio-bench-model.js';
import { median } from './lib/timing.js';
import type { BenchResult } from './report.js';

const RUNS = 5;
const MIN_THROUGHPUT_RATIO = 0.5;
const PREVIEW_BYTES = 120_000;

export async function snapshotBench(): Promise<BenchResult> {
  const backend = await benchBackend();
  const { data, remove } = await demoAudioData();
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-snapshot-bench-'));
  const harness = benchHarness(data, { preset: 'base', phase: 'tokenizer', controls: { gan: { enabled: true } } });
  try {
    // Every group gets Adam moments: a tokenizer step with GAN (encoder, codebook, decoder,
    // discriminator), then a generator step (audio encoder, generator).
    harness.run(1);
    harness.set(PHASE_LOCKS.generator);
    harness.run(1);
    harness.set(PHASE_LOCKS.tokenizer);
    const stepMs = median(Array.from({ length: 3 }, () => timed(() => harness.run(1))));

    const capture = () => captureSnapshot(liveOf(harness, 'bench'));
    capture();
    const blocked: number[] = [];
    const snapshotMs: number[] = [];
    const plainMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      let captured: CapturedSnapshot | undefined;
      blocked.push(timed(() => (captured = capture())));
      const files = (captured as CapturedSnapshot).files;
      bytes = [...files.values()].reduce((sum, b) => sum + b.length, 0);
      plainMs.push(timed(() => plainWrite(join(dir, `plain-${i}`), [...files.values()])));
      rmSync(join(dir, `plain-${i}`));
      const start = performance.now();
      await writeSnapshot(dir, captured as CapturedSnapshot);
      snapshotMs.push(performance.now() - start);
    }
    // Its preview arrives later (snapshot-preview-queue.ts) and is added beside the files: the
    // file written and fsynced, then a new manifest renamed over the old one. The size of a
    // 10 s preview.json (the longest there is) of a skeleton of about 30 joints.
    const written = readdirSync(dir).filter((name) => name.startsWith('step-'));
    const previewMs: number[] = [];
    for (const [i, id] of written.entries()) {
      const start = performance.now();
      await addFileToSnapshot(join(dir, id), 'preview.json', Buffer.alloc(PREVIEW_BYTES, 65 + i));
      previewMs.push(performance.now() - start);
    }
    const mb = bytes / 2 ** 20;
    const snapshotMBs = mb / (median(snapshotMs) / 1000);
    const plainMBs = mb / (median(plainMs) / 1000);
    const ratio = snapshotMBs / plainMBs;

    // Mid-training: steps run while the snapshot is written, as the training loop runs them.
    const whileTraining: number[] = [];
    for (let i = 0; i < 3; i++) {
      let done = false;
      const written = writeSnapshot(dir, capture()).then(() => (done = true));
      let steps = 0;
      while (!done) {
        harness.run(1);
        steps++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await written;
      whileTraining.push(steps);
    }
    const blockedMs = median(blocked);
    return {
      name: 'snapshots (audio-to-motion base preset, full state)',
      backend,
      rows: [
        { metric: 'snapshot size MB', value: mb },
        { metric: 'one training step ms (tokenizer phase)', value: stepMs },
        { metric: 'training blocked ms (copy between steps)', value: blockedMs, target: `< one step (${stepMs.toFixed(0)} ms)`, met: blockedMs < stepMs },
        { metric: 'snapshot write ms (fsync each file, sha256, rename)', value: median(snapshotMs) },
        { metric: 'plain sequential write + fsync ms', value: median(plainMs) },
        { metric: 'snapshot write MB/s', value: snapshotMBs },
        { metric: 'plain write MB/s', value: plainMBs },
        { metric: 'write throughput ratio (snapshot / plain)', value: ratio, target: `≥ ${MIN_THROUGHPUT_RATIO}`, met: ratio >= MIN_THROUGHPUT_RATIO },
        { metric: 'steps trained while one snapshot is written', value: median(whileTraining) },
        { metric: `preview added to a written snapshot ms (${PREVIEW_BYTES / 1000} kB file + new manifest, off the training path)`, value: median(previewMs) },
      ],
    };
  } finally {
    harness.dispose();
    remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The baseline: the same bytes, one file, written in order and fsynced. */
function plainWrite(path: string, parts: Uint8Array[]): void {
  const fd = openSync(path, 'w');
  try {
    for (const part of parts) writeSync(fd, part);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function liveOf(harness: BenchHarness, reason: string) {
  const run = { controls: harness.controls, plan: audioToMotion.defaultPlan, stage: { index: 0, startedAt: 0 }, branch: 'main' } as unknown as RunFile;
  return { step: harness.step, meta: { kind: 'manual' as const, reason, label: '' }, model: harness.model, optimizer: harness.optimizer, rng: harness.rng, run, numerics: harness.numerics, ganSince: null, likeness: null };
}
