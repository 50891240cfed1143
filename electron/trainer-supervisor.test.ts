/**
 * The supervisor's restart and timeout logic, with Electron mocked at the module boundary:
 * `utilityProcess.fork` returns a scripted child, `MessageChannelMain` a pair of plain objects.
 * Time is fake, so "waits 15 s, then kills" runs instantly and deterministically.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary, TrainerEvent } from '../trainer/protocol';

class FakeChild extends EventEmitter {
  readonly posted: { message: unknown; ports?: unknown[] }[] = [];
  killed = 0;
  pid = 4242;
  stdout = null;
  stderr = null;
  /** How children forked from now on answer (a restart forks inside the code under test). */
  static nextAnswer: (command: { type: string; requestId?: string; runId?: string }) => TrainerEvent[] = () => [];
  /** How this child answers commands; by default never (a hung trainer). */
  answer = FakeChild.nextAnswer;
  exitOnKill = true;
  postMessage(message: unknown, ports?: unknown[]) {
    this.posted.push({ message, ...(ports ? { ports } : {}) });
    const replies = this.answer(message as { type: string });
    queueMicrotask(() => replies.forEach((event) => this.emit('message', event)));
  }
  kill() {
    this.killed++;
    if (this.exitOnKill) queueMicrotask(() => this.emit('exit', 0));
    return true;
  }
  commands(): string[] {
    return this.posted.map((p) => (p.message as { type: string }).type);
  }
}

const forked: FakeChild[] = [];
vi.mock('electron', () => ({
  utilityProcess: {
    fork: () => {
      const child = new FakeChild();
      forked.push(child);
      return child;
    },
  },
  MessageChannelMain: class {
    port1 = { name: 'trainer end' };
    port2 = { name: 'window end' };
  },
}));

const { TrainerSupervisor } = await import('./trainer-supervisor');

const run = (state: RunSummary['state']) => ({ id: 'run-1', state }) as RunSummary;
const quiet = () => {};

beforeEach(() => {
  forked.length = 0;
  FakeChild.nextAnswer = () => [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function started(options: Partial<ConstructorParameters<typeof TrainerSupervisor>[0]> = {}) {
  const crashes: TrainerEvent[] = [];
  const supervisor = new TrainerSupervisor({ entry: 'main.js', env: {}, stopTimeoutMs: 15_000, killTimeoutMs: 3_000, onCrash: (e) => crashes.push(e), log: quiet, ...options });
  supervisor.start();
  return { supervisor, child: forked.at(-1)!, crashes };
}

/** The trainer reports an open project and a live run, as it would over parentPort. */
function openProjectWithLiveRun(child: FakeChild) {
  child.emit('message', { type: 'project/opened', project: { path: '/home/p/Stagecraft/demo', name: 'demo', datasets: [], runs: [] } });
  child.emit('message', { type: 'run/state', run: run('running'), reason: 'started by user' });
}

describe('trainer supervisor', () => {
  it('hands the window its own end of a fresh channel and the trainer the other', () => {
    const { supervisor, child } = started();
    const port = supervisor.connectWindow();
    expect(port).toEqual({ name: 'window end' });
    expect(child.posted).toEqual([{ message: { type: 'stagecraft/window-port' }, ports: [{ name: 'trainer end' }] }]);
  });

  it('grants the trainer what the person picked, ahead of the command naming it, and again to a restarted trainer before it reopens the project', async () => {
    const { supervisor, child } = started();
    supervisor.grant('/home/p/Projects');
    supervisor.send({ type: 'project/open', path: '/home/p/Projects/talk', requestId: 'open-1' });
    expect(child.posted.map((p) => p.message)).toEqual([
      { type: 'stagecraft/grant-path', path: '/home/p/Projects' },
      { type: 'project/open', path: '/home/p/Projects/talk', requestId: 'open-1' },
    ]);
    child.emit('message', { type: 'project/opened', project: { path: '/home/p/Projects/talk', name: 'talk', datasets: [], runs: [] } });
    child.emit('exit', 134);
    FakeChild.nextAnswer = (c) => (c.type === 'project/open' ? [{ type: 'project/opened', requestId: c.requestId!, project: { path: '/home/p/Projects/talk', name: 'talk', datasets: [], runs: [] } }] : []);
    await supervisor.restart();
    expect(forked[1]!.posted.map((p) => (p.message as { type: string }).type).slice(0, 2)).toEqual(['stagecraft/grant-path', 'project/open']);
  });

  it('reports a crash, and a restart reopens the project, resumes the run from its last good snapshot and gives the window a new port', async () => {
    const spawns: number[] = [];
    const { supervisor, child, crashes } = started({ onSpawn: () => spawns.push(forked.length) });
    openProjectWithLiveRun(child);
    child.emit('exit', 134);
    expect(crashes).toEqual([expect.objectContaining({ type: 'trainer/exited', code: 134, message: expect.stringMatching(/unexpectedly.*interrupted/) })]);
    expect(supervisor.running).toBe(false);
    expect(supervisor.send({ type: 'state/get' })).toBe(false);

    FakeChild.nextAnswer = (c) =>
      c.type === 'project/open'
        ? [{ type: 'project/opened', requestId: c.requestId!, project: { path: '/home/p/Stagecraft/demo', name: 'demo', datasets: [], runs: [{ ...run('stopped'), interrupted: { step: 40, lastGoodSnapshot: 'step-00000030-k2' } }] } }]
        : [];
    await supervisor.restart();
    expect(forked).toHaveLength(2);
    expect(spawns).toEqual([1, 2]);
    expect(forked[1]!.posted.map((p) => p.message)).toEqual([
      { type: 'project/open', path: '/home/p/Stagecraft/demo', requestId: expect.stringMatching(/^shell-reopen/) },
      { type: 'snapshot/restore', runId: 'run-1', snapshotId: 'step-00000030-k2', mode: 'branch', requestId: expect.stringMatching(/^shell-resume/) },
    ]);
  });

  it('after a crash with no snapshot that verifies, the run stays stopped: the project reopens and nothing more', async () => {
    const { supervisor, child } = started();
    openProjectWithLiveRun(child);
    child.emit('exit', 1);
    FakeChild.nextAnswer = (c) =>
      c.type === 'project/open' ? [{ type: 'project/opened', requestId: c.requestId!, project: { path: '/p', name: 'p', datasets: [], runs: [{ ...run('stopped'), interrupted: { step: 3, lastGoodSnapshot: null } }] } }] : [];
    await supervisor.restart();
    expect(forked[1]!.commands()).toEqual(['project/open']);
  });

  it('a restart asked for while the trainer runs stops the run first and does not resume it', async () => {
    const { supervisor, child } = started();
    openProjectWithLiveRun(child);
    child.answer = (c) => (c.type === 'run/stop' ? [{ type: 'run/state', requestId: c.requestId!, run: run('stopped'), reason: 'stopped by user' }] : []);
    FakeChild.nextAnswer = (c) => (c.type === 'project/open' ? [{ type: 'project/opened', requestId: c.requestId!, project: { path: '/p', name: 'p', datasets: [], runs: [run('stopped')] } }] : []);
    await supervisor.restart();
    expect(child.commands()).toEqual(['run/stop']);
    expect(child.killed).toBe(1);
    expect(forked[1]!.commands()).toEqual(['project/open']);
  });

  it('a trainer that was asked to stop is not reported as a crash', async () => {
    const { supervisor, crashes } = started();
    const outcome = await supervisor.stop({ snapshotFirst: false });
    expect(outcome).toBe('exited');
    expect(crashes).toEqual([]);
  });

  it('on quit stops the live run (snapshot first when chosen) and ends the process once it has answered', async () => {
    const { supervisor, child } = started();
    openProjectWithLiveRun(child);
    child.answer = (c) =>
      c.type === 'snapshot/take'
        ? [{ type: 'snapshot/taken', requestId: c.requestId!, runId: 'run-1', snapshot: { id: 'step-00000010-a', step: 10, reason: 'manual', label: 'on exit', createdAt: '', bytes: 1, branch: 'main' } }]
        : c.type === 'run/stop'
          ? [{ type: 'run/state', requestId: c.requestId!, run: run('stopped'), reason: 'stopped by user' }]
          : [];
    const outcome = await supervisor.stop({ snapshotFirst: true });
    expect(child.commands()).toEqual(['snapshot/take', 'run/stop']);
    expect(child.killed).toBe(1);
    expect(outcome).toBe('exited');
    expect(supervisor.state.liveRun).toBeNull();
    expect(supervisor.state.lastSnapshot['run-1']).toEqual({ id: 'step-00000010-a', step: 10 });
  });

  it('ends a trainer that never answers run/stop once the stop timeout has passed', async () => {
    const { supervisor, child } = started();
    openProjectWithLiveRun(child);
    const stopping = supervisor.stop({ snapshotFirst: false });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(child.killed).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(child.killed).toBe(1);
    expect(await stopping).toBe('exited');
  });

  it('kills outright a trainer that ignores the request to exit', async () => {
    const kills = vi.spyOn(process, 'kill').mockImplementation(() => {
      queueMicrotask(() => forked[0]!.emit('exit', null));
      return true;
    });
    const { supervisor, child } = started();
    child.exitOnKill = false;
    const stopping = supervisor.stop({ snapshotFirst: false });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await stopping).toBe('killed');
    expect(kills).toHaveBeenCalledWith(4242, 'SIGKILL');
    kills.mockRestore();
  });
});
