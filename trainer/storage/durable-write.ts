/**
 * Durable writes for big files (snapshots) that leave the training thread free. The data and
 * the fsync go to libuv's thread pool; only cheap metadata calls (open, close, mkdir, rename)
 * run inline. This matters because the training thread yields to the event loop once per step:
 * every awaited operation costs a step of latency, so a write is a handful of awaits, not one
 * per 512 KiB chunk as fs.promises.writeFile would make it.
 */
import { closeSync, fsync, openSync, write } from 'node:fs';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const writeAsync = promisify(write);
const fsyncAsync = promisify(fsync);

/**
 * Writes a new file (never replaces one) and fsyncs it; a failed write removes what it began.
 * The file is created before the first await, so its folder entry exists once this returns.
 */
export async function writeNewFileDurably(path: string, data: Uint8Array): Promise<void> {
  const fd = openSync(path, 'wx');
  try {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await writeAsync(fd, data, written, data.length - written, written);
      written += bytesWritten;
    }
    await fsyncAsync(fd);
  } catch (error) {
    closeSync(fd);
    await rm(path, { force: true });
    throw error;
  }
  closeSync(fd);
}

/**
 * Makes the renames in a folder durable. Windows cannot open a folder for fsync (and its rename
 * is atomic already), so only POSIX systems sync it.
 */
export async function fsyncDirectoryAsync(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    await fsyncAsync(fd);
  } finally {
    closeSync(fd);
  }
}

/** True for "no space left on device" and "disk quota exceeded": the disk, not the data, is the problem. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
