/**
 * Project-level commands on a real Session with real files: the first-start demo, importing
 * a dataset folder that has bad files in it, and the run facts the runs list shows.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAudioMotionDataset } from '../data/audio-motion-dataset.js';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { tempDir } from '../data/test-fixtures.js';
import { RECORDS_FILE, RunRecords } from '../project/run-records.js';
import type { CommandInput, RunSummary } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { inProcessSession } from '../testing/in-process-session.js';

let dir: string;
let cleanup: () => void;
let peer: EventPeer;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  // The folders imported from lie beside the data folder, as if chosen in a dialog.
  peer = inProcessSession(join(dir, 'data'), { allowPaths: [dir] });
});
afterEach(() => cleanup());

const send = (command: CommandInput) => peer.sendRaw(command);

/** A flat folder of `count` WAV+BVH pairs from the demo speaker, as a person might have exported them. */
function flatPairs(folder: string, count: number): void {
  const generated = join(dir, 'generated');
  writeDemoDataset(generated, { trainClips: count, validationClips: 0, seconds: 4 });
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const stem = `clip-${String(i).padStart(3, '0')}`;
    copyFileSync(join(generated, 'train', `${stem}.bvh`), join(folder, `take-${i}.bvh`));
    copyFileSync(join(generated, 'train', `${stem}.wav`), join(folder, `take-${i}.wav`));
  }
}

describe('first start', () => {
  it('opens the demo project with its showcase run ready to start, and does not add another the next time', async () => {
    send({ type: 'project/open-demo' });
    const { run } = await peer.next('run/created');
    expect(run).toMatchObject({ recipe: 'audio-to-motion', preset: 'tiny', dataset: 'demo', state: 'idle', step: 0 });
    expect(run.plan.name).toMatch(/Audio to motion/);

    send({ type: 'project/open-demo', requestId: 'again' });
    const opened = await peer.next('project/opened', (e) => e.requestId === 'again');
    expect(opened.project.runs.map((r) => r.id)).toEqual([run.id]);
    expect(peer.events.filter((e) => e.type === 'run/created')).toHaveLength(1);
  });
});

describe('dataset/import', () => {
  it('copies the pairs that load into the project and reports clips, length, skeleton and every skipped file with why', async () => {
    const source = join(dir, 'my recordings');
    flatPairs(source, 6);
    // A WAV cut off inside its header, beside a good BVH; and a BVH that ends mid-hierarchy, beside a good WAV.
    copyFileSync(join(source, 'take-0.bvh'), join(source, 'cut.bvh'));
    writeFileSync(join(source, 'cut.wav'), readFileSync(join(source, 'take-0.wav')).subarray(0, 30));
    writeFileSync(join(source, 'broken.bvh'), 'HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0\n');
    copyFileSync(join(source, 'take-1.wav'), join(source, 'broken.wav'));
    const before = readdirSync(source).sort();

    send({ type: 'project/create', path: 'studio', name: 'Studio', withDemo: false });
    await peer.next('project/opened');
    send({ type: 'dataset/import', path: source, requestId: 'imp' });
    const { report, project } = await peer.next('dataset/imported');

    expect(report.name).toBe('my recordings');
    expect(report.kind).toBe('audio-motion');
    expect(report.clips.train + report.clips.validation).toBe(6);
    expect(report.seconds).toBeCloseTo(24, 0);
    expect(report.skeleton).toMatchObject({ fps: 30, root: 'Hips' });
    expect(report.skeleton.joints).toBeGreaterThan(10);
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    expect(Object.keys(skipped).sort()).toEqual(['broken.bvh', 'broken.wav', 'cut.bvh', 'cut.wav']);
    expect(skipped['broken.wav']).toMatch(/its motion 'broken\.bvh' did not load/);
    expect(skipped['cut.bvh']).toMatch(/its audio 'cut\.wav' did not load/);
    expect(skipped['cut.wav']).toMatch(/cut\.wav/);
    expect(skipped['broken.bvh']).toMatch(/broken\.bvh/);
    expect(project.datasets).toContain('my recordings');

    // What was written trains as it is: the same clips, nothing skipped, and the source is untouched.
    const copied = loadAudioMotionDataset(join(dir, 'data', 'studio', 'datasets', 'my recordings'));
    expect(copied.train.length + copied.validation.length).toBe(6);
    expect(copied.skipped).toEqual([]);
    expect(existsSync(join(dir, 'data', 'studio', 'datasets', 'my recordings', 'import-report.json'))).toBe(true);
    expect(readdirSync(source).sort()).toEqual(before);

    // A second import of the same folder gets its own name instead of overwriting the first.
    send({ type: 'dataset/import', path: source, requestId: 'imp2' });
    expect((await peer.next('dataset/imported', (e) => e.requestId === 'imp2')).report.name).toBe('my recordings-2');
  });

  it('a folder with nothing importable is an error naming it and what is wrong; the project is unchanged', async () => {
    const source = join(dir, 'empty-ish');
    mkdirSync(source);
    writeFileSync(join(source, 'only.bvh'), 'not a bvh at all');
    send({ type: 'project/create', path: 'studio', name: 'Studio', withDemo: false });
    await peer.next('project/opened');
    send({ type: 'dataset/import', path: source, requestId: 'bad' });
    const error = await peer.next('error', (e) => e.requestId === 'bad');
    expect(error.code).toBe('dataset');
    expect(error.message).toContain('empty-ish');
    expect(error.message).toContain('only.bvh');
    expect(readdirSync(join(dir, 'data', 'studio', 'datasets'))).toEqual([]);

    send({ type: 'dataset/import', path: join(dir, 'nowhere'), requestId: 'missing' });
    expect((await peer.next('error', (e) => e.requestId === 'missing')).message).toMatch(/is not a folder/);
  });
});

describe('run records', () => {
  const summary = { id: 'run-1' } as RunSummary;

  it('keep the backend a run trained on and the best of each likeness series, across a reopen', () => {
    const runDir = join(dir, 'run-1');
    mkdirSync(runDir);
    const records = new RunRecords(() => runDir);
    records.observe({ type: 'run/state', run: { ...summary, state: 'running' }, reason: 'started' }, 'wasm');
    // The headline follows the tokenizer, then the generator: each series keeps its own best.
    const evaluation = (tokenizer: number, generator: number, headline: number) => ({ likeness: headline, 'val/tokenizer_likeness': tokenizer, 'val/generator_likeness': generator });
    const batch = (points: Record<string, number>[]) => ({ type: 'metrics/batch' as const, runId: 'run-1', branch: 'main', points: points.map((values, i) => ({ step: i, time: 0, values: { loss: 1, ...values } })) });
    records.observe(batch([evaluation(40, 0, 40), evaluation(96, 2, 96)]), 'wasm');
    const sent = records.observe(batch([evaluation(95, 62.5, 62.5), evaluation(95, 55, 55)]), 'wasm');
    expect(sent).toEqual(batch([evaluation(95, 62.5, 62.5), evaluation(95, 55, 55)]));
    const bests = { 'val/tokenizer_likeness': 96, 'val/generator_likeness': 62.5 };
    expect(records.enrich(summary)).toMatchObject({ backend: 'wasm', bestLikeness: bests });
    expect(new RunRecords(() => runDir).enrich(summary)).toMatchObject({ backend: 'wasm', bestLikeness: bests });
  });

  it('a record from before per-series bests keeps its one number under the headline', () => {
    const runDir = join(dir, 'run-1');
    mkdirSync(runDir);
    writeFileSync(join(runDir, RECORDS_FILE), JSON.stringify({ backend: 'wasm', bestLikeness: 98.1 }));
    expect(new RunRecords(() => runDir).enrich(summary)).toMatchObject({ bestLikeness: { likeness: 98.1 } });
  });

  it('a run without evaluations lists no likeness rather than a made-up one', () => {
    const records = new RunRecords(() => join(dir, 'absent'));
    const out = records.observe({ type: 'run/created', run: summary }, 'cpu');
    expect(out.type === 'run/created' && out.run.bestLikeness).toBeUndefined();
  });
});
