/**
 * download/prepare on the real trainer: a run's metrics written out for download, a snapshot's
 * file found in its folder, and every way out of the run refused by name: a name with a path in
 * it (by the schema), a link in exports/ that leads elsewhere, a branch the run does not have.
 */
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let dir: string;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('downloads');
  ({ dir, peer } = trainer);
});
afterAll(() => trainer.stop());

describe('files to take home', () => {
  it('are found inside the run, and nothing outside it is', async () => {
    await peer.request({ type: 'project/create', path: 'dl', name: 'DL', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 2, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 10));
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: '' }, 'snapshot/taken');
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    const runDir = join(dir, 'dl', 'runs', run.id);

    const csv = await peer.request({ type: 'download/prepare', runId: run.id, file: { kind: 'metrics', branch: 'main', format: 'csv' } }, 'download/ready');
    expect(csv).toMatchObject({ name: 'run-1-main-metrics.csv', path: join(runDir, 'exports', 'run-1-main-metrics.csv') });
    const lines = readFileSync(csv.path!, 'utf8').trim().split('\n');
    expect(lines.length - 1).toBe(readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').length);
    expect(csv.bytes).toBe(readFileSync(csv.path!).length);

    const manifest = await peer.request({ type: 'download/prepare', runId: run.id, file: { kind: 'snapshot', snapshotId: snapshot.id, name: 'manifest.json' } }, 'download/ready');
    expect(manifest.path).toBe(join(runDir, 'snapshots', snapshot.id, 'manifest.json'));

    const traversal = await peer.request({ type: 'download/prepare', runId: run.id, file: { kind: 'export', name: '../run.json' } }, 'error');
    expect(traversal.code).toBe('malformed-command');
    mkdirSync(join(runDir, 'exports'), { recursive: true });
    symlinkSync('/etc/passwd', join(runDir, 'exports', 'evil.bvh'));
    const link = await peer.request({ type: 'download/prepare', runId: run.id, file: { kind: 'export', name: 'evil.bvh' } }, 'error');
    expect(link).toMatchObject({ code: 'invalid-state' });
    expect(link.message).toContain("'evil.bvh' is a link to somewhere outside the folder");
    expect(link.message).not.toContain('/etc');
    const branch = await peer.request({ type: 'download/prepare', runId: run.id, file: { kind: 'metrics', branch: 'b-9', format: 'json' } }, 'error');
    expect(branch.message).toContain("run 'run-1' has no branch 'b-9'");
    const missing = await peer.request({ type: 'download/prepare', runId: run.id, file: { kind: 'export', name: 'nothing.bvh' } }, 'error');
    expect(missing.message).toContain("'nothing.bvh': the file is missing");
  }, 120_000);
});
