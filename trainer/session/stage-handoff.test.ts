/**
 * The person steers, in the real trainer process: a stage that ends waits for them (and
 * keeps training) unless autopilot is on; a control changed by hand survives the next stage
 * unless that stage names it, and the hand-off says so; restoring the snapshot taken before a
 * risky stage brings the run back to before it and waits there, and a command queued behind the
 * restore applies at the restored step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagePlan } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('handoff');
  ({ peer } = trainer);
  await peer.request({ type: 'project/create', path: 'handoff', name: 'Hand-off', withDemo: true }, 'project/opened');
});
afterAll(() => trainer.stop());

const N = 6;
const plan: StagePlan = {
  name: 'two stages',
  stages: [
    { name: 'plain', controls: {}, end: { type: 'steps', steps: N } },
    { name: 'GAN', controls: { gan: { enabled: true }, learningRate: 1e-3 }, end: { type: 'manual' } },
  ],
};

const reached = (runId: string, step: number) => peer.next('metrics/batch', (e) => e.runId === runId && e.points.some((p) => p.step >= step));

describe('the stage hand-off', () => {
  it('without autopilot, keeps training in the ended stage and asks; a hand-made change survives what the next stage does not name', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 2, plan, controls: { optimizer: { warmupSteps: 0 } } }, 'run/created');
    expect(run.autopilot).toBe(false);
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    // By hand during stage 1: LRD (the next stage does not name it) and the learning rate (it does).
    await peer.request({ type: 'controls/set', runId: run.id, controls: { lrd: { enabled: true }, learningRate: 5e-4 } }, 'controls/applied');

    const { handoff } = await peer.next('stage/handoff', (e) => e.runId === run.id && e.handoff !== null);
    expect(handoff).toMatchObject({ index: 0, next: { index: 1, name: 'GAN' }, reason: `${N} steps done` });
    expect(handoff!.changes).toEqual([
      { path: 'learningRate', label: 'LR 5.0e-4 → 1.0e-3', manual: true },
      { path: 'gan.enabled', label: 'GAN on', manual: false },
    ]);
    expect(handoff!.snapshot).toMatch(/^auto before LR up, GAN on \(stage 2: GAN\)$/);

    await reached(run.id, 2 * N + 2);
    const waiting = (await peer.request({ type: 'run/list' }, 'run/list')).runs.find((r) => r.id === run.id);
    expect(waiting).toMatchObject({ state: 'running', stage: { index: 0 }, handoff: { next: { index: 1 } } });
    expect(peer.events.some((e) => e.type === 'stage/changed' && e.runId === run.id && e.stage.index === 1)).toBe(false);

    // "Keep training" withdraws the question until the stage's end is met again.
    const kept = await peer.request({ type: 'stage/keep', runId: run.id }, 'stage/handoff');
    expect(kept.handoff).toBeNull();
    const asked = await peer.next('stage/handoff', (e) => e.runId === run.id && e.handoff !== null, { since: peer.events.indexOf(kept) });
    expect(asked.handoff!.step).toBeGreaterThanOrEqual(2 * N + 2 + N);

    const went = await peer.request({ type: 'stage/next', runId: run.id }, 'stage/changed');
    expect(went).toMatchObject({ stage: { index: 1 }, reason: 'go to next stage (hand-off)' });
    const after = (await peer.request({ type: 'run/list' }, 'run/list')).runs.find((r) => r.id === run.id)!;
    expect(after.handoff).toBeUndefined();
    expect(after.controls).toMatchObject({ lrd: { enabled: true }, gan: { enabled: true }, learningRate: 1e-3 });
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  });

  it('with autopilot, moves on by itself; a stage can ask even then', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 2, plan, autopilot: true }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const changed = await peer.next('stage/changed', (e) => e.runId === run.id && e.stage.index === 1);
    expect(changed.step).toBe(N);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    expect(peer.events.some((e) => e.type === 'stage/handoff' && e.runId === run.id)).toBe(false);

    const asking: StagePlan = { ...plan, stages: [{ ...plan.stages[0]!, autopilot: false }, plan.stages[1]!] };
    const { run: second } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 2, plan: asking, autopilot: true }, 'run/created');
    await peer.request({ type: 'run/start', runId: second.id }, 'run/state');
    await peer.next('stage/handoff', (e) => e.runId === second.id && e.handoff !== null);
    await peer.request({ type: 'run/stop', runId: second.id }, 'run/state');
  });

  it('restoring "auto before GAN on" leaves GAN off, waits before that stage, and applies a queued change at the restored step', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 4, plan, autopilot: true }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const { snapshot } = await peer.next('snapshot/taken', (e) => e.runId === run.id && /GAN on/.test(e.snapshot.reason));
    expect(snapshot).toMatchObject({ kind: 'stage', step: N });
    await reached(run.id, N + 10);

    const since = peer.events.length;
    peer.sendRaw({ type: 'snapshot/restore', runId: run.id, snapshotId: snapshot.id, requestId: 'restore' });
    peer.sendRaw({ type: 'controls/set', runId: run.id, controls: { lrd: { enabled: true } }, requestId: 'queued' });
    const restored = await peer.next('snapshot/restored', (e) => e.requestId === 'restore', { since });
    expect(restored.run).toMatchObject({ state: 'paused', autopilot: false, step: N, stage: { index: 0 }, controls: { gan: { enabled: false } }, handoff: { next: { index: 1, name: 'GAN' } } });
    expect(restored.message).toMatch(/^Restored step 6 as branch-1; main's \d+ steps are kept .* Paused at the end of stage 1, before "GAN"/);
    const applied = await peer.next('controls/applied', (e) => e.requestId === 'queued', { since });
    expect(applied.step).toBe(N);

    // Resumed, it trains on in stage 1 with the hand-off still open: nothing turns GAN on by itself.
    await peer.request({ type: 'run/resume', runId: run.id }, 'run/state');
    await reached(run.id, N + 12);
    const listed = (await peer.request({ type: 'run/list' }, 'run/list')).runs.find((r) => r.id === run.id)!;
    expect(listed).toMatchObject({ branch: 'branch-1', stage: { index: 0 }, controls: { gan: { enabled: false }, lrd: { enabled: true } }, handoff: { next: { index: 1 } } });
    // The hand-off the restore reopened stays the one (updated when a control changed): the stage's end is not met anew.
    const handoffs = peer.events.filter((e, i) => i >= since && e.type === 'stage/handoff');
    expect(handoffs.map((e) => e.type === 'stage/handoff' && e.handoff?.step)).toEqual(handoffs.map(() => N));
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  });
});
