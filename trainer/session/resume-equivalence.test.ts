/**
 * A run resumed from a snapshot at step N trains exactly as the uninterrupted run did: the
 * same loss at every step up to N+10 (same backend, fixed seed). Tested against the real
 * trainer process with the controls that draw random numbers (random warp, LRD masks, GAN
 * ramp) and FP16 with its dynamic loss scale, both for a stopped run resumed on a new branch
 * and for a snapshot restored into the running run, discarding what came after.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('resume');
  ({ peer } = trainer);
});
afterAll(() => trainer.stop());

const plan = { name: 'by hand', stages: [{ name: 'all on', controls: {}, end: { type: 'manual' } }] };
const controls = {
  optimizer: { warmupSteps: 8 },
  randomWarp: { enabled: true, strength: 1 },
  lrd: { enabled: true, keep: 0.5, cosine: true, cosinePeriod: 7 },
  gan: { enabled: true, power: 0.1, rampSteps: 30 },
  precision: 'fp16',
};

function logOf(runId: string, file: string): MetricPoint[] {
  return readFileSync(join(trainer.dir, 'resume', 'runs', runId, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as MetricPoint);
}

// Training points only: a late evaluation point (from the worker) carries no loss.
const lossesFrom = (points: MetricPoint[], from: number, to: number) =>
  points.filter((p) => p.step > from && p.step <= to && p.late !== true).map((p) => [p.step, p.values.loss, p.values.lossScale]);

const reached = (runId: string, step: number, branch: string) => peer.next('metrics/batch', (e) => e.runId === runId && e.branch === branch && e.points.some((p) => p.step >= step));

describe('resuming from a snapshot', () => {
  it('gives the same loss at step N+10 as the uninterrupted run, resumed after a stop or restored while running', async () => {
    await peer.request({ type: 'project/create', path: 'resume', name: 'Resume', withDemo: true }, 'project/opened');
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 11, plan, controls }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await reached(run.id, 12, 'main');
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'resume point' }, 'snapshot/taken');
    const n = snapshot.step;
    await reached(run.id, n + 12, 'main');
    const { snapshot: later } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'later on main' }, 'snapshot/taken');
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const uninterrupted = lossesFrom(logOf(run.id, 'metrics.jsonl'), n, n + 10);
    expect(uninterrupted).toHaveLength(10);

    // A stopped run resumes from the snapshot on a new branch; main keeps its history.
    const resumed = await peer.request({ type: 'snapshot/restore', runId: run.id, snapshotId: snapshot.id }, 'snapshot/restored');
    expect(resumed.run).toMatchObject({ state: 'running', step: n, branch: 'branch-1', controls: { precision: 'fp16', gan: { enabled: true } } });
    expect(resumed.metrics.at(-1)?.step).toBe(n);
    await reached(run.id, n + 10, 'branch-1');
    // Restored into the running run, discarding what came after: the branch starts over at N.
    const again = await peer.request({ type: 'snapshot/restore', runId: run.id, snapshotId: snapshot.id, mode: 'discard' }, 'snapshot/restored');
    expect(again.run).toMatchObject({ step: n, branch: 'branch-1' });
    const since = peer.events.length;
    await peer.next('metrics/batch', (e) => e.branch === 'branch-1' && e.points.some((p) => p.step >= n + 10), { since });
    // A later snapshot of main is not in branch-1's history: discarding onto it is refused, nothing changes.
    const refusedDiscard = await peer.request({ type: 'snapshot/restore', runId: run.id, snapshotId: later.id, mode: 'discard' }, 'error');
    expect(refusedDiscard.message).toMatch(/not in the history of branch 'branch-1'; restore it as a new branch/);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    expect(logOf(run.id, 'metrics.branch-1.jsonl').at(-1)?.step).toBeGreaterThan(n + 10);

    const branchLog = logOf(run.id, 'metrics.branch-1.jsonl');
    expect(lossesFrom(branchLog, n, n + 10)).toEqual(uninterrupted);
    // Discarding left one point per step on the branch, not the earlier attempt beside the new one.
    expect(new Set(branchLog.map((p) => p.step)).size).toBe(branchLog.length);

    // Both histories stay browsable; the snapshot a branch forks from cannot be deleted.
    const main = await peer.request({ type: 'metrics/get', runId: run.id, branch: 'main' }, 'metrics/history');
    expect(main.points.at(-1)?.step).toBeGreaterThanOrEqual(n + 12);
    const branch = await peer.request({ type: 'metrics/get', runId: run.id, branch: 'branch-1' }, 'metrics/history');
    expect(branch.points.filter((p) => p.step <= n)).toEqual(main.points.filter((p) => p.step <= n));
    const listed = await peer.request({ type: 'snapshot/list', runId: run.id }, 'snapshot/list');
    expect(listed.branch).toBe('branch-1');
    expect(listed.branches).toMatchObject([{ name: 'branch-1', parent: 'main', forkStep: n, snapshotId: snapshot.id }]);
    const refused = await peer.request({ type: 'snapshot/delete', runId: run.id, snapshotId: snapshot.id }, 'error');
    expect(refused.message).toMatch(/where a branch .* begins/);
  });

  it('holds for audio-to-motion too: EMA codebook with dead-code restarts, generator and discriminator', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', seed: 5, plan, controls: { optimizer: { warmupSteps: 4 }, lrd: { enabled: true, keep: 0.5 }, gan: { enabled: true, power: 0.01, rampSteps: 10 } } }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await reached(run.id, 3, 'main');
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'resume point' }, 'snapshot/taken');
    const n = snapshot.step;
    await reached(run.id, n + 10, 'main');
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const uninterrupted = lossesFrom(logOf(run.id, 'metrics.jsonl'), n, n + 10);
    expect(uninterrupted).toHaveLength(10);

    await peer.request({ type: 'snapshot/restore', runId: run.id, snapshotId: snapshot.id }, 'snapshot/restored');
    await reached(run.id, n + 10, 'branch-1');
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    expect(lossesFrom(logOf(run.id, 'metrics.branch-1.jsonl'), n, n + 10)).toEqual(uninterrupted);
  });
});
