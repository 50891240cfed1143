/**
 * Adds to a snapshot already on disk (its preview, made after the weights were written) so
 * that a crash at any moment leaves a snapshot that verifies, with or without the addition:
 *   1. the new file is written beside the others under a `.tmp-` name, fsynced, renamed to
 *      its own name and the folder fsynced: it exists before any manifest names it;
 *   2. the new manifest (the old one plus the file's sha256 and size) is written the same way
 *      and renamed over manifest.json, which is atomic: readers see the old or the new one.
 * A crash between the steps leaves an unlisted file (ignored: only what the manifest lists is
 * read) or a `.tmp-` file, which the next open removes (snapshot-folder.ts). Files the
 * manifest lists are never replaced, so no listed sha256 ever stops matching.
 * Data and fsyncs run on the thread pool, as the snapshot's own files do (durable-write.ts).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectoryAsync, writeNewFileDurably } from '../storage/durable-write.js';
import { sha256Hex, SNAPSHOT_FORMAT, TMP_PREFIX, type Manifest } from './snapshot-writer.js';

const MANIFEST = 'manifest.json';

/** Amendments of one folder, one after another: each reads the manifest the one before wrote. */
const chains = new Map<string, Promise<unknown>>();

function inTurn<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const done = (chains.get(dir) ?? Promise.resolve()).then(work, work);
  const settled = done.catch(() => undefined);
  chains.set(dir, settled);
  void settled.then(() => chains.get(dir) === settled && chains.delete(dir));
  return done;
}

/**
 * Adds `name` to the snapshot in `dir` and lists it in the manifest (with any `fields` the
 * manifest should say besides). Throws if the snapshot is gone (deleted meanwhile: ENOENT) or
 * already lists a file of that name.
 */
export function addFileToSnapshot(dir: string, name: string, bytes: Uint8Array, fields: Record<string, unknown> = {}): Promise<void> {
  return inTurn(dir, async () => {
    const manifest = readAmendableManifest(dir);
    if (name === MANIFEST || name.startsWith(TMP_PREFIX) || name in manifest.files) throw new Error(`Snapshot '${dir}' already has a file '${name}'.`);
    const tmp = join(dir, `${TMP_PREFIX}${randomBytes(4).toString('hex')}-${name}`);
    let renamed = false;
    try {
      const [, sha256] = await Promise.all([writeNewFileDurably(tmp, bytes), sha256Hex(bytes)]);
      renameSync(tmp, join(dir, name));
      renamed = true;
      // The file's name is durable before a manifest that lists it can be.
      await fsyncDirectoryAsync(dir);
      const files = { ...manifest.files, [name]: { sha256, bytes: bytes.length } };
      await writeManifest(dir, { ...manifest, ...fields, files, bytes: manifest.bytes + bytes.length });
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      // The old manifest is still in place and does not list it: an unlisted file is only clutter.
      if (renamed) await rm(join(dir, name), { force: true }).catch(() => undefined);
      throw error;
    }
    // Listed from here on: a failure now must not take the file away again.
    await fsyncDirectoryAsync(dir);
  });
}

/** Adds fields to the snapshot's manifest (never `files` or `bytes`, which say what is on disk). */
export function amendManifest(dir: string, fields: Record<string, unknown>): Promise<void> {
  return inTurn(dir, async () => {
    const { files: _files, bytes: _bytes, ...rest } = fields;
    await writeManifest(dir, { ...readAmendableManifest(dir), ...rest });
    await fsyncDirectoryAsync(dir);
  });
}

function readAmendableManifest(dir: string): Manifest {
  // Throws ENOENT when the snapshot was deleted meanwhile: the caller tells that apart.
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
  if (manifest.format !== SNAPSHOT_FORMAT || typeof manifest.files !== 'object' || manifest.files === null) {
    throw new Error(`Snapshot '${dir}' has a manifest this trainer does not amend (format ${String(manifest.format)}).`);
  }
  return manifest;
}

/** Replaces manifest.json whole (tmp, fsync, rename); the caller fsyncs the folder to make it durable. */
async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const tmp = join(dir, `${TMP_PREFIX}${randomBytes(4).toString('hex')}-${MANIFEST}`);
  try {
    await writeNewFileDurably(tmp, Buffer.from(JSON.stringify(manifest, null, 2)));
    renameSync(tmp, join(dir, MANIFEST));
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
}
