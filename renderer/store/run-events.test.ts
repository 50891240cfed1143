import { describe, expect, it } from 'vitest';
import { TrainerEvent, type RunSummary, type SnapshotInfo, type TimelineMark } from '../../trainer/protocol';
import { applyEvent } from './apply-event';
import { dismissWarning } from './run-events';
import { activeRun, activeRunData, appliedControls, appliedStepOf, stageProgress } from './selectors';
import { controls, plan, point, project, run } from './test-fixtures';
import { initialTrainerView, MAX_WARNINGS, type TrainerView } from './trainer-view';

/** Every event goes through the real schema, so fixtures cannot drift from the protocol. */
function play(...events: unknown[]): TrainerView {
  return playOn(initialTrainerView, ...events);
}
function playOn(state: TrainerView, ...events: unknown[]): TrainerView {
  return events.reduce<TrainerView>((s, raw) => applyEvent(s, TrainerEvent.parse(raw)), state);
}

const opened = (runs: RunSummary[] = [run('r1', { state: 'running' })]) => ({ type: 'project/opened', project: project(runs) });
const applied = (step: number, changed: string[], label: string, over = controls()) => ({
  type: 'controls/applied',
  runId: 'r1',
  step,
  controls: over,
  changed,
  label,
});
const snapshot = (id: string, step: number, reason = 'before random warp off', label = ''): SnapshotInfo => ({
  id,
  step,
  reason,
  label,
  createdAt: '2025-01-01T00:00:00Z',
  bytes: 1,
  branch: 'main',
});
const snapped = (s: SnapshotInfo) => ({ type: 'snapshot/taken', runId: 'r1', snapshot: s });
const warning = (step: number, code: string, message: string) => ({ type: 'warning', runId: 'r1', step, code, message });
const kinds = (timeline: TimelineMark[]) => timeline.map((m) => `${m.step}:${m.kind}`);

describe('controls/applied', () => {
  it('shows the applied controls on the run and records the step each changed key took effect at', () => {
    const off = controls({ randomWarp: { enabled: false, strength: 1 } });
    let s = play(opened(), applied(120, ['randomWarp.enabled'], 'random warp off', off));
    expect(appliedControls(s)?.randomWarp.enabled).toBe(false);
    expect(activeRun(s)?.controls.randomWarp.enabled).toBe(false);
    expect(activeRunData(s).appliedAt).toEqual({ 'randomWarp.enabled': 120 });

    const locked = controls({ randomWarp: { enabled: false, strength: 1 }, locks: { encoder: true, decoder: false, discriminator: false } });
    s = playOn(s, applied(180, ['locks.encoder'], 'lock encoder', locked));
    expect(activeRunData(s).appliedAt).toEqual({ 'randomWarp.enabled': 120, 'locks.encoder': 180 });
    expect(appliedStepOf(activeRunData(s).appliedAt, 'locks.encoder')).toBe(180);
    expect(appliedStepOf(activeRunData(s).appliedAt, 'locks.decoder')).toBeNull();
  });

  it('leaves a controls mark with the trainer’s label and what changed, as the trainer’s own timeline does', () => {
    const s = play(opened(), applied(120, ['randomWarp.enabled', 'learningRate'], 'random warp off, LR 2.0e-3 → 1.0e-3'));
    expect(activeRunData(s).timeline).toEqual([
      { step: 120, kind: 'controls', label: 'random warp off, LR 2.0e-3 → 1.0e-3', changed: ['randomWarp.enabled', 'learningRate'] },
    ]);
  });

  it('a patch that changed nothing updates the controls but leaves no mark', () => {
    const s = play(opened(), applied(7, [], 'no change'));
    expect(activeRunData(s).timeline).toEqual([]);
    expect(activeRunData(s).appliedAt).toEqual({});
    expect(activeRunData(s).controls).toEqual(controls());
  });

  it('each control has its own applied-at step: the trainer names what changed by its control path', () => {
    expect(appliedStepOf({ 'randomWarp.enabled': 40, 'randomWarp.strength': 90 }, 'randomWarp.enabled')).toBe(40);
    expect(appliedStepOf({ 'randomWarp.enabled': 40 }, 'randomWarp.strength')).toBeNull();
    // A name that is no control path does not get into the window at all.
    expect(() => TrainerEvent.parse({ type: 'controls/applied', runId: 'r1', step: 5, controls: controls(), changed: ['randomWarp'], label: 'x' })).toThrow(/control path/);
  });
});

describe('the run timeline', () => {
  it('marks accumulate in step order, whatever order they arrive in', () => {
    const s = play(
      opened(),
      snapped(snapshot('s1', 100)),
      applied(101, ['randomWarp.enabled'], 'random warp off'),
      warning(90, 'loss-spike', 'Loss jumped 8× at step 90.'),
      { type: 'stage/changed', runId: 'r1', step: 101, stage: { index: 1, startedAt: 101 }, name: 'Sharpen', reason: 'next stage by user' },
    );
    expect(kinds(activeRunData(s).timeline)).toEqual(['90:warning', '100:snapshot', '101:controls', '101:stage']);
  });

  it('a snapshot mark names its reason and label, and a repeated snapshot is marked once', () => {
    const s = play(opened(), snapped(snapshot('s1', 100, 'manual', 'before GAN')), snapped(snapshot('s1', 100, 'manual', 'before GAN')));
    expect(activeRunData(s).timeline).toEqual([{ step: 100, kind: 'snapshot', label: 'manual: before GAN' }]);
    expect(activeRunData(s).snapshots).toHaveLength(1);
  });

  it('session/state replaces the timeline with the trainer’s, in step order', () => {
    const stale = play(opened(), applied(50, ['learningRate'], 'LR up'));
    const timeline = [
      { step: 300, kind: 'stage', label: 'stage 2: Sharpen' },
      { step: 120, kind: 'snapshot', label: 'auto before random warp off' },
      { step: 121, kind: 'controls', label: 'random warp off' },
    ];
    const active = { run: run('r1', { state: 'running', step: 310 }), controls: controls(), metrics: [point(310)], snapshots: [], timeline };
    const s = playOn(stale, { type: 'session/state', backend: 'wasm', project: project([run('r1')]), active });
    expect(kinds(activeRunData(s).timeline)).toEqual(['120:snapshot', '121:controls', '300:stage']);
    // A mark without `changed` names no control: what this window saw of applied-at steps is kept.
    expect(activeRunData(s).appliedAt).toEqual({ learningRate: 50 });
  });

  it('session/state brings applied-at steps back from the controls marks that say what changed', () => {
    const timeline = [
      { step: 40, kind: 'controls', label: 'random warp on', changed: ['randomWarp.enabled', 'precision'] },
      { step: 120, kind: 'snapshot', label: 'auto before random warp off' },
      { step: 120, kind: 'controls', label: 'random warp off', changed: ['randomWarp.enabled'] },
      { step: 90, kind: 'controls', label: 'lock encoder', changed: ['locks.encoder'] },
      { step: 95, kind: 'controls', label: 'an older mark, before marks named what changed' },
    ];
    const active = { run: run('r1', { state: 'running', step: 130 }), controls: controls(), metrics: [point(130)], snapshots: [], timeline };
    // A fresh window (a page reload) knows nothing but what the trainer sends.
    const s = play({ type: 'session/state', backend: 'wasm', project: project([run('r1')]), active });
    const { appliedAt } = activeRunData(s);
    expect(appliedAt).toEqual({ 'randomWarp.enabled': 120, precision: 40, 'locks.encoder': 90 });
    expect(appliedStepOf(appliedAt, 'randomWarp.enabled')).toBe(120);
    expect(appliedStepOf(appliedAt, 'locks.decoder')).toBeNull();
  });

  it('after a resync the trainer’s applied-at steps win over what this window remembered; the rest is kept', () => {
    const seen = play(opened(), applied(50, ['learningRate'], 'LR up'), applied(60, ['gan.enabled'], 'GAN on'));
    const timeline = [{ step: 70, kind: 'controls', label: 'LR down', changed: ['learningRate'] }];
    const active = { run: run('r1', { state: 'running', step: 80 }), controls: controls(), metrics: [], snapshots: [], timeline };
    const s = playOn(seen, { type: 'session/state', backend: 'wasm', project: project([run('r1')]), active });
    expect(activeRunData(s).appliedAt).toEqual({ learningRate: 70, 'gan.enabled': 60 });
    // The live mark and the resent one are the same mark: it is drawn once.
    expect(playOn(s, applied(70, ['learningRate'], 'LR down')).runData.r1?.timeline).toHaveLength(1);
  });

  it('events for a run nobody knows change nothing visible', () => {
    const s = play(opened(), { ...applied(5, ['learningRate'], 'LR up'), runId: 'ghost' });
    expect(activeRunData(s).timeline).toEqual([]);
    expect(s.runs.map((r) => r.id)).toEqual(['r1']);
  });
});

describe('stages and plans', () => {
  it('stage/changed moves the run to the new stage and marks it with the stage’s name', () => {
    const s = play(opened(), { type: 'stage/changed', runId: 'r1', step: 2000, stage: { index: 1, startedAt: 2000 }, name: 'Sharpen', reason: '2,000 steps done' });
    expect(activeRun(s)?.stage).toEqual({ index: 1, startedAt: 2000 });
    expect(activeRunData(s).timeline).toEqual([{ step: 2000, kind: 'stage', label: 'stage 2: Sharpen' }]);
    expect(stageProgress(activeRun(s), 2150)).toMatchObject({ index: 1, stepsIn: 150, stage: { name: 'Sharpen' } });
  });

  it('plan/updated replaces the plan and the position in it', () => {
    const shorter = { name: 'Just one', stages: [plan.stages[2]!] };
    const s = play(opened(), { type: 'plan/updated', runId: 'r1', plan: shorter, stage: { index: 0, startedAt: 40 } });
    expect(activeRun(s)?.plan).toEqual(shorter);
    expect(activeRun(s)?.stage).toEqual({ index: 0, startedAt: 40 });
    expect(s.project?.runs[0]?.plan.name).toBe('Just one');
    expect(activeRunData(s).timeline).toEqual([]);
  });
});

describe('warnings', () => {
  it('are kept as notices and marked on the timeline; the same warning resent is kept once', () => {
    const w = warning(400, 'collapse', 'Loss collapsed at step 400; the run was paused. Last good snapshot: s3 (step 380).');
    const s = play(opened(), w, w);
    expect(activeRunData(s).warnings).toEqual([expect.objectContaining({ step: 400, code: 'collapse', dismissed: false })]);
    expect(activeRunData(s).timeline).toEqual([{ step: 400, kind: 'warning', label: w.message }]);
    expect(s.errors).toEqual([]);
  });

  it('can be dismissed, and stay bounded', () => {
    const many = play(opened(), ...Array.from({ length: MAX_WARNINGS + 3 }, (_, i) => warning(i, 'overflow', `Overflow ${i}`)));
    expect(activeRunData(many).warnings).toHaveLength(MAX_WARNINGS);
    const key = activeRunData(many).warnings.at(-1)!.key;
    const dismissed = dismissWarning(many, 'r1', key);
    expect(activeRunData(dismissed).warnings.at(-1)?.dismissed).toBe(true);
    expect(dismissWarning(dismissed, 'r1', key)).toBe(dismissed);
  });
});

describe('motion exports', () => {
  it('keeps each exported motion of a run, newest last', () => {
    const exported = (step: number) => ({ type: 'motion/exported', runId: 'run-1', step, audio: '/a.wav', bvh: `/a-${step}.bvh`, json: `/a-${step}.json`, seconds: 8 });
    const state = play({ type: 'run/created', run: run('run-1') }, exported(10), exported(20));
    expect(state.runData['run-1']?.exports.map((e) => e.step)).toEqual([10, 20]);
  });
});

describe('the stage hand-off and warnings that clear', () => {
  const handoff = { step: 40, index: 0, reason: '40 steps done', next: { index: 1, name: 'GAN' }, changes: [{ path: 'gan.enabled', label: 'GAN on', manual: false }], snapshot: 'auto before GAN on (stage 2: GAN)' };

  it('puts the hand-off on the run with a marker where the stage ended, and takes it off when it is answered', () => {
    const asked = play(opened(), { type: 'stage/handoff', runId: 'r1', handoff });
    expect(activeRun(asked)?.handoff).toEqual(handoff);
    expect(activeRunData(asked).timeline).toEqual([{ step: 40, kind: 'stage', label: 'stage 1 ended (40 steps done): waiting for you' }]);
    // An update (a control changed while it waits) is the same hand-off: one marker.
    const updated = playOn(asked, { type: 'stage/handoff', runId: 'r1', handoff: { ...handoff, changes: [] } });
    expect(activeRunData(updated).timeline).toHaveLength(1);
    const answered = playOn(updated, { type: 'stage/handoff', runId: 'r1', handoff: null });
    expect(activeRun(answered)?.handoff).toBeUndefined();
  });

  it('takes a warning off the screen when the trainer says its condition ended, keeping its marker', () => {
    const warned = play(opened(), warning(100, 'loss-spike', 'Loss 3.1 at step 100 is 4.0× its moving average (0.78).'), warning(120, 'likeness-drop', 'Likeness fell.'));
    const cleared = playOn(warned, { type: 'warning/cleared', runId: 'r1', step: 160, code: 'loss-spike', message: 'The loss is back near its moving average.' });
    expect(activeRunData(cleared).warnings.map((w) => [w.code, w.dismissed])).toEqual([
      ['loss-spike', true],
      ['likeness-drop', false],
    ]);
    expect(activeRunData(cleared).timeline.filter((m) => m.kind === 'warning')).toHaveLength(2);
  });
});
