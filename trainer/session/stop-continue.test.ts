/**
 * Stop keeps everything, in the real trainer process: Stop writes a snapshot at the step it
 * stopped at, and Continue trains on from there on the same branch, at the next step, with the
 * same optimizer state, RNG and plan position: the losses after it are the uninterrupted
 * run's (same backend and seed). Nothing is forked and nothing is lost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPoint, StagePlan } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('continue');
  ({ peer } = trainer);
  await peer.request({ type: 'project/create', path: 'continue', name: 'Continue', withDemo: true }, 'project/opened');
});
afterAll(() => trainer.stop());

// Controls that draw random numbers every step, and a plan whose second stage starts on its own.
const controls = { optimizer: { warmupSteps: 5 }, randomWarp: { enabled: true, strength: 1 }, lrd: { enabled: true, keep: 0.5 }, precision: 'fp16' };
const plan: StagePlan = {
  name: 'warp, then not',
  stages: [
    { name: 'warp', controls: {}, end: { type: 'steps', steps: 25 } },
    { name: 'no warp', controls: { randomWarp: { enabled: false } }, end: { type: 'manual' } },
  ],
};

const logOf = (runId: string): MetricPoint[] =>
  readFileSync(join(trainer.dir, 'continue', 'runs', runId, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as MetricPoint);
const training = (points: MetricPoint[]) => points.filter((p) => p.late !== true);
const lossesFrom = (points: MetricPoint[], from: number, to: number) => training(points).filter((p) => p.step > from && p.step <= to).map((p) => [p.step, p.values.loss, p.values.lossScale]);
const reached = (runId: string, step: number) => peer.next('metrics/batch', (e) => e.runId === runId && e.points.some((p) => p.step >= step));

describe('Stop, then Continue', () => {
  it('stops with a snapshot at the stopped step and continues on the same branch with the uninterrupted losses', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 21, plan, controls, autopilot: true }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await reached(run.id, 12);
    const stopped = await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const s = stopped.run.step;
    expect(stopped.run.state).toBe('stopped');
    expect(stopped.run.branch ?? 'main').toBe('main');
    const stop = peer.events.find((e) => e.type === 'snapshot/taken' && e.runId === run.id && e.snapshot.kind === 'stop');
    expect(stop?.type === 'snapshot/taken' && stop.snapshot).toMatchObject({ step: s, branch: 'main', reason: 'stop' });

    const continued = await peer.request({ type: 'run/continue', runId: run.id }, 'run/state');
    expect(continued.run).toMatchObject({ state: 'running', step: s });
    expect(continued.run.branch ?? 'main').toBe('main');
    const restored = await peer.next('snapshot/restored', (e) => e.runId === run.id);
    expect(restored.message).toBe(`Continued at step ${s} on main, where the run stopped.`);
    // The markers from before the stop are still there: the plan's start, Stop's snapshot.
    expect(restored.timeline.filter((m) => m.step === 0).map((m) => m.kind)).toContain('stage');
    expect(restored.timeline.some((m) => m.kind === 'snapshot' && m.step === s && /^stop/.test(m.label))).toBe(true);
    // The plan goes on where it was: stage 2 begins at step 25 as it would have.
    const stage2 = await peer.next('stage/changed', (e) => e.runId === run.id && e.stage.index === 1);
    expect(stage2.step).toBe(25);
    await reached(run.id, Math.max(s, 25) + 12);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const listed = await peer.request({ type: 'snapshot/list', runId: run.id }, 'snapshot/list');
    expect(listed.branches).toEqual([]);

    const { run: straight } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 21, plan, controls, autopilot: true }, 'run/created');
    await peer.request({ type: 'run/start', runId: straight.id }, 'run/state');
    await reached(straight.id, Math.max(s, 25) + 12);
    await peer.request({ type: 'run/stop', runId: straight.id }, 'run/state');

    const log = logOf(run.id);
    expect(new Set(training(log).map((p) => p.step)).size, 'one point per step, none lost or repeated').toBe(training(log).length);
    // Step 0 is the untrained model's evaluation, then one point per trained step.
    expect(training(log).map((p) => p.step)).toEqual(training(log).map((_, i) => i));
    const uninterrupted = lossesFrom(logOf(straight.id), s, Math.max(s, 25) + 10);
    expect(uninterrupted.length).toBeGreaterThanOrEqual(10);
    expect(lossesFrom(log, s, Math.max(s, 25) + 10)).toEqual(uninterrupted);
  });

  it('refuses to continue a run that never trained, or one whose stop left no snapshot, with a sentence', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 1, plan }, 'run/created');
    const idle = await peer.request({ type: 'run/continue', runId: run.id }, 'error');
    expect(idle.message).toMatch(/has not trained yet; start it instead/);

    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await reached(run.id, 3);
    const stopped = await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const { snapshots } = await peer.request({ type: 'snapshot/list', runId: run.id }, 'snapshot/list');
    const stop = snapshots.find((x) => x.kind === 'stop' && x.step === stopped.run.step)!;
    await peer.request({ type: 'snapshot/delete', runId: run.id, snapshotId: stop.id }, 'snapshot/deleted');
    const gone = await peer.request({ type: 'run/continue', runId: run.id }, 'error');
    expect(gone.message).toBe(`Run '${run.name}' has no snapshot at step ${stopped.run.step}, where it stopped, so it cannot continue from there; restore one of its snapshots to train on from it.`);
  });
});
