/**
 * A plan's rule on the real trainer: "joint error worsens by more than 0.5 over its best for 2
 * evaluations → lock encoder + snapshot" stays quiet while the run improves, and fires when the
 * model is knocked back (its decoder re-initialised and held there): the encoder is locked by it,
 * a snapshot it asked for is taken, and a notice and a chart marker say what fired and what it did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('plan-rules');
  ({ peer } = trainer);
});
afterAll(() => trainer.stop());

const RULE = {
  name: 'joint error worsens',
  when: { metric: 'val/joint_error_pct', condition: { type: 'drops', by: 0.5, evaluations: 2 } },
  then: [{ type: 'lock', groups: ['encoder'] }, { type: 'snapshot' }],
};

describe('a plan’s rule in a live run', () => {
  it('does not fire while the run improves, and fires once when the metric worsens, doing what it says', async () => {
    await peer.request({ type: 'project/create', path: 'rules', name: 'Rules', withDemo: true }, 'project/opened');
    const plan = { name: 'with a rule', stages: [{ name: 'free', controls: {}, end: { type: 'manual' }, rules: [RULE] }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 8, plan }, 'run/created');
    // The likeness watch off, so what happens is the rule's alone.
    await peer.request({ type: 'guard/set', runId: run.id, settings: { likenessDrop: 0 } }, 'run/updated');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const evaluations = () => peer.events.flatMap((e) => (e.type === 'metrics/batch' ? e.points : [])).filter((p) => typeof p.values['val/joint_error_pct'] === 'number');
    const fired = () => peer.events.filter((e): e is EventOf<'warning'> => e.type === 'warning' && e.code === 'rule');

    // Five evaluations of a run that learns: the rule stays quiet.
    await peer.next('metrics/batch', () => evaluations().length >= 5);
    expect(fired()).toEqual([]);
    const before = evaluations().length;

    // Knocked back for good: the decoder starts afresh and stays locked there (left free, it
    // recovers within one evaluation), so the joint error stays well past its best.
    await peer.request({ type: 'controls/set', runId: run.id, controls: { locks: { decoder: true } } }, 'controls/applied');
    const { mark } = await peer.request({ type: 'layers/reinit', runId: run.id, group: 'decoder' }, 'layers/reinitialized');
    const warning = await peer.next('warning', (e) => e.code === 'rule');
    const after = evaluations().filter((p) => p.step >= mark.step);
    expect(after.length, 'it waited for two evaluations after the drop').toBeGreaterThanOrEqual(2);
    expect(evaluations().length).toBeGreaterThan(before);
    expect(warning.message).toMatch(/^Rule 'joint error worsens' fired: val\/joint_error_pct falls more than 0\.5 behind its best for 2 evaluations \([\d.]+ at step [\d,]+\)\. It did: lock encoder, snapshot\.$/);

    // What it did, each as the window sees any change: the lock applied, the snapshot taken, a marker.
    const locked = peer.events.find((e): e is EventOf<'controls/applied'> => e.type === 'controls/applied' && e.changed.includes('locks.encoder'));
    expect(locked?.controls.locks.encoder).toBe(true);
    const taken = await peer.next('snapshot/taken', (e) => e.snapshot.reason === 'rule: joint error worsens');
    expect(taken.snapshot.kind).toBe('rule');
    const { active } = await peer.request({ type: 'state/get' }, 'session/state');
    expect(active?.timeline.some((m) => m.kind === 'warning' && m.label === warning.message)).toBe(true);

    // Once per stage: more bad evaluations do not fire it again.
    const seen = evaluations().length;
    await peer.next('metrics/batch', () => evaluations().length >= seen + 2);
    expect(fired()).toHaveLength(1);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  });
});
