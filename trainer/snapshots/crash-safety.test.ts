/**
 * Crash safety: a process killed (SIGKILL) at any moment while it writes or deletes snapshots
 * leaves a store that opens cleanly with only complete snapshots that verify, and the run it
 * was training is reported as interrupted with the newest of them to resume from.
 *
 * 50 trials kill a process that runs the trainer's own snapshot writer in a tight loop (it
 * starts in well under a second, so trials are cheap); 6 more kill the real trainer process
 * (about 4 s a trial) while it trains and is asked for a snapshot every 40 ms, each time
 * resuming the run from its last good snapshot.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultControls } from '../engine/controls.js';
import { Rng } from '../engine/rng.js';
import { ProjectStore, type RunFile } from '../project/project-store.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import { startTestTrainer } from '../testing/trainer-process.js';
import { verifySnapshot } from './read-snapshot.js';
import { listSnapshots, snapshotsDirOf } from './snapshot-folder.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-crash-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens the project as the next start would, and checks every snapshot of the run. */
function expectCleanStore(projectPath: string, runId: string): { complete: number } {
  const project = ProjectStore.open(projectPath);
  project.settleInterruptedRuns();
  const snapshotsDir = snapshotsDirOf(project.runPath(runId));
  const folders = readdirSync(snapshotsDir).sort();
  const listed = listSnapshots(snapshotsDir);
  // No leftovers, and every folder is a snapshot with a manifest…
  expect(folders).toEqual(listed.map((s) => s.id).sort());
  // …whose every file has its recorded size and sha256.
  for (const snapshot of listed) expect(verifySnapshot(join(snapshotsDir, snapshot.id)), snapshot.id).toBeNull();
  const run = project.run(runId);
  expect(run?.state).toBe('stopped');
  expect(run?.interrupted?.lastGoodSnapshot).toBe(listed.at(-1)?.id ?? null);
  return { complete: listed.length };
}

function fakeRun(project: ProjectStore): RunFile {
  return project.createRun({
    recipe: 'motion-autoencoder',
    preset: 'tiny',
    dataset: 'demo',
    seed: 1,
    controls: defaultControls(motionAutoencoder.layerGroups, { learningRate: 1e-3, batchSize: 16 }),
    layerGroups: [...motionAutoencoder.layerGroups],
    plan: motionAutoencoder.defaultPlan,
  });
}

describe('a process killed while it writes snapshots', () => {
  it('leaves only complete, verifying snapshots, 50 kills at random moments', async () => {
    const projectPath = join(dir, 'writer');
    const project = ProjectStore.create(projectPath, 'Writer');
    const run = fakeRun(project);
    const snapshotsDir = snapshotsDirOf(project.runPath(run.id));
    const rng = new Rng(2024);
    let killedMidWrite = 0;
    let complete = 0;
    for (let trial = 0; trial < 50; trial++) {
      project.saveRun({ ...(project.run(run.id) as RunFile), state: 'running' });
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../testing/snapshot-write-loop.ts'), snapshotsDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before it began`)));
      });
      await sleep(rng.next() * 300);
      child.kill('SIGKILL');
      await exited;
      if (readdirSync(snapshotsDir).some((name) => name.startsWith('.'))) killedMidWrite++;
      complete = expectCleanStore(projectPath, run.id).complete;
    }
    expect(complete).toBeGreaterThan(0);
    // The kills really landed inside writes (or deletes), not only between them.
    expect(killedMidWrite).toBeGreaterThanOrEqual(10);
  }, 300_000);

  it('leaves the real trainer’s run resumable from its last good snapshot, 6 kills while it trains and snapshots', async () => {
    const rng = new Rng(7);
    let runId = '';
    let killedMidWrite = 0;
    for (let trial = 0; trial < 6; trial++) {
      const trainer = await startTestTrainer('crash');
      const { peer } = trainer;
      try {
        if (trial === 0) {
          await peer.request({ type: 'project/create', path: join(dir, 'trainer'), name: 'Crash', withDemo: true }, 'project/opened');
          const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
          runId = (await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 3, plan }, 'run/created')).run.id;
          await peer.request({ type: 'run/start', runId }, 'run/state');
        } else {
          const { project } = await peer.request({ type: 'project/open', path: join(dir, 'trainer') }, 'project/opened');
          const interrupted = project.runs.find((r) => r.id === runId)?.interrupted;
          expect(interrupted?.lastGoodSnapshot).toBeTruthy();
          // No id: the newest snapshot that verifies, which is what the window offers after a crash.
          const resumed = await peer.request({ type: 'snapshot/restore', runId }, 'snapshot/restored');
          expect(resumed.snapshot.id).toBe(interrupted?.lastGoodSnapshot);
        }
        await peer.request({ type: 'snapshot/take', runId, label: 'first' }, 'snapshot/taken');
        const asking = setInterval(() => peer.sendRaw({ type: 'snapshot/take', runId, label: '' }), 40);
        await sleep(200 + rng.next() * 1200);
        clearInterval(asking);
        trainer.child.process.kill('SIGKILL');
        await new Promise((resolve) => trainer.child.onExit(resolve));
      } finally {
        await trainer.stop();
      }
      const snapshotsDir = join(dir, 'trainer', 'runs', runId, 'snapshots');
      if (readdirSync(snapshotsDir).some((name) => name.startsWith('.'))) killedMidWrite++;
      expectCleanStore(join(dir, 'trainer'), runId);
    }
    // Snapshots were being written when most of the kills landed.
    expect(killedMidWrite).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
