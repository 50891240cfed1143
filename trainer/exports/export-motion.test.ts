/**
 * "Generate motion for this recording" against the real trainer process: an audio-to-motion
 * run exports BVH + JSON for a WAV between two steps, the BVH reads back through the BVH
 * reader, and a missing file is a clear error that leaves the run training.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBvh } from '../data/bvh-parse.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let dir: string;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('export');
  ({ dir, peer } = trainer);
});
afterAll(() => trainer.stop());

describe('motion export', () => {
  it('writes BVH and JSON for a recording with the live model, and reports a bad path without stopping', async () => {
    await peer.request({ type: 'project/create', path: 'export', name: 'Export', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'tokenizer', controls: { locks: { generator: true, audio_encoder: true } }, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', seed: 2, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 2));

    const exported = await peer.request({ type: 'motion/export', runId: run.id, audioPath: 'datasets/demo/validation/clip-001.wav' }, 'motion/exported');
    expect(exported.seconds).toBeCloseTo(8, 0);
    const bvh = parseBvh(readFileSync(exported.bvh, 'utf8'), 'export.bvh');
    expect(bvh.frameCount).toBe(240);
    expect(bvh.skeleton.names.length).toBe(13);
    const json = JSON.parse(readFileSync(exported.json, 'utf8'));
    expect(json).toMatchObject({ format: 'stagecraft-motion', fps: 30 });
    expect(json.frames).toHaveLength(240);

    // The same recording through a snapshot's weights: verified, rebuilt beside the live model.
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'for export' }, 'snapshot/taken');
    const fromSnapshot = await peer.request({ type: 'motion/export', runId: run.id, audioPath: 'datasets/demo/validation/clip-001.wav', snapshotId: snapshot.id }, 'motion/exported');
    expect(fromSnapshot).toMatchObject({ snapshotId: snapshot.id, step: snapshot.step });
    expect(parseBvh(readFileSync(fromSnapshot.bvh, 'utf8'), 'snap.bvh').frameCount).toBe(240);
    // No recording named (the snapshots panel's one click): the dataset's first validation clip with audio.
    const byDefault = await peer.request({ type: 'motion/export', runId: run.id, snapshotId: snapshot.id }, 'motion/exported');
    expect(byDefault.audio).toBe(join(dir, 'export', 'datasets', 'demo', 'validation', 'clip-000.wav'));
    expect(parseBvh(readFileSync(byDefault.bvh, 'utf8'), 'default.bvh').frameCount).toBe(240);
    const unknown = await peer.request({ type: 'motion/export', runId: run.id, audioPath: 'datasets/demo/validation/clip-001.wav', snapshotId: 'step-00000001-zz' }, 'error');
    expect(unknown.message).toMatch(/step-00000001-zz/);
    const escape = await peer.request({ type: 'motion/export', runId: run.id, audioPath: 'datasets/demo/validation/clip-001.wav', snapshotId: '../../etc' }, 'error');
    expect(escape.code).toBe('malformed-command');

    const missing = await peer.request({ type: 'motion/export', runId: run.id, audioPath: 'nowhere/speech.wav' }, 'error');
    expect(missing.message).toMatch(/speech\.wav/);
    const after = peer.events.length;
    await peer.next('metrics/batch', () => true, { since: after });
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    expect(existsSync(join(dir, 'export', 'runs', run.id, 'exports'))).toBe(true);
  });
});
