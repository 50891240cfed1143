import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, TrainerEvent, type MetricPoint, type RunSummary } from '../../trainer/protocol';
import { applyEvent, dismissError, selectRun } from './apply-event';
import { activeRun, activeRunData, currentStep, visibleError } from './selectors';
import { controls, point, project, run } from './test-fixtures';
import { initialTrainerView, MAX_RECENT_ERRORS, type TrainerView } from './trainer-view';

/** Every event goes through the real schema, so fixtures cannot drift from the protocol. */
function play(...events: unknown[]): TrainerView {
  return events.reduce<TrainerView>((state, raw) => applyEvent(state, TrainerEvent.parse(raw)), initialTrainerView);
}
function playOn(state: TrainerView, ...events: unknown[]): TrainerView {
  return events.reduce<TrainerView>((s, raw) => applyEvent(s, TrainerEvent.parse(raw)), state);
}

const opened = (runs: RunSummary[]) => ({ type: 'project/opened', project: project(runs) });
const batch = (runId: string, points: MetricPoint[]) => ({ type: 'metrics/batch', runId, points });

describe('connecting to a trainer', () => {
  it('shows the trainer version, the recipes it offers and the backend it picked', () => {
    const recipe = { id: 'r', title: 'R', dataKind: 'motion', presets: [{ name: 'tiny', cpu: true }], defaultPreset: 'tiny', layerGroups: ['encoder'], metrics: ['val/recon'], plans: [] };
    const s = play(
      { type: 'hello', protocolVersion: PROTOCOL_VERSION, trainerVersion: '0.1.0', pid: 42, recipes: [recipe] },
      { type: 'backend/selected', backend: 'wasm', requested: null, skipped: [{ backend: 'tensorflow', reason: 'not installed' }], kernels: { kind: 'stock', reason: 'STAGECRAFT_WASM_KERNELS=0' } },
    );
    expect(s.trainerVersion).toBe('0.1.0');
    expect(s.recipes).toEqual([recipe]);
    expect(s.backend).toBe('wasm');
    expect(s.backendSkipped).toEqual([{ backend: 'tensorflow', reason: 'not installed' }]);
    expect(s.backendKernels).toEqual({ kind: 'stock', reason: 'STAGECRAFT_WASM_KERNELS=0' });
    expect(s.errors).toEqual([]);
  });

  it('explains a protocol version mismatch in words', () => {
    const s = play({ type: 'hello', protocolVersion: PROTOCOL_VERSION + 1, trainerVersion: '9', pid: 1 });
    expect(visibleError(s)?.code).toBe('protocol-version');
    expect(visibleError(s)?.message).toMatch(/protocol version/);
  });
});

describe('projects and runs', () => {
  it('opening a project lists its runs and picks the live one', () => {
    const s = play(opened([run('r1'), run('r2', { state: 'paused', step: 40 }), run('r3')]));
    expect(s.project?.name).toBe('Demo speaker');
    expect(s.runs.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(s.activeRunId).toBe('r2');
  });

  it('with no live run, the newest run is active; an empty project has none', () => {
    expect(play(opened([run('r1'), run('r3'), run('r2')])).activeRunId).toBe('r3');
    expect(play(opened([])).activeRunId).toBeNull();
  });

  it('a new run is added to the list and becomes active', () => {
    const s = play(opened([run('r1')]), { type: 'run/created', run: run('r2') });
    expect(s.runs.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(activeRun(s)?.id).toBe('r2');
    expect(s.project?.runs).toHaveLength(2);
  });

  it('clicking a run makes it active; an unknown id changes nothing', () => {
    const s = play(opened([run('r1'), run('r2')]));
    expect(selectRun(s, 'r1').activeRunId).toBe('r1');
    expect(selectRun(s, 'nope')).toBe(s);
  });

  it('run/list keeps the chosen run when it still exists', () => {
    const s = selectRun(play(opened([run('r1'), run('r2')])), 'r1');
    expect(playOn(s, { type: 'run/list', runs: [run('r1'), run('r2'), run('r4')] }).activeRunId).toBe('r1');
    expect(playOn(s, { type: 'run/list', runs: [run('r2')] }).activeRunId).toBe('r2');
  });

  it('opening another project forgets the previous project’s metrics', () => {
    const s = play(opened([run('r1')]), batch('r1', [point(1)]), { type: 'project/opened', project: project([run('r1')], '/other') });
    expect(activeRunData(s).metrics.toArray()).toEqual([]);
  });
});

describe('run state', () => {
  it('start, pause, stop update the run summary and the active run', () => {
    let s = play(opened([run('r1')]));
    s = playOn(s, { type: 'run/state', run: run('r1', { state: 'running' }), reason: 'started by user' });
    expect(activeRun(s)?.state).toBe('running');
    s = playOn(s, { type: 'run/state', run: run('r1', { state: 'paused', step: 120 }), reason: 'paused by user' });
    expect(activeRun(s)?.state).toBe('paused');
    s = playOn(s, { type: 'run/state', run: run('r1', { state: 'stopped', step: 130 }), reason: 'stopped by user' });
    expect(activeRun(s)).toMatchObject({ state: 'stopped', step: 130 });
    expect(s.runs).toHaveLength(1);
  });

  it('a run that starts elsewhere becomes the active run', () => {
    const s = selectRun(play(opened([run('r1'), run('r2')])), 'r1');
    const next = playOn(s, { type: 'run/state', run: run('r2', { state: 'running' }), reason: 'started' });
    expect(next.activeRunId).toBe('r2');
  });

  it('a stopping run elsewhere does not steal the selection', () => {
    const s = selectRun(play(opened([run('r1'), run('r2', { state: 'running' })])), 'r1');
    expect(playOn(s, { type: 'run/state', run: run('r2', { state: 'stopped' }), reason: 'stopped' }).activeRunId).toBe('r1');
  });
});

describe('metrics', () => {
  it('batches accumulate in step order and advance the step counter', () => {
    const s = play(opened([run('r1', { state: 'running' })]), batch('r1', [point(1), point(2)]), batch('r1', [point(3)]));
    const metrics = activeRunData(s).metrics;
    expect(metrics.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(activeRun(s)?.step).toBe(3);
    expect(currentStep(activeRun(s), metrics)).toBe(3);
  });

  it('the runs list follows the best of each likeness series a batch reports, never the headline that switches series', () => {
    const likeness = (step: number, tokenizer: number, generator: number) => ({ step, time: step, values: { loss: 1, likeness: generator, 'val/tokenizer_likeness': tokenizer, 'val/generator_likeness': generator } });
    const s = play(opened([run('r1', { state: 'running' })]), batch('r1', [likeness(1, 90, 40), likeness(2, 97, 55)]), batch('r1', [likeness(3, 95, 50)]));
    expect(activeRun(s)?.bestLikeness).toEqual({ 'val/tokenizer_likeness': 97, 'val/generator_likeness': 55 });
    expect(activeRun(play(opened([run('r1')]), batch('r1', [point(1)])))?.bestLikeness).toBeUndefined();
  });

  it('keeps non-finite values as null', () => {
    const s = play(opened([run('r1')]), batch('r1', [point(1, null)]));
    expect(activeRunData(s).metrics.at(0)?.values.loss).toBeNull();
  });

  it('points resent after a resync are kept once', () => {
    const s = play(opened([run('r1')]), batch('r1', [point(1), point(2)]), batch('r1', [point(2), point(3)]));
    expect(activeRunData(s).metrics.map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it("an evaluation answered from a second process lands at its own step, after newer steps, and is not mistaken for a resend", () => {
    const late: MetricPoint = { step: 2, time: 99, values: { 'val/recon': 0.5 }, late: true };
    const s = play(opened([run('r1')]), batch('r1', [point(1), point(2), point(3)]), batch('r1', [late, point(4)]), batch('r1', [point(4), point(5)]));
    expect(activeRunData(s).metrics.map((p) => p.step)).toEqual([1, 2, 3, 2, 4, 5]);
    expect(activeRun(s)?.step).toBe(5);
    // Resent after a resync (the same late point, and steps already held): kept once.
    const resent = playOn(s, batch('r1', [point(4), late, point(5), point(6)]));
    expect(activeRunData(resent).metrics.map((p) => p.step)).toEqual([1, 2, 3, 2, 4, 5, 6]);
  });

  it('metrics of a run that is not active are kept for when it is selected', () => {
    const s = selectRun(play(opened([run('r1'), run('r2')]), batch('r2', [point(5)])), 'r1');
    expect(activeRunData(s).metrics.toArray()).toEqual([]);
    expect(activeRunData(selectRun(s, 'r2')).metrics).toHaveLength(1);
  });

  it('a batch appended to an earlier state leaves the later one as it was (pure for every caller)', () => {
    const before = play(opened([run('r1', { state: 'running' })]), batch('r1', [point(1)]));
    const after = playOn(before, batch('r1', [point(2), point(3)]));
    const replayed = playOn(before, batch('r1', [point(7)]));
    expect(activeRunData(before).metrics.map((p) => p.step)).toEqual([1]);
    expect(activeRunData(after).metrics.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(activeRunData(replayed).metrics.map((p) => p.step)).toEqual([1, 7]);
  });

  it('an empty or stale batch returns the same state (no re-render)', () => {
    const s = play(opened([run('r1')]), batch('r1', [point(4)]));
    expect(playOn(s, batch('r1', []))).toBe(s);
    expect(playOn(s, batch('r1', [point(3)]))).toBe(s);
  });
});

describe('session/state after a reload or reconnect', () => {
  const session = (metrics: MetricPoint[]) => ({
    type: 'session/state',
    backend: 'wasm',
    project: project([run('r1'), run('r2', { state: 'running', step: 3 })]),
    active: {
      run: run('r2', { state: 'running', step: 3 }),
      controls: controls({ learningRate: 2e-4 }),
      metrics,
      timeline: [],
      snapshots: [{ id: 's1', step: 2, reason: 'manual', label: 'before GAN', createdAt: 'x', bytes: 10 }],
    },
  });

  it('a fresh window gets the project, active run, every metric, controls and snapshots', () => {
    const s = play(session([point(1), point(2), point(3)]));
    expect(s.project?.name).toBe('Demo speaker');
    expect(s.backend).toBe('wasm');
    expect(activeRun(s)).toMatchObject({ id: 'r2', state: 'running' });
    const data = activeRunData(s);
    expect(data.metrics).toHaveLength(3);
    expect(data.controls).toEqual(controls({ learningRate: 2e-4 }));
    expect(data.snapshots.map((x) => x.label)).toEqual(['before GAN']);
  });

  it('replaces stale local state instead of merging it', () => {
    const stale = play(opened([run('r1'), run('r2')]), batch('r2', [point(1), point(9)]));
    const s = playOn(stale, session([point(1), point(2)]));
    expect(activeRunData(s).metrics.map((p) => p.step)).toEqual([1, 2]);
    expect(playOn(s, batch('r2', [point(2), point(3)])).runData.r2?.metrics.map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it('an import report is kept and the project’s datasets follow it', () => {
    const project = { path: '/p', name: 'Demo speaker', datasets: ['demo', 'takes'], runs: [run('r1')] };
    const report = { name: 'takes', source: '/data/takes', kind: 'audio-motion' as const, clips: { train: 5, validation: 1 }, seconds: 24, skeleton: { joints: 20, root: 'Hips', fps: 30 }, skipped: [{ file: 'cut.wav', reason: "'cut.wav': truncated" }] };
    const s = playOn(play(opened([run('r1')])), { type: 'dataset/imported', report, project });
    expect(s.lastImport).toEqual(report);
    expect(s.project?.datasets).toEqual(['demo', 'takes']);
    expect(s.activeRunId).toBe('r1');
  });

  it('with no project the window is empty again', () => {
    const s = playOn(play(opened([run('r1')])), { type: 'session/state', backend: null, project: null, active: null });
    expect(s.project).toBeNull();
    expect(s.runs).toEqual([]);
    expect(s.activeRunId).toBeNull();
  });
});

describe('snapshots', () => {
  it('a snapshot appears once', () => {
    const snap = { type: 'snapshot/taken', runId: 'r1', snapshot: { id: 's1', step: 5, reason: 'manual', label: '', createdAt: 'x', bytes: 1 } };
    expect(activeRunData(play(opened([run('r1')]), snap, snap)).snapshots).toHaveLength(1);
  });
});

describe('errors and a dead trainer', () => {
  const error = (message: string) => ({ type: 'error', code: 'no-project', message, commandType: 'run/create' });

  it('errors are recorded newest last and the banner shows the newest undismissed one', () => {
    const s = play(error('Open a project first.'), error('Still no project.'));
    expect(s.errors.map((e) => e.message)).toEqual(['Open a project first.', 'Still no project.']);
    expect(visibleError(s)?.message).toBe('Still no project.');
    const dismissed = dismissError(s, visibleError(s)!.id);
    expect(visibleError(dismissed)?.message).toBe('Open a project first.');
    expect(visibleError(dismissError(dismissed, s.errors[0]!.id))).toBeNull();
  });

  it('keeps a bounded list of recent errors', () => {
    const s = play(...Array.from({ length: MAX_RECENT_ERRORS + 5 }, (_, i) => error(`e${i}`)));
    expect(s.errors).toHaveLength(MAX_RECENT_ERRORS);
    expect(s.errors.at(-1)?.message).toBe(`e${MAX_RECENT_ERRORS + 4}`);
  });

  it('trainer/exited marks the trainer stopped, keeping what it last reported', () => {
    const s = play(opened([run('r1', { state: 'running' })]), batch('r1', [point(1)]), {
      type: 'trainer/exited',
      code: 1,
      signal: null,
      message: 'The trainer exited with code 1.',
    });
    expect(s.exited).toEqual({ code: 1, signal: null, message: 'The trainer exited with code 1.' });
    expect(activeRunData(s).metrics).toHaveLength(1);
  });

  it('a restarted trainer that says hello clears the stopped state', () => {
    const s = play({ type: 'trainer/exited', code: null, signal: 'SIGKILL', message: 'killed' }, { type: 'hello', protocolVersion: PROTOCOL_VERSION, trainerVersion: '0.1.0', pid: 2 });
    expect(s.exited).toBeNull();
  });
});
