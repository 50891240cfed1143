/**
 * A real trainer process, driven as the studio drives it: live commands act between steps and
 * are reported with the step they took effect at; what it writes to disk is what it reported.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { decodeSafetensors } from '../snapshots/safetensors.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let dir: string;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('live');
  ({ dir, peer } = trainer);
});
afterAll(() => trainer.stop());

const metricsOf = (runId: string): MetricPoint[] =>
  peer.events.flatMap((e) => (e.type === 'metrics/batch' && e.runId === runId ? e.points : []));

describe('a live training run in the trainer process', () => {
  it('trains, applies controls and snapshots between steps, pauses, stops, and logs what it reported', async () => {
    const { project } = await peer.request({ type: 'project/create', path: 'demo', name: 'Demo', withDemo: true }, 'project/opened');
    expect(project.datasets).toEqual(['demo']);
    // One hand-driven stage and no warm-up, so the learning rate on the chart is the control's.
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const controls = { optimizer: { warmupSteps: 0 } };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 3, plan, controls }, 'run/created');
    expect(run).toMatchObject({ state: 'idle', preset: 'tiny', dataset: 'demo', step: 0 });

    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 10));

    const applied = await peer.request({ type: 'controls/set', runId: run.id, controls: { learningRate: 5e-4 } }, 'controls/applied');
    expect(applied.changed).toEqual(['learningRate']);
    expect(applied.label).toBe('LR 2.0e-3 → 5.0e-4');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step > applied.step));
    const lrAt = (step: number) => metricsOf(run.id).find((p) => p.step === step)?.values.lr;
    expect(lrAt(applied.step)).not.toBe(5e-4);
    expect(lrAt(applied.step + 1)).toBe(5e-4);

    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'before LR drop' }, 'snapshot/taken');
    const snapDir = join(dir, 'demo', 'runs', run.id, 'snapshots', snapshot.id);
    const manifest = JSON.parse(readFileSync(join(snapDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ step: snapshot.step, label: 'before LR drop', reason: 'manual' });
    for (const [file, entry] of Object.entries(manifest.files as Record<string, { sha256: string; bytes: number }>)) {
      const bytes = readFileSync(join(snapDir, file));
      expect(bytes.length).toBe(entry.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    const encoder = decodeSafetensors(readFileSync(join(snapDir, 'encoder.safetensors')), 'encoder.safetensors');
    expect(encoder.tensors.map((t) => t.name)).toContain('encoder.in.w');

    // A new plan mid-run, then "Next stage": its controls apply at the step it begins.
    const twoStages = { name: 'two', stages: [plan.stages[0], { name: 'locked', controls: { locks: { encoder: true } }, end: { type: 'manual' } }] };
    // A plan ending a stage on a metric this recipe never logs is refused by stage and field.
    const typo = { name: 'typo', stages: [{ name: 'watch', controls: {}, end: { type: 'plateau', metric: 'val/recon_eror', patience: 10, minDelta: 0 } }] };
    const refused = await peer.request({ type: 'plan/set', runId: run.id, plan: typo }, 'error');
    expect(refused.message).toBe("Stage 1 'watch': end.metric 'val/recon_eror' is not a metric motion-autoencoder logs; the closest it logs is 'val/recon'.");
    const updated = await peer.request({ type: 'plan/set', runId: run.id, plan: twoStages }, 'plan/updated');
    expect(updated.stage.index).toBe(0);
    const next = await peer.request({ type: 'stage/next', runId: run.id }, 'stage/changed');
    expect(next).toMatchObject({ stage: { index: 1, startedAt: next.step }, name: 'locked', reason: 'next stage by user' });
    const lastStage = await peer.request({ type: 'stage/next', runId: run.id }, 'error');
    expect(lastStage.message).toMatch(/last stage/);

    const paused = await peer.request({ type: 'run/pause', runId: run.id }, 'run/state');
    expect(paused.run.state).toBe('paused');
    // The second pause goes through the paused loop and back: no step was trained in between.
    const invalid = await peer.request({ type: 'run/pause', runId: run.id }, 'error');
    expect(invalid).toMatchObject({ code: 'invalid-state', commandType: 'run/pause' });
    expect(invalid.message).toMatch(/only a running run can pause/);
    expect(metricsOf(run.id).filter((p) => p.late !== true && p.step > paused.run.step)).toEqual([]);
    // A window that reloads now gets the live history back from the log on disk (the trainer keeps
    // no copy in memory): what was sent, point for point (an evaluation may still land late after).
    const state = await peer.request({ type: 'state/get' }, 'session/state');
    const history = await peer.request({ type: 'metrics/get', runId: run.id, branch: 'main' }, 'metrics/history');
    for (const served of [state.active?.metrics ?? [], history.points]) {
      expect(served.length).toBeGreaterThan(10);
      expect(served).toEqual(metricsOf(run.id).slice(0, served.length));
      expect(metricsOf(run.id).slice(served.length).every((p) => p.late === true)).toBe(true);
    }

    const resumed = await peer.request({ type: 'run/resume', runId: run.id }, 'run/state');
    expect(resumed.run.step).toBe(paused.run.step);
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step > paused.run.step + 5));
    const stopped = await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    expect(stopped.run.state).toBe('stopped');

    const runFile = JSON.parse(readFileSync(join(dir, 'demo', 'runs', run.id, 'run.json'), 'utf8'));
    expect(runFile).toMatchObject({ state: 'stopped', step: stopped.run.step, controls: { learningRate: 5e-4, locks: { encoder: true } }, plan: twoStages, stage: { index: 1 } });
    // An evaluation the worker was still computing may land after the stop (a late point, logged
    // and sent together). A round trip after reading the log brings every point written before
    // the read: what was sent starts with the log, and anything after it is late.
    const logged = readFileSync(join(dir, 'demo', 'runs', run.id, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as MetricPoint);
    await peer.request({ type: 'run/list' }, 'run/list');
    const sent = metricsOf(run.id);
    expect(logged.map((p) => p.step)).toEqual(sent.slice(0, logged.length).map((p) => p.step));
    expect(sent.slice(logged.length).every((p) => p.late === true)).toBe(true);
    expect(logged.filter((p) => p.late !== true).at(-1)?.step).toBe(stopped.run.step);
    // The memory readout rides along with the metrics.
    const memory = logged.find((p) => p.values['mem/tensorMB'] !== undefined)?.values;
    expect(memory?.['mem/tensorMB']).toBeGreaterThan(0);
    expect(memory?.['mem/rssMB']).toBeGreaterThan(50);
    expect(existsSync(join(dir, 'demo', 'runs', run.id, 'snapshots', snapshot.id))).toBe(true);
  });

  it('refuses to start a run that already ran, and says what to do', async () => {
    const runs = (await peer.request({ type: 'run/list' }, 'run/list')).runs;
    const error = await peer.request({ type: 'run/start', runId: runs[0]?.id }, 'error');
    expect(error.code).toBe('invalid-state');
    expect(error.message).toMatch(/only a new run can start/);
  });
});
