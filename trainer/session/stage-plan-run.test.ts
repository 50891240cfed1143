/**
 * The default plan, end to end, in the real trainer process with autopilot on: every stage
 * transition happens, each begins with a snapshot at the same step (named for the risky
 * change it precedes, if any). Stage lengths are cut to a few steps (the transitions and their
 * controls are the recipe's own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagePlan, TrainerEvent } from '../protocol.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('plan');
  ({ peer } = trainer);
});
afterAll(() => trainer.stop());

/** The shipped default plan with every automatic end shortened to `steps` steps. */
function shortened(plan: StagePlan, steps: number): StagePlan {
  return { ...plan, stages: plan.stages.map((s) => (s.end.type === 'manual' ? s : { ...s, end: { type: 'steps', steps } })) };
}

describe('the default stage plan', () => {
  it('runs through every stage on autopilot, snapshotting at each boundary and naming each risky transition', async () => {
    const plan = shortened(motionAutoencoder.defaultPlan, 4);
    expect(plan.stages.length).toBeGreaterThanOrEqual(5);
    await peer.request({ type: 'project/create', path: 'plan', name: 'Plan', withDemo: true }, 'project/opened');
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 5, plan, autopilot: true }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const last = plan.stages.length - 1;
    await peer.next('stage/changed', (e) => e.stage.index === last, { timeoutMs: 120_000 });
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');

    const events = peer.events.filter((e): e is Extract<TrainerEvent, { runId: string }> => 'runId' in e && e.runId === run.id);
    const stages = events.filter((e) => e.type === 'stage/changed');
    expect(stages.map((e) => e.type === 'stage/changed' && e.stage.index)).toEqual(plan.stages.map((_, i) => i));
    for (let i = 1; i < stages.length; i++) {
      const a = stages[i - 1] as Extract<TrainerEvent, { type: 'stage/changed' }>;
      const b = stages[i] as Extract<TrainerEvent, { type: 'stage/changed' }>;
      expect(b.step - a.step, `stage ${i} starts 4 steps after stage ${i - 1}`).toBe(4);
    }

    const applied = events.filter((e): e is Extract<TrainerEvent, { type: 'controls/applied' }> => e.type === 'controls/applied');
    const riskyWords = /random warp off|unlock|GAN on|FP16|LR up/;
    const risky = applied.filter((e) => /random warp off|unlock encoder|GAN on|FP16/.test(e.label));
    // Warp off (stage 2), GAN + FP16 on (stage 4), unlock encoder (stage 5).
    expect(risky.length).toBe(3);
    // Snapshots are copied before the change and written in the background: each is taken at the
    // change's step (the state before it) and reported once it is on disk.
    for (const change of risky) {
      const snapshot = events.find((e) => e.type === 'snapshot/taken' && e.snapshot.step === change.step);
      expect(snapshot, `a snapshot precedes '${change.label}'`).toBeDefined();
      if (snapshot?.type !== 'snapshot/taken') continue;
      expect(snapshot.snapshot.step).toBe(change.step);
      expect(snapshot.snapshot.reason).toMatch(/^auto before /);
      expect(snapshot.snapshot.reason).toMatch(riskyWords);
    }
    // Every later stage starts with one snapshot of its own (kept by retention), safe or not;
    // the last one is Stop's.
    const snapshots = events.filter((e): e is Extract<TrainerEvent, { type: 'snapshot/taken' }> => e.type === 'snapshot/taken');
    expect(snapshots.map((e) => e.snapshot.kind)).toEqual([...stages.slice(1).map(() => 'stage'), 'stop']);
    expect(snapshots.slice(0, -1).map((e) => e.snapshot.step)).toEqual(stages.slice(1).map((e) => e.type === 'stage/changed' && e.step));

    const final = await peer.request({ type: 'run/list' }, 'run/list');
    const summary = final.runs.find((r) => r.id === run.id);
    expect(summary?.stage.index).toBe(last);
    expect(summary?.controls).toMatchObject({ locks: { encoder: false }, gan: { enabled: true }, precision: 'fp16', learningRate: 5e-4 });
  });
});
