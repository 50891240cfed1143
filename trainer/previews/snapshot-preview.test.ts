/**
 * A snapshot taken in a real training run (the real trainer process and its evaluation
 * worker, wasm) ends up with a preview of the model at its step, stored in its folder and
 * listed in its manifest: bit for bit the motion its weights generate, as preview/request
 * generated it before previews were stored. Comparing snapshots then shows the stored one,
 * even with the dataset gone; a snapshot without one (the older format) still previews and
 * loads; a flipped byte in the preview reports the snapshot corrupt, naming the file.
 */
import { createHash } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { ProjectStore } from '../project/project-store.js';
import type { TrainerEvent } from '../protocol.js';
import { findRecipe, resolvePreset } from '../recipes/registry.js';
import { verifySnapshot } from '../snapshots/read-snapshot.js';
import { snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import type { Manifest } from '../snapshots/snapshot-writer.js';
import { bundleTrainer, forkTrainer, type BundledTrainer } from '../testing/bundled-trainer.js';
import { EventPeer } from '../testing/event-peer.js';
import { withSoundOf } from './preview-sound.js';
import { RunPreviews } from './run-previews.js';
import { base64ToFloat32, float32ToBase64 } from './sample-codec.js';
import { SNAPSHOT_PREVIEW_FILE } from './snapshot-preview-file.js';

const SEED = 11;

let dir: string;
let bundle: BundledTrainer;
let child: ChildProcess | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-snapshot-preview-'));
  bundle = await bundleTrainer();
  // The expected preview is generated here on the trainer's backend: same kernels, same bits.
  await selectBackend('wasm');
});
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  bundle?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const manifestOf = (snapshotDir: string): Manifest => JSON.parse(readFileSync(join(snapshotDir, 'manifest.json'), 'utf8'));

/**
 * Waits for `read` to find something in `dir`, checking again on each change the file system
 * reports there (the trainer renames a new manifest over the old one): no event on the protocol
 * says a snapshot's preview was stored, the folder's own events do.
 */
function untilIn<T>(dir: string, read: () => T | undefined, what: string, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dir);
    const done = (settle: () => void) => {
      clearTimeout(timer);
      watcher.close();
      settle();
    };
    const check = () => {
      const value = read();
      if (value !== undefined) done(() => resolve(value));
    };
    const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${what}`))), ms);
    watcher.on('change', check);
    check();
  });
}

describe('a snapshot stores a preview of the model at its step', () => {
  it('made from its weights in the real trainer, used by preview/request, checked by verify; older snapshots still preview and load', async () => {
    child = forkTrainer(bundle.entry, { STAGECRAFT_DATA: dir, STAGECRAFT_BACKEND: 'wasm', STAGECRAFT_OPEN_DEMO: '', STAGECRAFT_EVAL_IN_PROCESS: '0' });
    const trainer = child;
    const peer = new EventPeer((raw) => trainer.connected && trainer.send(raw as object));
    trainer.on('message', (event) => peer.receive(event as TrainerEvent));
    await peer.next('hello');
    await peer.request({ type: 'project/create', path: 'demo', name: 'Demo', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: SEED, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 15), { timeoutMs: 120_000 });
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'compare me' }, 'snapshot/taken');

    const project = ProjectStore.open(join(dir, 'demo'));
    const snapshotsDir = snapshotsDirOf(project.runPath(run.id));
    const snapshotDir = join(snapshotsDir, snapshot.id);
    // Added after the snapshot/taken answer, while training goes on.
    await untilIn(snapshotDir, () => manifestOf(snapshotDir).files[SNAPSHOT_PREVIEW_FILE], 'the stored preview', 180_000);
    const live = await peer.request({ type: 'preview/request', runId: run.id, snapshotId: snapshot.id }, 'preview/ready');
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');

    // Listed in the manifest with its sha256 and size; the snapshot verifies.
    const stored = readFileSync(join(snapshotDir, SNAPSHOT_PREVIEW_FILE));
    const manifest = manifestOf(snapshotDir);
    expect(manifest.files[SNAPSHOT_PREVIEW_FILE]).toEqual({ sha256: createHash('sha256').update(stored).digest('hex'), bytes: stored.length });
    expect(manifest.bytes).toBe(Object.values(manifest.files).reduce((sum, f) => sum + f.bytes, 0));
    expect(verifySnapshot(snapshotDir)).toBeNull();
    const file = JSON.parse(stored.toString('utf8')) as { format: string; step: number; branch: string; createdAt: string; generated: string };
    expect(file).toMatchObject({ format: 'stagecraft-preview', step: snapshot.step, branch: 'main' });

    // What preview/request of this snapshot generated before previews were stored: its verified
    // weights in a scratch model of the run's recipe, preset and seed.
    const recipe = findRecipe('motion-autoencoder');
    const datasetDir = project.datasetPath('demo');
    const data = await recipe.loadData(datasetDir);
    const build = () => recipe.build(resolvePreset(recipe, 'tiny'), data, SEED);
    const fromWeights = await new RunPreviews({ runId: run.id, runDir: project.runPath(run.id), datasetDir, data, build, emit: () => undefined }).generateFromSnapshot(snapshot.id);
    // The same float32 bits (base64 of their bytes), joint for joint.
    expect(file.generated).toBe(fromWeights.generated);
    const joints = base64ToFloat32(file.generated);
    expect(joints.length).toBe(fromWeights.frames * fromWeights.parents.length * 3);
    expect(joints.every(Number.isFinite)).toBe(true);
    // The snapshot's weights, not the model it started from: untrained, it previews otherwise.
    const untrained = build();
    const before = await untrained.preview();
    untrained.dispose();
    expect(float32ToBase64(before.generated.subarray(0, joints.length))).not.toBe(file.generated);

    // preview/request answered from the stored file while the run trained…
    // (An answer carries the lead clip's sound, not every grid clip's: preview-sound.ts.)
    expect(live.preview).toEqual({ ...withSoundOf(fromWeights, fromWeights.clip), createdAt: file.createdAt });
    // …and for the stopped run, needing neither a model nor the dataset.
    renameSync(datasetDir, `${datasetDir}-away`);
    const offline = await peer.request({ type: 'preview/request', runId: run.id, snapshotId: snapshot.id }, 'preview/ready');
    renameSync(`${datasetDir}-away`, datasetDir);
    expect(offline.preview).toEqual(live.preview);

    // A snapshot of the older format (no preview.json, a manifest without it) still previews, from its weights…
    const oldId = `step-${String(snapshot.step).padStart(8, '0')}-oldformat`;
    const oldDir = join(snapshotsDir, oldId);
    cpSync(snapshotDir, oldDir, { recursive: true });
    rmSync(join(oldDir, SNAPSHOT_PREVIEW_FILE));
    const { [SNAPSHOT_PREVIEW_FILE]: _dropped, ...oldFiles } = manifest.files;
    writeFileSync(join(oldDir, 'manifest.json'), JSON.stringify({ ...manifest, id: oldId, files: oldFiles, bytes: manifest.bytes - stored.length }, null, 2));
    expect(verifySnapshot(oldDir)).toBeNull();
    const old = await peer.request({ type: 'preview/request', runId: run.id, snapshotId: oldId }, 'preview/ready');
    expect(old.preview).toMatchObject({ snapshotId: oldId, step: snapshot.step, generated: fromWeights.generated, truth: fromWeights.truth });
    // …and still loads: the stopped run trains on from it.
    const resumed = await peer.request({ type: 'snapshot/restore', runId: run.id, snapshotId: oldId }, 'snapshot/restored');
    expect(resumed.snapshot).toMatchObject({ id: oldId, step: snapshot.step });
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');

    // One flipped byte in the preview: the snapshot is corrupt, and the message names that file.
    const flipped = Buffer.from(stored);
    flipped[Math.floor(flipped.length / 2)] = (flipped[Math.floor(flipped.length / 2)] as number) ^ 0x01;
    writeFileSync(join(snapshotDir, SNAPSHOT_PREVIEW_FILE), flipped);
    const verdict = await peer.request({ type: 'snapshot/verify', runId: run.id, snapshotId: snapshot.id }, 'snapshot/verified');
    expect(verdict.ok).toBe(false);
    expect(verdict.problem).toContain(`Snapshot file '${join(snapshotDir, SNAPSHOT_PREVIEW_FILE)}' is corrupt: its sha256 does not match the manifest`);
    const refused = await peer.request({ type: 'preview/request', runId: run.id, snapshotId: snapshot.id }, 'error');
    expect(refused.message).toMatch(/preview\.json' is corrupt/);
    expect(peer.events.filter((e) => e.type === 'warning')).toEqual([]);
  }, 400_000);
});
