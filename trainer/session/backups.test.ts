/**
 * Backups that stay, in the real trainer process: the snapshot a stage starts with, the first
 * snapshot before each kind of risky change in a stage and the best-likeness snapshot survive
 * a stream of risky changes under a tight retention policy, which thins only the repeats and
 * says so; a burst of 1,000 learning-rate changes while the weights stand still is one snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagePlan, TrainerEvent } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('backups');
  ({ peer } = trainer);
  await peer.request({ type: 'project/create', path: 'backups', name: 'Backups', withDemo: true }, 'project/opened');
});
afterAll(() => trainer.stop());

const plan: StagePlan = {
  name: 'tokenizer',
  stages: [
    { name: 'start', controls: { locks: { audio_encoder: true, generator: true } }, end: { type: 'steps', steps: 5 } },
    { name: 'tokenizer on', controls: { randomWarp: { enabled: true } }, end: { type: 'manual' } },
  ],
};
const tight = { interval: { every: 0, unit: 'minutes' as const }, keepLast: 1, hourlyForHours: 0, dailyForDays: 0 };

type Taken = Extract<TrainerEvent, { type: 'snapshot/taken' }>;

describe('retention and repeated snapshots', () => {
  it('keeps the stage boundary, the first of each risky change and the best likeness through 50 risky changes', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', seed: 3, plan, autopilot: true, controls: { learningRate: 1e-3 } }, 'run/created');
    await peer.request({ type: 'snapshot/policy', runId: run.id, policy: tight }, 'snapshot/policy');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    // The tokenizer's first evaluation at step 250 is the phase's first best.
    const best = (await peer.next('snapshot/taken', (e) => e.runId === run.id && e.snapshot.kind === 'best', { timeoutMs: 120_000 })).snapshot;
    expect(best).toMatchObject({ reason: 'best likeness', phase: 'val/tokenizer_likeness', likenessSeries: 'val/tokenizer_likeness' });
    expect(best.label).toMatch(/^best tokenizer likeness \d+\.\d% \(scored at step 250\)$/);

    // 50 risky changes, each at its own step: warp off and LR up, each undone safely in between.
    for (let i = 0; i < 25; i++) {
      await peer.request({ type: 'controls/set', runId: run.id, controls: { randomWarp: { enabled: false }, learningRate: 2e-3 } }, 'controls/applied');
      await peer.request({ type: 'controls/set', runId: run.id, controls: { randomWarp: { enabled: true }, learningRate: 1e-3 } }, 'controls/applied');
    }
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');

    const taken = peer.events.filter((e): e is Taken => e.type === 'snapshot/taken' && e.runId === run.id).map((e) => e.snapshot);
    const risky = taken.filter((s) => s.kind === 'risky');
    expect(risky.length).toBe(25);
    expect(risky.filter((s) => s.firstInStage).length).toBe(1);
    const { snapshots } = await peer.request({ type: 'snapshot/list', runId: run.id }, 'snapshot/list');
    const ids = new Set(snapshots.map((s) => s.id));
    const stage = taken.find((s) => s.kind === 'stage')!;
    expect(stage).toMatchObject({ step: 5, reason: 'stage 2 start' });
    expect(ids.has(stage.id), 'the stage boundary survives').toBe(true);
    expect(ids.has(best.id), 'the best likeness survives').toBe(true);
    expect(ids.has(risky[0]!.id), 'the first auto-before of the stage survives').toBe(true);
    // Of the 24 repeats, only the newest (keepLast 1) is left; each thinning said what it deleted.
    expect(snapshots.filter((s) => s.kind === 'risky' && !s.firstInStage).length).toBeLessThanOrEqual(1);
    const thinned = peer.events.filter((e) => e.type === 'snapshot/deleted' && e.runId === run.id);
    expect(thinned.length).toBeGreaterThan(0);
    // (A collapse-guard snapshot may be among them: doubling the learning rate 25 times can spike the loss.)
    for (const e of thinned) if (e.type === 'snapshot/deleted') expect(e.reason).toMatch(/^\d+ (repeated auto-before|collapse-guard) snapshots?( and \d+ (repeated auto-before|collapse-guard) snapshots?)? thinned by the snapshot policy$/);
    expect(thinned.some((e) => e.type === 'snapshot/deleted' && /repeated auto-before/.test(e.reason))).toBe(true);
  });

  it('makes one snapshot of 1,000 learning-rate changes between two steps', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 3, plan: { name: 'one', stages: [{ name: 'all', controls: {}, end: { type: 'manual' } }] } }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.runId === run.id && e.points.some((p) => p.step >= 3));
    // Paused, the weights stand still: every change lands between the same two steps.
    const paused = await peer.request({ type: 'run/pause', runId: run.id }, 'run/state');
    const since = peer.events.length;
    for (let i = 0; i < 1000; i++) peer.sendRaw({ type: 'controls/set', runId: run.id, controls: { learningRate: i % 2 === 0 ? 4e-3 : 1e-3 }, requestId: `lr-${i}` });
    const last = await peer.next('controls/applied', (e) => e.requestId === 'lr-999', { since });
    expect(last.step).toBe(paused.run.step);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const snapshots = peer.events.slice(since).filter((e): e is Taken => e.type === 'snapshot/taken' && e.runId === run.id);
    // One before the first LR up; Stop's own snapshot holds the controls as they ended.
    expect(snapshots.map((e) => e.snapshot.kind)).toEqual(['risky', 'stop']);
  });
});
