/**
 * Without an evaluation worker (STAGECRAFT_EVAL_IN_PROCESS=1), a written snapshot gets no
 * preview, rather than one made on the training thread, and its manifest says why; it still
 * verifies. A snapshot deleted before its turn is left out without a word; one whose run ends
 * first says so.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { BackgroundEvaluation } from '../evaluation/background-evaluation.js';
import { AUTOENCODER_PRESETS } from '../recipes/motion-autoencoder/config.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import type { RecipeModel } from '../recipes/recipe.js';
import { verifySnapshot } from '../snapshots/read-snapshot.js';
import { deleteSnapshotFolder } from '../snapshots/snapshot-folder.js';
import { newSnapshotId, writeSnapshot } from '../snapshots/snapshot-writer.js';
import { demoData } from '../testing/step-harness.js';
import { SNAPSHOT_PREVIEW_FILE } from './snapshot-preview-file.js';
import { SnapshotPreviewQueue } from './snapshot-preview-queue.js';

let snapshotsDir: string;
let model: RecipeModel;
let removeData: () => void;
beforeAll(async () => {
  await selectBackend('cpu');
  snapshotsDir = mkdtempSync(join(tmpdir(), 'stagecraft-snapshot-previews-'));
  const demo = await demoData({ trainClips: 2, validationClips: 1 });
  removeData = demo.remove;
  model = motionAutoencoder.build(AUTOENCODER_PRESETS.tiny, demo.data, 1);
});
afterAll(() => {
  model?.dispose();
  removeData?.();
  rmSync(snapshotsDir, { recursive: true, force: true });
});

async function aSnapshot(step: number) {
  const files = new Map<string, Uint8Array>([['state.json', Buffer.from(JSON.stringify({ step }))]]);
  return writeSnapshot(snapshotsDir, { info: { id: newSnapshotId(step), step, reason: 'interval', label: '', createdAt: new Date().toISOString(), branch: 'main' }, files });
}

describe('snapshot previews without an evaluation worker', () => {
  it('leave the snapshot without a preview, say why in its manifest, and skip snapshots deleted meanwhile', async () => {
    const warnings: string[] = [];
    const evaluation = new BackgroundEvaluation({ model, setup: { recipe: 'motion-autoencoder', preset: 'tiny', datasetDir: '', seed: 1, backend: null }, deliver: () => undefined, warn: (m) => warnings.push(m), inProcess: true });
    const queue = new SnapshotPreviewQueue({
      snapshotsDir,
      generate: (dir) => evaluation.snapshotPreview(dir),
      sampleOf: () => Promise.reject(new Error('no preview is made without a worker')),
      warn: (m) => warnings.push(m),
    });
    const kept = await aSnapshot(10);
    const deleted = await aSnapshot(20);
    queue.add(kept);
    queue.add(deleted);
    deleteSnapshotFolder(snapshotsDir, deleted.id);
    await queue.idle();
    await evaluation.close();

    const dir = join(snapshotsDir, kept.id);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.previewMissing).toMatch(/evaluation runs in the training process \(STAGECRAFT_EVAL_IN_PROCESS=1\); not generated in the training process, so as not to hold up training/);
    expect(manifest.files[SNAPSHOT_PREVIEW_FILE]).toBeUndefined();
    expect(existsSync(join(dir, SNAPSHOT_PREVIEW_FILE))).toBe(false);
    expect(verifySnapshot(dir)).toBeNull();
    expect(existsSync(join(snapshotsDir, deleted.id))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('note a snapshot whose run ended before its preview was made, with the worker still starting', async () => {
    // A real worker process, asked to start: the run ends long before it could be ready.
    const evaluation = new BackgroundEvaluation({ model, setup: { recipe: 'motion-autoencoder', preset: 'tiny', datasetDir: join(snapshotsDir, 'no-dataset'), seed: 1, backend: 'cpu' }, deliver: () => undefined, warn: () => undefined, inProcess: false });
    const queue = new SnapshotPreviewQueue({
      snapshotsDir,
      generate: (dir) => evaluation.snapshotPreview(dir),
      sampleOf: () => Promise.reject(new Error('no preview is made once the run has ended')),
      warn: () => undefined,
    });
    const last = await aSnapshot(30);
    queue.add(last);
    // As the training loop ends: no more waiting for previews, then the worker goes.
    await queue.close(0);
    await evaluation.close();
    await queue.idle();
    const dir = join(snapshotsDir, last.id);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).previewMissing).toBe('the run ended before its preview was generated');
    expect(verifySnapshot(dir)).toBeNull();
  });
});
