/**
 * Writes one snapshot folder crash-safely and off the training path. The tensors were already
 * copied out between two steps (see take-snapshot.ts); here every file goes into a temporary
 * folder, written and fsynced on libuv's thread pool (durable-write.ts), its sha256 is computed by WebCrypto (also off
 * the main thread), a manifest naming each file's sha256 and size is written last, then the
 * folder is renamed into place and its parent fsynced. A crash leaves either no snapshot
 * under its name or a complete one; a leftover `.tmp-*` folder is removed on the next open.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotInfo } from '../protocol.js';
import { fsyncDirectoryAsync, isDiskFull, writeNewFileDurably } from '../storage/durable-write.js';

/** Bumped when the folder layout changes; readers refuse what they do not know. */
export const SNAPSHOT_FORMAT = 1;
export const TMP_PREFIX = '.tmp-';

export interface ManifestEntry {
  sha256: string;
  bytes: number;
}

export interface Manifest extends SnapshotInfo {
  format: number;
  files: Record<string, ManifestEntry>;
}

/** A snapshot copied out of the live model, not yet on disk. */
export interface CapturedSnapshot {
  info: Omit<SnapshotInfo, 'bytes'>;
  /** File name → its complete bytes (safetensors per layer group, optimizer, state.json). */
  files: Map<string, Uint8Array>;
}

/** Why a snapshot was not written, in words naming it; the run goes on and older snapshots are untouched. */
export class SnapshotWriteError extends Error {
  constructor(
    readonly snapshotId: string,
    readonly diskFull: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** Random tail: two snapshots at the same step in the same millisecond must not collide. */
export function newSnapshotId(step: number): string {
  return `step-${String(step).padStart(8, '0')}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function writeSnapshot(snapshotsDir: string, captured: CapturedSnapshot): Promise<SnapshotInfo> {
  const { id } = captured.info;
  const tmp = join(snapshotsDir, `${TMP_PREFIX}${id}`);
  try {
    mkdirSync(tmp, { recursive: true });
    // Every file at once: the thread pool writes and hashes them side by side.
    const entries = await Promise.all(
      [...captured.files].map(async ([name, bytes]) => {
        const [, sha256] = await Promise.all([writeNewFileDurably(join(tmp, name), bytes), sha256Hex(bytes)]);
        return [name, { sha256, bytes: bytes.length }] as const;
      }),
    );
    const files: Record<string, ManifestEntry> = Object.fromEntries(entries);
    const info: SnapshotInfo = { ...captured.info, bytes: entries.reduce((sum, [, f]) => sum + f.bytes, 0) };
    const manifest: Manifest = { ...info, format: SNAPSHOT_FORMAT, files };
    // The manifest goes last: a folder with a manifest has every file it names. Its folder
    // entry exists once the write has begun (the file is opened at once), so the folder's
    // fsync runs beside the manifest's own: one wait fewer, and both are durable before the rename.
    await Promise.all([writeNewFileDurably(join(tmp, 'manifest.json'), Buffer.from(JSON.stringify(manifest, null, 2))), fsyncDirectoryAsync(tmp)]);
    renameSync(tmp, join(snapshotsDir, id));
    await fsyncDirectoryAsync(snapshotsDir);
    return info;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    const { reason, step } = captured.info;
    const full = isDiskFull(error);
    const why = full ? `disk full (${(error as Error).message})` : (error as Error).message;
    throw new SnapshotWriteError(id, full, `Snapshot ${id} (${reason}, step ${step}) was not written: ${why}. Training continues; earlier snapshots are intact.`);
  }
}

/** SHA-256 on WebCrypto, which hashes on the thread pool rather than the training thread. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await webcrypto.subtle.digest('SHA-256', bytes);
  return Buffer.from(digest).toString('hex');
}
