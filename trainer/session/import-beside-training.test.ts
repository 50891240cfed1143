/**
 * A dataset import runs beside training, not in its way: the import reads and copies its files
 * in a process of its own, so while a folder of well over a hundred clips is imported the live run
 * keeps stepping and reporting, in the real trainer process.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let peer: EventPeer;
let folder: string;

beforeAll(async () => {
  trainer = await startTestTrainer('import-beside');
  ({ peer } = trainer);
  // Inside the data folder: the trainer reads only where it is allowed to.
  folder = join(trainer.dir, 'incoming');
  // Twice the demo: a couple of seconds of reading WAV and BVH files.
  writeDemoDataset(folder, { trainClips: 130, validationClips: 14, seconds: 8 });
});
afterAll(() => trainer.stop());

describe('a dataset import while a run trains', () => {
  it('leaves the run stepping and reporting until the import answers', async () => {
    await peer.request({ type: 'project/create', path: 'beside', name: 'Beside', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 2, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 5));

    const since = peer.events.length;
    const started = performance.now();
    const { report } = await peer.request({ type: 'dataset/import', path: folder, name: 'big' }, 'dataset/imported');
    const seconds = (performance.now() - started) / 1000;
    expect(report.clips).toEqual({ train: 130, validation: 14 });
    const during = peer.events.slice(since).filter((e) => e.type === 'metrics/batch' && e.runId === run.id);
    // Batches go out every 200 ms while the run steps: a blocked trainer would send none.
    expect(seconds).toBeGreaterThan(1);
    expect(during.length).toBeGreaterThanOrEqual(Math.floor(seconds * 2));
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  });
});
