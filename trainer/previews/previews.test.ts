/**
 * Previews against the real trainer process and real TF.js: the untrained baseline at step 0
 * (a grid of validation clips with their numbers; sound only when asked for, per clip),
 * automatic previews at the set interval kept in the sample history on disk, a preview of a
 * snapshot that equals the live model's at the snapshot's step (while training and after the
 * run stopped), and bad requests answered with errors that name what is missing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';
import { base64ToFloat32 } from './sample-codec.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('previews');
  peer = trainer.peer;
});
afterAll(() => trainer.stop());

describe('motion previews', () => {
  it('previews the same clip at step 0, at the interval and on request; a snapshot previews exactly as the live model did at its step', async () => {
    await peer.request({ type: 'project/create', path: 'previews', name: 'Previews', withDemo: true }, 'project/opened');
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', seed: 4 }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');

    // The untrained baseline, before the first step.
    const { preview: first } = await peer.next('preview/ready', (e) => e.preview.step === 0);
    expect(first).toMatchObject({ id: '00000000', branch: 'main', clip: 'clip-000', fps: 30, frames: 240 });
    expect(first.parents).toHaveLength(13);
    expect(base64ToFloat32(first.generated)).toHaveLength(240 * 13 * 3);
    expect(base64ToFloat32(first.truth).every(Number.isFinite)).toBe(true);
    // The grid: the next validation clips, each with its numbers against its own truth.
    expect([first.clip, ...first.more!.map((c) => c.clip)]).toEqual(['clip-000', 'clip-001', 'clip-002', 'clip-003']);
    expect([first.scores, ...first.more!.map((c) => c.scores)].every((s) => s !== null && s!.likeness >= 0 && s!.likeness <= 100)).toBe(true);
    // Streamed (unasked), it carries no sound: a window asks once per clip (preview/get).
    const audio = first.audio!;
    expect(audio.sampleRate).toBe(16000);
    expect(audio.pcm16).toBeUndefined();
    expect(first.more!.every((c) => c.audio && c.audio.pcm16 === undefined && c.audio.onsets.length > 0)).toBe(true);
    const { preview: withSound } = await peer.request({ type: 'preview/get', runId: run.id, previewId: first.id! }, 'preview/ready');
    expect(Buffer.from(withSound.audio!.pcm16!, 'base64').length).toBe(8 * 16000 * 2);
    expect(withSound.more!.every((c) => c.audio!.pcm16 === undefined)).toBe(true);
    const { preview: third } = await peer.request({ type: 'preview/get', runId: run.id, previewId: first.id!, clip: 'clip-002' }, 'preview/ready');
    expect(third.audio!.pcm16).toBeUndefined();
    expect(Buffer.from(third.more![1]!.audio!.pcm16!, 'base64').length).toBe(8 * 16000 * 2);
    expect(third.more![1]!.audio!.pcm16).not.toBe(withSound.audio!.pcm16);
    expect(audio.peaks).toHaveLength(800);
    expect(Math.max(...audio.peaks)).toBeGreaterThan(0.05);
    expect(audio.onsets.length).toBeGreaterThan(2);
    expect(audio.onsets.every((t) => t >= 0 && t < 8)).toBe(true);

    const interval = await peer.request({ type: 'preview/interval', runId: run.id, everySteps: 5 }, 'preview/history');
    expect(interval.everySteps).toBe(5);
    const { preview: fifth } = await peer.next('preview/ready', (e) => e.preview.step >= 5 && e.preview.step % 5 === 0);
    expect(fifth.clip).toBe(first.clip);
    expect(fifth.truth).toBe(first.truth);
    expect(fifth.generated).not.toBe(first.generated);

    // Paused, the live model and a snapshot of it hold the same weights: the same motion.
    const paused = await peer.request({ type: 'run/pause', runId: run.id }, 'run/state');
    const step = paused.run.step;
    const { preview: live } = await peer.request({ type: 'preview/request', runId: run.id }, 'preview/ready');
    expect(live.step).toBe(step);
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'for preview' }, 'snapshot/taken');
    expect(snapshot.step).toBe(step);
    const { preview: fromSnapshot } = await peer.request({ type: 'preview/request', runId: run.id, snapshotId: snapshot.id }, 'preview/ready');
    expect(fromSnapshot).toMatchObject({ snapshotId: snapshot.id, step, clip: live.clip });
    expect(fromSnapshot.id).toBeUndefined();
    expect(fromSnapshot.generated).toBe(live.generated);

    // The history lists what was kept, on disk, and any of it reads back.
    const history = await peer.request({ type: 'preview/history', runId: run.id }, 'preview/history');
    const steps = history.entries.map((e) => e.step);
    expect(steps[0]).toBe(0);
    expect(steps).toContain(fifth.step);
    expect(steps.at(-1)).toBe(step);
    const previewsDir = join(trainer.dir, 'previews', 'runs', run.id, 'previews');
    expect(existsSync(join(previewsDir, '00000000.json'))).toBe(true);
    expect(existsSync(join(previewsDir, 'clip-clip-000.json'))).toBe(true);
    const { preview: again } = await peer.request({ type: 'preview/get', runId: run.id, previewId: fifth.id }, 'preview/ready');
    expect(again).toEqual({ ...fifth, audio: { ...fifth.audio, pcm16: withSound.audio!.pcm16 } });

    const missing = await peer.request({ type: 'preview/get', runId: run.id, previewId: '00099999' }, 'error');
    expect(missing).toMatchObject({ code: 'no-run' });
    expect(missing.message).toMatch(/00099999/);
    const noSnapshot = await peer.request({ type: 'preview/request', runId: run.id, snapshotId: 'step-00000001-zz' }, 'error');
    expect(noSnapshot.message).toMatch(/step-00000001-zz/);

    // After the run stops, the snapshot still previews the same motion (its own model, data loaded again).
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const { preview: offline } = await peer.request({ type: 'preview/request', runId: run.id, snapshotId: snapshot.id }, 'preview/ready');
    expect(offline.generated).toBe(live.generated);
    const notLive = await peer.request({ type: 'preview/request', runId: run.id }, 'error');
    expect(notLive).toMatchObject({ code: 'invalid-state' });
  });
});
