/**
 * One trainer per project folder, with real processes: a trainer child trains a run in a
 * project; a second trainer (the Session in this test process) opening it is refused with a
 * sentence naming the holder, and touches nothing (the live run is not marked interrupted).
 * Once the holder is killed, its lock is taken over; closing a project (opening another) and
 * a trainer's exit release the lock.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { tempDir } from '../data/test-fixtures.js';
import { startTrainerChild, type TrainerChild } from '../serve/trainer-child.js';
import { EventPeer } from '../testing/event-peer.js';
import { inProcessSession } from '../testing/in-process-session.js';
import { LOCK_FILE, ProjectLock } from './project-lock.js';

let dir: string;
let cleanup: () => void;
const children: TrainerChild[] = [];
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  writeDemoDataset(join(dir, 'incoming'), { trainClips: 2, validationClips: 1, seconds: 3 });
});
afterAll(async () => {
  for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  cleanup();
});

async function trainerChild(): Promise<{ child: TrainerChild; peer: EventPeer }> {
  const child = startTrainerChild({ STAGECRAFT_DATA: dir, STAGECRAFT_BACKEND: 'wasm', STAGECRAFT_OPEN_DEMO: '', STAGECRAFT_SHELL: 'serve mode (lock test)' });
  children.push(child);
  const peer = new EventPeer((raw) => child.send(raw as never));
  child.onEvent(peer.receive);
  await peer.next('hello');
  return { child, peer };
}

const lockOf = (project: string) => JSON.parse(readFileSync(join(dir, project, LOCK_FILE), 'utf8')) as { pid: number; shell: string };
const runState = (project: string) => (JSON.parse(readFileSync(join(dir, project, 'runs', 'run-1', 'run.json'), 'utf8')) as { state: string; interrupted?: unknown });

describe('one trainer per project folder', () => {
  it('refuses a second trainer with a sentence naming the holder, takes over the lock of a killed one, and releases on close and exit', async () => {
    const { child, peer } = await trainerChild();
    await peer.request({ type: 'project/create', path: 'shared', name: 'Shared', withDemo: false }, 'project/opened');
    await peer.request({ type: 'dataset/import', path: 'incoming' }, 'dataset/imported');
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 1 }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.length > 0);
    expect(lockOf('shared')).toMatchObject({ pid: child.process.pid, shell: 'serve mode (lock test)' });

    // A second trainer: refused, naming the holder; the live run is not marked interrupted under it.
    const second = inProcessSession(dir);
    const refused = await second.request({ type: 'project/open', path: 'shared' }, 'error');
    expect(refused.code).toBe('busy');
    expect(refused.message).toMatch(
      new RegExp(`^Project 'Shared' is open in another Stagecraft trainer \\(serve mode \\(lock test\\), process ${child.process.pid} on this computer, running since .+\\)\\. Close it there or quit that Stagecraft, then open it here: two trainers writing one project would corrupt its runs\\. Nothing was changed\\.$`),
    );
    expect(runState('shared')).toMatchObject({ state: 'running' });
    expect(runState('shared').interrupted).toBeUndefined();
    const later = peer.events.length;
    await peer.next('metrics/batch', (e) => e.points.length > 0, { since: later });

    // The holder is killed: its lock is stale and taken over; the run it left is settled as interrupted.
    const exited = new Promise((resolve) => child.process.once('exit', resolve));
    child.process.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dir, 'shared', LOCK_FILE))).toBe(true);
    const { project } = await second.request({ type: 'project/open', path: 'shared' }, 'project/opened');
    expect(project.runs[0]).toMatchObject({ state: 'stopped', interrupted: { step: expect.any(Number) } });
    expect(lockOf('shared').pid).toBe(process.pid);

    // Opening another project lets go of this one: a trainer child can now open it and holds it until it exits.
    await second.request({ type: 'project/create', path: 'other', name: 'Other', withDemo: false }, 'project/opened');
    expect(existsSync(join(dir, 'shared', LOCK_FILE))).toBe(false);
    const next = await trainerChild();
    await next.peer.request({ type: 'project/open', path: 'shared' }, 'project/opened');
    expect(lockOf('shared').pid).toBe(next.child.process.pid);
    await next.child.stop();
    expect(existsSync(join(dir, 'shared', LOCK_FILE))).toBe(false);
  }, 180_000);
});


describe('project lock files left behind', () => {
  const project = () => {
    const folder = join(dir, `locks-${Math.random().toString(36).slice(2)}`);
    mkdirSync(folder);
    return folder;
  };

  it('takes over a lock whose process is gone, and one a crash left torn', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (const text of [JSON.stringify({ pid: gone, startedAt: new Date().toISOString(), host: hostname(), shell: 'serve mode' }), '{"pid": 12']) {
      const folder = project();
      writeFileSync(join(folder, LOCK_FILE), text);
      const lock = ProjectLock.acquire(folder, 'P', 'a test');
      expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, shell: 'a test' });
      lock.release();
      expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    }
  });

  it("counts another machine's lock as held, and says which machine and what to delete if nothing runs there", () => {
    const folder = project();
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ pid: 1, startedAt: '2025-01-02T03:04:05Z', host: 'gpu-box', shell: 'serve mode (process 7)' }));
    expect(() => ProjectLock.acquire(folder, 'P', 'a test')).toThrow(
      new RegExp(`^Project 'P' is open in another Stagecraft trainer \\(serve mode \\(process 7\\), process 1 on 'gpu-box', running since .+\\)\\..* If no Stagecraft runs on 'gpu-box', delete '.*${LOCK_FILE}'\\.$`),
    );
  });
});
