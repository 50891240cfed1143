/**
 * Snapshot commands against the real trainer process: interval snapshots thinned by the
 * retention policy (the manual one kept), a corrupt snapshot named by file and never loaded
 * while the project still opens, deleting, and comparing two snapshots' metrics.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('snapshot-commands');
  ({ peer } = trainer);
});
afterAll(() => trainer.stop());

describe('snapshot commands', () => {
  it('snapshots on an interval, keeps the manual one and the newest automatic ones, names a corrupt file and refuses to load it', async () => {
    await peer.request({ type: 'project/create', path: 'snaps', name: 'Snaps', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 9, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const { snapshot: manual } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'keep me' }, 'snapshot/taken');
    const { policy } = await peer.request({ type: 'snapshot/policy', runId: run.id, policy: { interval: { every: 5, unit: 'steps' }, keepLast: 2, hourlyForHours: 0, dailyForDays: 0 } }, 'snapshot/policy');
    expect(policy).toEqual({ interval: { every: 5, unit: 'steps' }, keepLast: 2, hourlyForHours: 0, dailyForDays: 0 });

    const deleted = await peer.next('snapshot/deleted', (e) => e.runId === run.id && /interval snapshots? thinned by the snapshot policy/.test(e.reason));
    expect(deleted.snapshotIds).not.toContain(manual.id);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const intervals = peer.events.filter((e) => e.type === 'snapshot/taken' && e.snapshot.reason === 'interval');
    expect(intervals.length).toBeGreaterThanOrEqual(3);
    const steps = intervals.map((e) => (e.type === 'snapshot/taken' ? e.snapshot.step : 0));
    for (let i = 1; i < steps.length; i++) expect(steps[i]! - steps[i - 1]!).toBe(5);

    const { snapshots } = await peer.request({ type: 'snapshot/list', runId: run.id }, 'snapshot/list');
    expect(snapshots.filter((s) => s.reason === 'manual').map((s) => s.label)).toEqual(['keep me']);
    expect(snapshots.filter((s) => s.reason === 'interval').map((s) => s.step)).toEqual(steps.slice(-2));

    // Metrics of two snapshots side by side.
    const [a, b] = snapshots.filter((s) => s.reason === 'interval');
    const compared = await peer.request({ type: 'snapshot/compare', runId: run.id, snapshotIds: [a!.id, b!.id] }, 'snapshot/compared');
    expect(compared.sides.map((s) => s.snapshot.step)).toEqual([a!.step, b!.step]);
    expect(compared.sides.every((s) => typeof s.values.loss === 'number')).toBe(true);

    // One flipped byte: named by file, never loaded, and the project still opens.
    const file = join(trainer.dir, 'snaps', 'runs', run.id, 'snapshots', manual.id, 'decoder.safetensors');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] as number) ^ 0x10;
    writeFileSync(file, bytes);
    const verdict = await peer.request({ type: 'snapshot/verify', runId: run.id, snapshotId: manual.id }, 'snapshot/verified');
    expect(verdict).toMatchObject({ ok: false });
    expect(verdict.problem).toMatch(/decoder\.safetensors' is corrupt: its sha256 does not match/);
    const refused = await peer.request({ type: 'snapshot/restore', runId: run.id, snapshotId: manual.id }, 'error');
    expect(refused.message).toMatch(/decoder\.safetensors' is corrupt.*It was not loaded/);
    const reopened = await peer.request({ type: 'project/open', path: 'snaps' }, 'project/opened');
    expect(reopened.project.runs.find((r) => r.id === run.id)?.state).toBe('stopped');
    const good = await peer.request({ type: 'snapshot/verify', runId: run.id, snapshotId: b!.id }, 'snapshot/verified');
    expect(good.ok).toBe(true);

    const removed = await peer.request({ type: 'snapshot/delete', runId: run.id, snapshotId: manual.id }, 'snapshot/deleted');
    expect(removed.snapshotIds).toEqual([manual.id]);
    const after = await peer.request({ type: 'snapshot/list', runId: run.id }, 'snapshot/list');
    expect(after.snapshots.map((s) => s.id)).not.toContain(manual.id);
  });
});
