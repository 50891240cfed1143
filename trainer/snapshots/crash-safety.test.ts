/**
 * Crash safety: the trainer process, killed (SIGKILL) at a random moment while it writes and
 * deletes snapshots, leaves a store that opens cleanly with only complete snapshots that
 * verify, and the run it was training is reported as interrupted with the newest of them,
 * which the next start resumes from. 50 trials on one project: each starts the real trainer,
 * resumes the run, and kills it while it snapshots after every step and lets retention
 * delete all but the newest few. Kills seldom land while a preview is added to a snapshot
 * (the evaluation worker is rarely up that soon; the counts are logged): amend-crash.test.ts
 * kills a process in the middle of that, 40 times.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../protocol.js';
import { Rng } from '../nn/rng.js';
import { ProjectStore } from '../project/project-store.js';
import { bundleTrainer, forkTrainer, type BundledTrainer } from '../testing/bundled-trainer.js';
import { EventPeer } from '../testing/event-peer.js';
import { verifySnapshot } from './read-snapshot.js';
import { listSnapshots, snapshotsDirOf } from './snapshot-folder.js';
import { TMP_PREFIX } from './snapshot-writer.js';

const TRIALS = 50;
const DELETING = `${TMP_PREFIX}deleting-`;

let dir: string;
let bundle: BundledTrainer;
const started: ChildProcess[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-crash-'));
  bundle = await bundleTrainer();
});
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  bundle?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Trainer {
  child: ChildProcess;
  peer: EventPeer;
  exited: Promise<unknown>;
}

/** The real trainer in its own process; it touches no project until it is asked to open one. */
function startTrainer(): Trainer {
  // wasm as asked for, so no start pays for trying the native backends first.
  const child = forkTrainer(bundle.entry, { STAGECRAFT_DATA: dir, STAGECRAFT_BACKEND: 'wasm', STAGECRAFT_OPEN_DEMO: '' });
  started.push(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const peer = new EventPeer((raw) => child.connected && child.send(raw as object));
  child.on('message', (event) => peer.receive(event as TrainerEvent));
  return { child, peer, exited };
}

/** Resolves once a snapshot write has begun: its temporary folder is there. */
async function writeBegun(snapshotsDir: string, trainer: Trainer): Promise<void> {
  // The run's snapshots folder appears with its first snapshot.
  const writing = () => existsSync(snapshotsDir) && readdirSync(snapshotsDir).some((name) => name.startsWith(TMP_PREFIX) && !name.startsWith(DELETING));
  for (const deadline = Date.now() + 60_000; !writing(); await sleep(5)) {
    if (trainer.child.exitCode !== null) throw new Error(`the trainer exited (${trainer.child.exitCode}) before it wrote a snapshot`);
    if (Date.now() > deadline) throw new Error('no snapshot write began within 60 s');
  }
}

/** Opens the project as the next start does, and checks every snapshot of the run; returns the newest. */
function expectCleanStore(projectPath: string, runId: string): string | null {
  const project = ProjectStore.open(projectPath);
  project.settleInterruptedRuns();
  const snapshotsDir = snapshotsDirOf(project.runPath(runId));
  const listed = listSnapshots(snapshotsDir);
  // No half-written or half-deleted folder is left, and every folder is a snapshot with a manifest…
  expect(readdirSync(snapshotsDir).sort()).toEqual(listed.map((s) => s.id).sort());
  // …whose every file (its preview too, once listed) has its recorded size and sha256, with no
  // half-added file left inside it.
  for (const snapshot of listed) {
    expect(verifySnapshot(join(snapshotsDir, snapshot.id)), snapshot.id).toBeNull();
    expect(readdirSync(join(snapshotsDir, snapshot.id)).filter((name) => name.startsWith(TMP_PREFIX)), snapshot.id).toEqual([]);
  }
  const run = project.run(runId);
  expect(run?.state).toBe('stopped');
  const lastGood = listed.at(-1)?.id ?? null;
  expect(run?.interrupted?.lastGoodSnapshot).toBe(lastGood);
  return lastGood;
}

describe('the trainer process killed while it writes and deletes snapshots', () => {
  it(`leaves only complete, verifying snapshots and a run that resumes from the newest, ${TRIALS} kills at random moments`, async () => {
    const projectPath = join(dir, 'crash');
    const rng = new Rng(7);
    let runId = '';
    let snapshotsDir = '';
    let lastGood: string | null = null;
    const killedWhile = { writing: 0, deleting: 0, addingPreview: 0 };
    // Snapshots found with their preview after a kill (the worker adds it once one is written).
    let withPreview = 0;
    let deletedByRetention = 0;
    let next = startTrainer();
    for (let trial = 0; trial < TRIALS; trial++) {
      const trainer = next;
      const { peer } = trainer;
      await peer.next('hello');
      if (trial === 0) {
        await peer.request({ type: 'project/create', path: projectPath, name: 'Crash', withDemo: true }, 'project/opened');
        const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
        runId = (await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 3, plan }, 'run/created')).run.id;
        snapshotsDir = snapshotsDirOf(join(projectPath, 'runs', runId));
        // A snapshot after every step, and retention deleting all but the newest two automatic
        // ones: the trainer is writing or deleting a snapshot nearly all the time.
        const policy = { interval: { every: 1, unit: 'steps' }, keepLast: 2, hourlyForHours: 0, dailyForDays: 0 };
        await peer.request({ type: 'snapshot/policy', runId, policy }, 'snapshot/policy');
        await peer.request({ type: 'run/start', runId }, 'run/state');
        // One snapshot on disk before the first kill, so there is always one to resume from.
        await peer.next('snapshot/taken');
      } else {
        const { project } = await peer.request({ type: 'project/open', path: projectPath }, 'project/opened');
        expect(project.runs.find((r) => r.id === runId)?.interrupted?.lastGoodSnapshot).toBe(lastGood);
        // No id: the newest snapshot that verifies, which is what the window offers after a crash.
        const resumed = await peer.request({ type: 'snapshot/restore', runId }, 'snapshot/restored');
        expect(resumed.snapshot.id).toBe(lastGood);
      }
      await writeBegun(snapshotsDir, trainer);
      await sleep(rng.next() * 1500);
      trainer.child.kill('SIGKILL');
      await trainer.exited;
      // Killed by us, not dead of something else first.
      expect(trainer.child.signalCode).toBe('SIGKILL');
      // The next trainer starts while this one's leftovers are looked at.
      if (trial + 1 < TRIALS) next = startTrainer();

      const leftovers = readdirSync(snapshotsDir).filter((name) => name.startsWith(TMP_PREFIX));
      if (leftovers.some((name) => !name.startsWith(DELETING))) killedWhile.writing++;
      if (leftovers.some((name) => name.startsWith(DELETING))) killedWhile.deleting++;
      const complete = readdirSync(snapshotsDir).filter((name) => !name.startsWith(TMP_PREFIX));
      if (complete.some((id) => readdirSync(join(snapshotsDir, id)).some((name) => name.startsWith(TMP_PREFIX)))) killedWhile.addingPreview++;
      withPreview += complete.filter((id) => existsSync(join(snapshotsDir, id, 'preview.json'))).length;
      // A snapshot asked for while three are still being written is refused with a message
      // (after every step, most are); nothing else may go wrong.
      const errors = peer.events.filter((e) => e.type === 'error' && !/still being written/.test(e.message));
      expect(errors).toEqual([]);
      deletedByRetention += peer.events.filter((e) => e.type === 'snapshot/deleted').length;

      lastGood = expectCleanStore(projectPath, runId);
      expect(lastGood).not.toBeNull();
    }
    console.log(
      `${TRIALS} SIGKILLs: ${killedWhile.writing} while a snapshot was being written, ${killedWhile.deleting} while one was being deleted, ${killedWhile.addingPreview} while a preview was being added; retention deleted snapshots ${deletedByRetention} times; ${withPreview} snapshots found with their preview`,
    );
    // The kills really landed inside writes, not only between them, and deletes happened too.
    expect(killedWhile.writing).toBeGreaterThanOrEqual(TRIALS / 2);
    expect(deletedByRetention).toBeGreaterThan(0);
  }, 300_000);
});
