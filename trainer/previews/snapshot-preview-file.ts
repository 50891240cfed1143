/**
 * A snapshot's preview on disk: the model's motion for the run's validation clip at the
 * snapshot's step, as `preview.json` in the snapshot folder. It is a file of the sample
 * history's format (preview-store.ts: joints as base64 float32, sample-codec.ts), listed in the
 * manifest with its sha256 and size like every other file, so verify and restore check it too.
 * What every preview of the clip shares (skeleton, ground truth, audio) is the run's clip file
 * under previews/, as for the history. A snapshot written before previews were stored, or one
 * whose preview could not be made, has no preview.json; its manifest may say why
 * (`previewMissing`).
 */
import { join } from 'node:path';
import type { PreviewSample } from '../protocol.js';
import { addFileToSnapshot, amendManifest } from '../snapshots/amend-snapshot.js';
import { readManifest, readVerifiedFile } from '../snapshots/read-snapshot.js';
import { PreviewFileError, previewFileText, previewIdOf, type PreviewStore } from './preview-store.js';

export const SNAPSHOT_PREVIEW_FILE = 'preview.json';

/** Stores a preview in the snapshot folder, crash-safely (amend-snapshot.ts). */
export function storeSnapshotPreview(snapshotDir: string, sample: Omit<PreviewSample, 'id'>): Promise<void> {
  const text = previewFileText({ ...sample, id: previewIdOf(sample.step, sample.branch) });
  return addFileToSnapshot(snapshotDir, SNAPSHOT_PREVIEW_FILE, Buffer.from(text));
}

/** Says in the manifest why the snapshot has no preview. */
export function noteMissingPreview(snapshotDir: string, why: string): Promise<void> {
  return amendManifest(snapshotDir, { previewMissing: why });
}

/**
 * The snapshot's stored preview, its bytes checked against the manifest first (a mismatch
 * throws a CorruptSnapshotError naming the file), as preview/ready carries it. Null when the
 * snapshot has none, or when the run's clip file it refers to is gone: the caller generates
 * the preview from the snapshot's weights instead, as it did before previews were stored.
 */
export function readStoredPreview(snapshotDir: string, store: PreviewStore, snapshotId: string): PreviewSample | null {
  const entry = readManifest(snapshotDir).files?.[SNAPSHOT_PREVIEW_FILE];
  if (!entry) return null;
  const bytes = readVerifiedFile(snapshotDir, SNAPSHOT_PREVIEW_FILE, entry);
  try {
    const { id: _id, ...sample } = store.readText(bytes.toString('utf8'), join(snapshotDir, SNAPSHOT_PREVIEW_FILE));
    return { ...sample, snapshotId };
  } catch (error) {
    if (error instanceof PreviewFileError) return null;
    throw error;
  }
}
