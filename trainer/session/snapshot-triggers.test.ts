/**
 * Snapshots the run takes by itself, in the real trainer process: before a risky change (the
 * state before it), and when the collapse guard sees a loss spike (the model as it is, before
 * it gets worse).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('triggers');
  ({ peer } = trainer);
});
afterAll(() => trainer.stop());

describe('automatic snapshots', () => {
  it('are taken before a learning-rate jump and again when the collapse guard sees the loss spike', async () => {
    await peer.request({ type: 'project/create', path: 'triggers', name: 'Triggers', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 2, plan, controls: { optimizer: { warmupSteps: 0, clipNorm: 0 } } }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    // The guard judges spikes only after its warm-up (50 steps).
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 70));
    const applied = await peer.request({ type: 'controls/set', runId: run.id, controls: { learningRate: 0.5 } }, 'controls/applied');
    const before = await peer.next('snapshot/taken', (e) => e.snapshot.step === applied.step);
    expect(before.snapshot.reason).toBe('auto before LR up');

    const spike = await peer.next('warning', (e) => e.code === 'loss-spike');
    const guarded = await peer.next('snapshot/taken', (e) => e.snapshot.reason === 'collapse guard: loss spike');
    expect(guarded.snapshot.step).toBe(spike.step);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  });
});
