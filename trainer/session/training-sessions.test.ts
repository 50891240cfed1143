/**
 * A run's training sessions in the real trainer process (faceswap's Analysis tab): a start and
 * a continue are two sessions, each with its steps, its end and its wall time; a session a
 * crash cut short (a start line with no end, and a torn line after it) shows without an end.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSIONS_FILE } from '../project/training-sessions.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let dir: string;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('sessions');
  ({ dir, peer } = trainer);
});
afterAll(() => trainer.stop());

describe('training sessions', () => {
  it('lists each start and continue with its steps, end and wall time', async () => {
    await peer.request({ type: 'project/create', path: 'sessions', name: 'Sessions', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 3, plan }, 'run/created');
    expect((await peer.request({ type: 'run/sessions', runId: run.id }, 'run/sessions')).sessions).toEqual([]);

    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 10));
    const stopped = await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    await peer.request({ type: 'run/continue', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= stopped.run.step + 10));
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    // The session's end is written once its loop has finished; the next command waits for that.
    const { sessions } = await peer.request({ type: 'run/sessions', runId: run.id }, 'run/sessions');
    expect(sessions).toHaveLength(2);
    const [first, second] = sessions;
    expect(first).toMatchObject({ branch: 'main', fromStep: 0, toStep: stopped.run.step });
    expect(first!.steps).toBeGreaterThanOrEqual(10);
    expect(first!.seconds).toBeGreaterThan(0);
    expect(second).toMatchObject({ fromStep: stopped.run.step });
    expect(second!.steps).toBeGreaterThanOrEqual(10);
    expect(Date.parse(second!.startedAt)).toBeGreaterThanOrEqual(Date.parse(first!.endedAt!));

    // A crash: a session began and never ended, and a torn line follows it.
    appendFileSync(join(dir, 'sessions', 'runs', run.id, SESSIONS_FILE), `${JSON.stringify({ id: 'crash', startedAt: new Date().toISOString(), branch: 'main', fromStep: 40 })}\n{"id":"cra`);
    const after = (await peer.request({ type: 'run/sessions', runId: run.id }, 'run/sessions')).sessions;
    expect(after).toHaveLength(3);
    expect(after[2]).toEqual({ startedAt: expect.any(String), branch: 'main', fromStep: 40 });

    const refused = await peer.request({ type: 'run/sessions', runId: '../../etc' }, 'error');
    expect(refused.message).toContain("has no run '../../etc'");
  }, 120_000);
});
