/**
 * The real trainer process with its evaluation worker: validation metrics come back from the
 * worker at the step whose weights they were computed on, equal to what in-process evaluation
 * reports for the same run (same seed, same backend: training is deterministic, so the weights
 * at a given step are the same in both runs), and previews arrive for their steps. The first
 * evaluations may run in-process while the worker starts (a loaded machine): the comparison
 * takes the first two the worker answered, whichever steps those are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { startTrainerChild } from '../serve/trainer-child.js';
import { EventPeer } from '../testing/event-peer.js';
import { EVAL_IN_PROCESS_ENV } from './background-evaluation.js';

const isEvaluation = (p: MetricPoint) => 'val/recon' in p.values;
const lateEvaluations = (points: MetricPoint[]) => points.filter((p) => isEvaluation(p) && p.late === true);

async function trainAndCollect(inProcess: boolean, enough: (points: MetricPoint[]) => boolean): Promise<{ points: MetricPoint[]; previewSteps: number[]; warnings: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-eval-trainer-'));
  const child = startTrainerChild({ STAGECRAFT_DATA: dir, STAGECRAFT_BACKEND: 'wasm', [EVAL_IN_PROCESS_ENV]: inProcess ? '1' : '0' });
  const peer = new EventPeer((raw) => child.send(raw as never));
  child.onEvent(peer.receive);
  try {
    await peer.next('hello');
    await peer.request({ type: 'project/create', path: 'demo', name: 'Demo', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 11, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const pointsSoFar = () => peer.events.flatMap((e) => (e.type === 'metrics/batch' && e.runId === run.id ? e.points : []));
    await peer.next('metrics/batch', () => enough(pointsSoFar()), { timeoutMs: 240_000 });
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const points = pointsSoFar();
    const previewSteps = peer.events.flatMap((e) => (e.type === 'preview/ready' ? [e.preview.step] : []));
    const warnings = peer.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    return { points, previewSteps, warnings };
  } finally {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const validation = (points: MetricPoint[], step: number) => {
  const point = points.find((p) => p.step === step && isEvaluation(p));
  return point && Object.fromEntries(Object.entries(point.values).filter(([k]) => k.startsWith('val/') || k === 'likeness'));
};

describe('evaluation in a second process, in the real trainer', () => {
  it('reports validation metrics at the evaluated step, equal to in-process evaluation, and previews', async () => {
    const worker = await trainAndCollect(false, (points) => lateEvaluations(points).length >= 2);
    const answered = lateEvaluations(worker.points).slice(0, 2);
    const lastStep = Math.max(...answered.map((p) => p.step));
    const local = await trainAndCollect(true, (points) => points.some((p) => isEvaluation(p) && p.step >= lastStep));
    expect(worker.warnings).toEqual([]);
    for (const fromWorker of answered) {
      // Logged after later steps, and carrying the count of evaluations skipped so far.
      expect(fromWorker.values['debug/evalSkipped']).toEqual(expect.any(Number));
      expect(worker.points.some((p) => p.step > fromWorker.step && worker.points.indexOf(p) < worker.points.indexOf(fromWorker))).toBe(true);
      // Exact: the same deterministic wasm kernels on bit-identical weights.
      expect(validation(worker.points, fromWorker.step)).toEqual(validation(local.points, fromWorker.step));
    }
    // In-process evaluation is the old behaviour: metrics ride on the step's own point.
    expect(local.points.find((p) => p.step === 50 && isEvaluation(p))).toMatchObject({ values: { loss: expect.any(Number) } });
    expect(worker.previewSteps).toEqual(expect.arrayContaining([0, ...answered.map((p) => p.step)]));
  }, 600_000);
});
