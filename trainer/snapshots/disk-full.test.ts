/**
 * A full disk during a snapshot is an error naming the snapshot and saying "disk full"; the
 * run keeps training, the half-written folder is gone, and the earlier snapshots still verify.
 * The run's snapshots/ folder is a size-limited tmpfs mounted for this test (needs root, or
 * the rights to mount); where that cannot be made the test is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';
import { verifySnapshot } from './read-snapshot.js';

/** Room for two snapshots of the tiny autoencoder (about 1 MB each), not three. */
const SIZE = '2500k';

function canMount(): string | null {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'mounting a size-limited tmpfs needs root';
  return null;
}
const cannot = canMount();

let trainer: TestTrainer;
let peer: EventPeer;
let mounted: string | null = null;

beforeAll(async () => {
  if (cannot) return;
  trainer = await startTestTrainer('disk-full');
  ({ peer } = trainer);
});
afterAll(async () => {
  if (cannot) return;
  // Lazy: the trainer may still hold the folder open if the test failed mid-run.
  if (mounted) execFileSync('umount', ['-l', mounted]);
  await trainer.stop();
});

describe.skipIf(cannot !== null)(`a full disk while snapshotting${cannot ? ` (skipped: ${cannot})` : ''}`, () => {
  it('reports disk full naming the snapshot, keeps training, and leaves earlier snapshots intact', async () => {
    await peer.request({ type: 'project/create', path: 'full', name: 'Full', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 4, plan }, 'run/created');
    const snapshotsDir = join(trainer.dir, 'full', 'runs', run.id, 'snapshots');
    mkdirSync(snapshotsDir, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', snapshotsDir], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`Could not mount a ${SIZE} tmpfs at '${snapshotsDir}' although running as root: ${(error as Error).message}`);
    }
    mounted = snapshotsDir;

    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const taken: string[] = [];
    let failure: { message: string; code: string } | null = null;
    for (let i = 0; i < 6 && !failure; i++) {
      const requestId = `snap-${i}`;
      const since = peer.events.length;
      peer.sendRaw({ type: 'snapshot/take', runId: run.id, label: `try ${i}`, requestId });
      const answer = await Promise.race([
        peer.next('snapshot/taken', (e) => e.requestId === requestId, { since }),
        peer.next('error', (e) => e.requestId === requestId, { since }),
      ]);
      if (answer.type === 'snapshot/taken') taken.push(answer.snapshot.id);
      else failure = answer;
    }
    expect(taken.length).toBeGreaterThanOrEqual(1);
    expect(failure?.code).toBe('io');
    expect(failure?.message).toMatch(/^Snapshot step-\d{8}-[0-9a-z]+ \(manual, step \d+\) was not written: disk full/);
    expect(failure?.message).toMatch(/Training continues; earlier snapshots are intact/);

    // The run goes on…
    const stepAtFailure = Math.max(...peer.events.flatMap((e) => (e.type === 'metrics/batch' ? e.points.map((p) => p.step) : [0])));
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step > stepAtFailure + 5));
    expect((await peer.request({ type: 'run/list' }, 'run/list')).runs.find((r) => r.id === run.id)?.state).toBe('running');
    // …the half-written folder is gone, and every earlier snapshot is whole.
    expect(readdirSync(snapshotsDir).sort()).toEqual([...taken].sort());
    for (const id of taken) expect(verifySnapshot(join(snapshotsDir, id))).toBeNull();
    const listed = await peer.request({ type: 'snapshot/list', runId: run.id }, 'snapshot/list');
    expect(listed.snapshots.map((s) => s.id)).toEqual(taken);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  });
});
