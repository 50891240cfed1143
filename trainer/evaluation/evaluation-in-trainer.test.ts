/**
 * The real trainer process with its evaluation worker: validation metrics come back from the
 * worker at the step whose weights they were computed on, equal to what in-process evaluation
 * reports for the same run (same seed, same backend: training is deterministic, so the weights
 * at step 50 and 100 are the same in both runs), and previews arrive for their steps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { startTrainerChild } from '../serve/trainer-child.js';
import { EventPeer } from '../testing/event-peer.js';
import { EVAL_IN_PROCESS_ENV } from './background-evaluation.js';

const UNTIL_STEP = 100;

async function trainAndCollect(inProcess: boolean): Promise<{ points: MetricPoint[]; previewSteps: number[]; warnings: string[] }> {
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
    const evaluatedAt = (step: number) => (e: { points: MetricPoint[] }) => e.points.some((p) => p.step === step && 'val/recon' in p.values);
    await peer.next('metrics/batch', evaluatedAt(UNTIL_STEP), { timeoutMs: 240_000 });
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const points = peer.events.flatMap((e) => (e.type === 'metrics/batch' && e.runId === run.id ? e.points : []));
    const previewSteps = peer.events.flatMap((e) => (e.type === 'preview/ready' ? [e.preview.step] : []));
    const warnings = peer.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    return { points, previewSteps, warnings };
  } finally {
    await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const validation = (points: MetricPoint[], step: number) => {
  const point = points.find((p) => p.step === step && 'val/recon' in p.values);
  return point && Object.fromEntries(Object.entries(point.values).filter(([k]) => k.startsWith('val/') || k === 'likeness'));
};

describe('evaluation in a second process, in the real trainer', () => {
  it('reports validation metrics at the evaluated step, equal to in-process evaluation, and previews', async () => {
    const worker = await trainAndCollect(false);
    const local = await trainAndCollect(true);
    expect(worker.warnings).toEqual([]);
    for (const step of [50, UNTIL_STEP]) {
      const fromWorker = worker.points.find((p) => p.step === step && 'val/recon' in p.values);
      // Logged after later steps, marked so, and carrying the skipped count.
      expect(fromWorker?.late).toBe(true);
      expect(fromWorker?.values['debug/evalSkipped']).toBeGreaterThanOrEqual(0);
      expect(worker.points.some((p) => p.step > step && worker.points.indexOf(p) < worker.points.indexOf(fromWorker as MetricPoint))).toBe(true);
      // Exact: the same deterministic wasm kernels on bit-identical weights.
      expect(validation(worker.points, step)).toEqual(validation(local.points, step));
    }
    // In-process evaluation is the old behaviour: metrics ride on the step's own point.
    expect(local.points.find((p) => p.step === 50 && 'val/recon' in p.values)).toMatchObject({ values: { loss: expect.any(Number) } });
    expect(worker.previewSteps).toEqual(expect.arrayContaining([0, 50]));
  }, 600_000);
});
