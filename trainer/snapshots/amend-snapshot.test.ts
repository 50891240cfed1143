/**
 * Adding a file to a written snapshot (its preview) on a real disk: the manifest lists it with
 * its sha256 and size, verify checks it, and every state a crash can leave between the steps
 * is a snapshot that verifies; leftovers are cleared on the next open.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFileToSnapshot, amendManifest } from './amend-snapshot.js';
import { readSnapshot, verifySnapshot } from './read-snapshot.js';
import { encodeSafetensors } from './safetensors.js';
import { deleteSnapshotFolder, listSnapshots, removeUnfinishedSnapshots } from './snapshot-folder.js';
import { newSnapshotId, TMP_PREFIX, writeSnapshot, type Manifest } from './snapshot-writer.js';

let snapshotsDir: string;
beforeEach(() => {
  snapshotsDir = mkdtempSync(join(tmpdir(), 'stagecraft-amend-'));
});
afterEach(() => rmSync(snapshotsDir, { recursive: true, force: true }));

async function aSnapshot(): Promise<{ id: string; dir: string }> {
  const files = new Map<string, Uint8Array>([
    ['encoder.safetensors', encodeSafetensors([{ name: 'encoder.w', shape: [4, 4], data: new Float32Array(16).map((_, i) => i / 16) }])],
    ['state.json', Buffer.from(JSON.stringify({ step: 12 }))],
  ]);
  const info = await writeSnapshot(snapshotsDir, { info: { id: newSnapshotId(12), step: 12, reason: 'manual', label: 'a', createdAt: new Date().toISOString(), branch: 'main' }, files });
  return { id: info.id, dir: join(snapshotsDir, info.id) };
}

const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

describe('adding a file to a written snapshot', () => {
  it('lists it in the manifest with its sha256 and size, and verify checks it', async () => {
    const { id, dir } = await aSnapshot();
    const before = manifestOf(dir);
    const preview = Buffer.from(JSON.stringify({ format: 'stagecraft-preview', generated: 'AAAA' }));
    await addFileToSnapshot(dir, 'preview.json', preview);

    const after = manifestOf(dir);
    expect(after.files['preview.json']).toEqual({ sha256: createHash('sha256').update(preview).digest('hex'), bytes: preview.length });
    // Everything else is as it was; the snapshot's size counts the new file.
    expect({ ...after, files: undefined, bytes: undefined }).toEqual({ ...before, files: undefined, bytes: undefined });
    expect(after.files).toMatchObject(before.files);
    expect(after.bytes).toBe(before.bytes + preview.length);
    expect(listSnapshots(snapshotsDir).map((s) => [s.id, s.bytes])).toEqual([[id, after.bytes]]);
    expect(verifySnapshot(dir)).toBeNull();
    expect(readdirSync(dir).filter((name) => name.startsWith(TMP_PREFIX))).toEqual([]);

    const file = join(dir, 'preview.json');
    const flipped = readFileSync(file);
    flipped[5] = (flipped[5] as number) ^ 0x01;
    writeFileSync(file, flipped);
    expect(verifySnapshot(dir)).toMatch(/preview\.json' is corrupt: its sha256 does not match the manifest/);
  });

  it('leaves a snapshot that verifies at every point a crash can stop it, and the next open clears what is left', async () => {
    const { id, dir } = await aSnapshot();
    const original = readFileSync(join(dir, 'manifest.json'));
    // Stopped while writing the file: a .tmp- file beside the others.
    writeFileSync(join(dir, `${TMP_PREFIX}1a2b3c4d-preview.json`), 'half a pre');
    expect(verifySnapshot(dir)).toBeNull();
    // Stopped after the file was renamed into place, before the new manifest: an unlisted file…
    writeFileSync(join(dir, 'preview.json'), '{"format":"stagecraft-preview"}');
    // …and while writing the new manifest: a .tmp- manifest.
    writeFileSync(join(dir, `${TMP_PREFIX}5e6f7a8b-manifest.json`), '{"id": "trunc');
    expect(verifySnapshot(dir)).toBeNull();
    expect(readSnapshot(dir).manifest.files['preview.json']).toBeUndefined();
    expect(readFileSync(join(dir, 'manifest.json'))).toEqual(original);

    removeUnfinishedSnapshots(snapshotsDir);
    expect(readdirSync(dir).sort()).toEqual(['encoder.safetensors', 'manifest.json', 'preview.json', 'state.json']);
    expect(listSnapshots(snapshotsDir).map((s) => s.id)).toEqual([id]);
    expect(verifySnapshot(dir)).toBeNull();
  });

  it('never replaces a file the manifest lists, and fails without a trace for a snapshot deleted meanwhile', async () => {
    const { dir } = await aSnapshot();
    await expect(addFileToSnapshot(dir, 'state.json', Buffer.from('{}'))).rejects.toThrow(/already has a file 'state\.json'/);
    expect(verifySnapshot(dir)).toBeNull();

    const { id: goneId, dir: gone } = await aSnapshot();
    const adding = addFileToSnapshot(gone, 'preview.json', Buffer.from('{}'));
    deleteSnapshotFolder(snapshotsDir, goneId);
    await expect(adding).rejects.toThrow(/ENOENT/);
    expect(existsSync(gone)).toBe(false);
  });

  it('says in the manifest what it is told, keeping the files and size it lists', async () => {
    const { dir } = await aSnapshot();
    const before = manifestOf(dir);
    await amendManifest(dir, { previewMissing: 'no worker', files: {}, bytes: 0 });
    expect(manifestOf(dir)).toEqual({ ...before, previewMissing: 'no worker' });
    expect(verifySnapshot(dir)).toBeNull();
    // A snapshot renamed away (deleted) is not brought back by an amendment.
    renameSync(dir, `${dir}-moved`);
    await expect(amendManifest(dir, { previewMissing: 'x' })).rejects.toThrow(/ENOENT/);
    expect(existsSync(dir)).toBe(false);
  });
});
