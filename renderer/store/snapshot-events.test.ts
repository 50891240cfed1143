import { describe, expect, it } from 'vitest';
import { TrainerEvent, type CommandInput, type SnapshotInfo } from '../../trainer/protocol';
import { createAppStore } from './app-store';
import { applyEvent } from './apply-event';
import { activeRun, activeRunData } from './selectors';
import { initialSnapshotUi, snapshotUiAfter } from './snapshots-slice';
import { point, project, run } from './test-fixtures';
import { initialTrainerView, type TrainerView } from './trainer-view';

/** Every event goes through the real schema, so fixtures cannot drift from the protocol. */
const play = (state: TrainerView, ...events: unknown[]) => events.reduce<TrainerView>((s, raw) => applyEvent(s, TrainerEvent.parse(raw)), state);

const snap = (id: string, step: number, branch?: string): SnapshotInfo => ({ id, step, reason: 'manual', label: '', createdAt: '2026-01-01T00:00:00Z', bytes: 10, branch: branch ?? 'main' });
const batch = (from: number, to: number, branch = 'main') => ({ type: 'metrics/batch', runId: 'r1', branch, points: Array.from({ length: to - from + 1 }, (_, i) => point(from + i)) });
const steps = (state: TrainerView) => activeRunData(state).metrics.map((p) => p.step);

const started = () =>
  play(
    initialTrainerView,
    { type: 'project/opened', project: project([run('r1', { state: 'running' })]) },
    batch(0, 20),
    { type: 'controls/applied', runId: 'r1', step: 12, controls: run('r1').controls, changed: ['gan.enabled'], label: 'GAN on' },
  );

describe('snapshots and branches in the store', () => {
  it('after a restore as a new branch the charts show that branch: its history up to the snapshot, then its live points', () => {
    const restored = play(started(), {
      type: 'snapshot/restored',
      runId: 'r1',
      snapshot: snap('step-00000005-a', 5),
      mode: 'branch',
      run: run('r1', { state: 'running', step: 5, branch: 'branch-1', branches: [{ name: 'branch-1', parent: 'main', forkStep: 5, snapshotId: 'step-00000005-a', createdAt: '' }] }),
      metrics: [0, 1, 2, 3, 4, 5].map((s) => point(s)),
      timeline: [{ step: 5, kind: 'snapshot', label: 'restored step 5 as branch-1' }],
      message: "Restored step 5 as branch-1; main's 9 steps are kept (choose main under Branch to see them).",
    });
    expect(steps(restored)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(activeRunData(restored).snapshotNotes).toEqual([{ kind: 'restored', text: "Restored step 5 as branch-1; main's 9 steps are kept (choose main under Branch to see them)." }]);
    expect(activeRunData(restored).appliedAt).toEqual({});
    expect(activeRun(restored)?.branch).toBe('branch-1');
    const going = play(restored, batch(6, 8, 'branch-1'));
    expect(steps(going)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);

    // Browsing main: its history replaces the points, and branch-1's live points stay out of it.
    const browsing = play(going, { type: 'metrics/history', runId: 'r1', branch: 'main', points: Array.from({ length: 21 }, (_, i) => point(i)) }, batch(9, 10, 'branch-1'));
    expect(steps(browsing)).toHaveLength(21);
    expect(activeRunData(browsing).branch).toBe('main');
    // Back on the branch it trains on, live points are added again.
    const back = play(browsing, { type: 'metrics/history', runId: 'r1', branch: 'branch-1', points: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => point(s)) }, batch(11, 11, 'branch-1'));
    expect(steps(back).at(-1)).toBe(11);
  });

  it('keeps the snapshot list the trainer reports, drops deleted ones, and remembers verdicts', () => {
    const listed = play(started(), { type: 'snapshot/list', runId: 'r1', snapshots: [snap('step-00000001-a', 1), snap('step-00000002-b', 2)], branch: 'main', branches: [] });
    expect(activeRunData(listed).snapshots.map((s) => s.step)).toEqual([1, 2]);
    const deleted = play(listed, { type: 'snapshot/deleted', runId: 'r1', snapshotIds: ['step-00000001-a'], by: 'policy', reason: '1 interval snapshot thinned by the snapshot policy' });
    expect(activeRunData(deleted).snapshots.map((s) => s.step)).toEqual([2]);
    // What the policy thinned is said in the panel; what the person deleted is not repeated back.
    expect(activeRunData(deleted).snapshotNotes).toEqual([{ kind: 'thinned', text: '1 interval snapshot thinned by the snapshot policy' }]);
    const byHand = play(deleted, { type: 'snapshot/deleted', runId: 'r1', snapshotIds: ['step-00000002-b'], by: 'person', reason: 'deleted by user' });
    expect(activeRunData(byHand).snapshots).toEqual([]);
    expect(activeRunData(byHand).snapshotNotes).toHaveLength(1);
    const verdict = TrainerEvent.parse({ type: 'snapshot/verified', runId: 'r1', snapshotId: 'step-00000002-b', ok: false, problem: "Snapshot file 'x/decoder.safetensors' is corrupt" });
    expect(snapshotUiAfter(initialSnapshotUi, verdict).verified['step-00000002-b']).toEqual({ ok: false, problem: "Snapshot file 'x/decoder.safetensors' is corrupt" });
  });
});

describe('a resync while browsing another branch', () => {
  it('asks for the browsed branch again, so a reconnect keeps the person where they were', () => {
    const sent: CommandInput[] = [];
    const store = createAppStore((c) => sent.push(c));
    const branches = [{ name: 'branch-1', parent: 'main', forkStep: 5, snapshotId: 'step-00000005-a', createdAt: '' }];
    const training = run('r1', { state: 'running', step: 30, branch: 'branch-1', branches });
    const apply = (raw: unknown) => store.getState().applyEvent(TrainerEvent.parse(raw));
    apply({ type: 'project/opened', project: project([training]) });
    // Browsing main while the run trains on branch-1.
    apply({ type: 'metrics/history', runId: 'r1', branch: 'main', points: [0, 1, 2].map((s) => point(s)) });
    const active = { run: training, controls: training.controls, metrics: [point(30)], snapshots: [], timeline: [] };
    apply({ type: 'session/state', backend: 'wasm', project: project([training]), active });
    expect(sent).toEqual([{ type: 'metrics/get', runId: 'r1', branch: 'main', requestId: expect.any(String) }]);
    // Already on the training branch: nothing to ask.
    apply({ type: 'metrics/history', runId: 'r1', branch: 'branch-1', points: [point(30)] });
    apply({ type: 'session/state', backend: 'wasm', project: project([training]), active });
    expect(sent).toHaveLength(1);
  });
});
