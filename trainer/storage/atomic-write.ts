/**
 * Replace-a-file writes that never leave a half-written file behind (DESIGN.md: tmp →
 * fsync → rename → fsync the folder). A crash mid-write leaves at worst a stray *.tmp, never
 * a truncated file; a failed write (a full disk) removes its tmp and keeps the old file.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

export interface AtomicWriteOptions {
  /** Make the rename durable now. Writers of many files pass false and sync the folder once. */
  syncFolder?: boolean;
}

export function writeFileAtomic(path: string, data: string | Uint8Array, { syncFolder = true }: AtomicWriteOptions = {}): void {
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    if (syncFolder) fsyncDirectory(dirname(path));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Makes the renames in a folder durable. Windows cannot open a folder for fsync, and the
 * rename is already atomic there, so failure to sync the folder is not an error.
 */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort, see above
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
