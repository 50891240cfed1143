/**
 * The collapse guard knows the plan, in the real trainer process: when a stage locks the
 * tokenizer and trains the generator, the loss changes meaning (~0.05 → ~5) and that is no
 * spike: the guard restarts its averages whenever what is optimised changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagePlan } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('guard-switch');
  ({ peer } = trainer);
});
afterAll(() => trainer.stop());

// The default plan's phase switch, with the tokenizer phase cut short (its guard is past warm-up).
const plan: StagePlan = {
  name: 'tokenizer, then generator',
  stages: [
    { name: 'tokenizer', controls: { locks: { audio_encoder: true, generator: true } }, end: { type: 'steps', steps: 120 } },
    { name: 'generator', controls: { locks: { encoder: true, inter: true, codebook: true, decoder: true, audio_encoder: false, generator: false } }, end: { type: 'manual' } },
  ],
};

describe('the collapse guard at a phase switch', () => {
  it('raises no loss-spike warning when the plan switches from the tokenizer to the generator', async () => {
    await peer.request({ type: 'project/create', path: 'switch', name: 'Switch', withDemo: true }, 'project/opened');
    const { run } = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', seed: 8, plan, autopilot: true }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('stage/changed', (e) => e.runId === run.id && e.stage.index === 1, { timeoutMs: 120_000 });
    // Past the guard's warm-up of the generator's own loss terms.
    await peer.next('metrics/batch', (e) => e.runId === run.id && e.points.some((p) => p.step >= 120 + 70), { timeoutMs: 120_000 });
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const points = peer.events.flatMap((e) => (e.type === 'metrics/batch' && e.runId === run.id ? e.points : []));
    const loss = (step: number) => points.find((p) => p.step === step && p.late !== true)?.values.loss ?? NaN;
    // The loss did change meaning: the generator's is many times the tokenizer's.
    expect(loss(125) / loss(115)).toBeGreaterThan(10);
    expect(peer.events.filter((e) => e.type === 'warning' && e.runId === run.id && e.code === 'loss-spike')).toEqual([]);
  });
});
