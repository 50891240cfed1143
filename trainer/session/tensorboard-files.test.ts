/**
 * TensorBoard files of a live run in the real trainer process, read back by the independent
 * reader (testing/tfevents-reader.ts): every scalar of the run's metrics log at its step, the
 * timeline's marks as text, and a restore as a new branch's folder that starts with the
 * session start TensorBoard purges orphaned points by. A run's history exported after the fact
 * holds the same.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsFileOf } from '../project/branches.js';
import { readMetricsLog } from '../project/metrics-log.js';
import type { EventPeer } from '../testing/event-peer.js';
import { readBranch } from '../testing/tfevents-reader.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let dir: string;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('tensorboard');
  ({ dir, peer } = trainer);
});
afterAll(() => trainer.stop());

describe('a run’s TensorBoard files', () => {
  it('hold every logged scalar and mark, and a branch starts with its session start', async () => {
    await peer.request({ type: 'project/create', path: 'tb', name: 'TB', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 5, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 20));
    await peer.request({ type: 'run/pause', runId: run.id }, 'run/state');
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'fork here' }, 'snapshot/taken');
    await peer.request({ type: 'controls/set', runId: run.id, controls: { randomWarp: { enabled: true } } }, 'controls/applied');
    await peer.request({ type: 'run/resume', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= snapshot.step + 10));
    await peer.request({ type: 'run/pause', runId: run.id }, 'run/state');
    const restored = await peer.request({ type: 'snapshot/restore', runId: run.id, snapshotId: snapshot.id, mode: 'branch' }, 'snapshot/restored');
    const branch = restored.run.branch;
    await peer.request({ type: 'run/resume', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.branch === branch && e.points.some((p) => p.step >= snapshot.step + 5));
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');

    const runDir = join(dir, 'tb', 'runs', run.id);
    expectTheLogs(runDir, ['main', branch]);
    const main = readBranch(runDir, 'main').events;
    expect(main.some((e) => e.texts['timeline/controls'] === 'random warp on')).toBe(true);
    expect(main.some((e) => e.step === snapshot.step && e.texts['timeline/snapshot'] !== undefined)).toBe(true);
    const forked = readBranch(runDir, branch).events;
    expect(forked[1]).toMatchObject({ step: snapshot.step + 1, sessionStatus: 1 });
    expect(forked.some((e) => e.texts['timeline/snapshot']?.startsWith(`restored step ${snapshot.step}`) ?? false)).toBe(true);

    // After the fact: the files gone (a run from before they were written), the export writes them again from the logs.
    rmSync(join(runDir, 'tensorboard'), { recursive: true });
    const exported = await peer.request({ type: 'run/export-tensorboard', runId: run.id }, 'tensorboard/exported');
    expect(exported).toMatchObject({ dir: join(runDir, 'tensorboard'), branches: 2 });
    expectTheLogs(runDir, ['main', branch]);
    expect(readBranch(runDir, branch).events[1]).toMatchObject({ step: snapshot.step + 1, sessionStatus: 1 });
    expect(readBranch(runDir, 'main').events.some((e) => e.texts['timeline/controls'] === 'random warp on')).toBe(true);
  }, 180_000);

  it('is refused for a run that trains: it writes them live', async () => {
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 6, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const refused = await peer.request({ type: 'run/export-tensorboard', runId: run.id }, 'error');
    expect(refused).toMatchObject({ code: 'busy', commandType: 'run/export-tensorboard' });
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  }, 60_000);
});

/** Each branch's TensorBoard folder holds exactly its metrics log: every finite value at its step, as float32. */
function expectTheLogs(runDir: string, branches: string[]): void {
  for (const name of branches) {
    const { events, torn } = readBranch(runDir, name);
    expect(torn, name).toBe(false);
    expect(events[0]?.fileVersion).toBe('brain.Event:2');
    const logged = readMetricsLog(metricsFileOf(runDir, name));
    const scalars = events.filter((e) => Object.keys(e.scalars).length > 0);
    expect(scalars.map((e) => e.step), name).toEqual(logged.filter((p) => Object.values(p.values).some((v) => v !== null)).map((p) => p.step));
    logged.forEach((point, i) => {
      const finite = Object.fromEntries(Object.entries(point.values).filter(([, v]) => v !== null && Number.isFinite(v)).map(([k, v]) => [k, Math.fround(v!)]));
      expect(scalars[i]?.scalars, `${name} step ${point.step}`).toEqual(finite);
    });
  }
}
