/**
 * Comparing two snapshots of a finished run (the trainer side of the compare view): their
 * metrics side by side, and motion each one generates for the same recording.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('compare');
  ({ peer } = trainer);
});
afterAll(() => trainer.stop());

const AUDIO = 'datasets/demo/validation/clip-001.wav';

describe('comparing two snapshots', () => {
  it('gives each one’s metrics and its motion for the same recording, after the run stopped', async () => {
    await peer.request({ type: 'project/create', path: 'compare', name: 'Compare', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'tokenizer', controls: { locks: { generator: true, audio_encoder: true } }, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', seed: 2, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 1));
    const { snapshot: early } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'early' }, 'snapshot/taken');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= early.step + 4));
    const { snapshot: later } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'later' }, 'snapshot/taken');
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    // The list shows the likeness the model had when each was taken (the recipe's 0–100 score).
    expect(early.likeness).toBeGreaterThanOrEqual(0);
    expect(early.likeness).toBeLessThanOrEqual(100);

    const compared = await peer.request({ type: 'snapshot/compare', runId: run.id, snapshotIds: [early.id, later.id] }, 'snapshot/compared');
    expect(compared.sides.map((s) => [s.snapshot.label, s.branch])).toEqual([
      ['early', 'main'],
      ['later', 'main'],
    ]);
    expect(compared.sides[0]?.values.loss).not.toBe(compared.sides[1]?.values.loss);

    const a = await peer.request({ type: 'motion/export', runId: run.id, audioPath: AUDIO, snapshotId: early.id }, 'motion/exported');
    const b = await peer.request({ type: 'motion/export', runId: run.id, audioPath: AUDIO, snapshotId: later.id }, 'motion/exported');
    expect([a.step, b.step]).toEqual([early.step, later.step]);
    expect([a.snapshotId, b.snapshotId]).toEqual([early.id, later.id]);
    const frames = (file: string) => JSON.parse(readFileSync(file, 'utf8')).frames as number[][][];
    expect(frames(a.json)).toHaveLength(240);
    expect(frames(b.json)).toHaveLength(240);
    // Different weights, different motion for the same audio.
    expect(JSON.stringify(frames(a.json))).not.toBe(JSON.stringify(frames(b.json)));
  });
});
