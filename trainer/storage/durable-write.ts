/**
 * Asynchronous durable writes for big files (snapshots): the bytes go to disk on libuv's
 * thread pool, not the training thread, and each file is fsynced before it counts as written.
 */
import { open, rm } from 'node:fs/promises';

/** Writes a new file (never replaces one) and fsyncs it; a failed write removes what it began. */
export async function writeNewFileDurably(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
}

/**
 * Makes the renames in a folder durable. Windows cannot open a folder for fsync (and its rename
 * is atomic already), so only POSIX systems sync it.
 */
export async function fsyncDirectoryAsync(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** True for "no space left on device" and "disk quota exceeded": the disk, not the data, is the problem. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
