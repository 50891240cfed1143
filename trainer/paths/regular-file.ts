/**
 * Reading a file the trainer did not write: only a regular file, and only up to a size cap
 * checked before the first byte is read. The file is opened non-blocking and checked on the
 * open descriptor, so a FIFO named clip-001.bvh cannot block the trainer (opening a FIFO for
 * reading waits for a writer unless O_NONBLOCK is set), /dev/zero cannot grow it without
 * bound, and a file swapped for something else between a check and the open is still caught.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** What a missing file is told with: callers that treat "missing" apart compare `problem` with this. */
export const FILE_MISSING = 'the file is missing';

/** A file that is not one we read, in a sentence that names it as the caller knows it. */
export class FileRefusedError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`'${file}': ${problem}`);
    this.name = 'FileRefusedError';
  }
}

export interface RegularFileLimits {
  /** Larger files are refused before anything is read. */
  maxBytes: number;
  /** How errors name the file (a name relative to the folder the person chose, say). */
  label: string;
  /** What the file is, for the size sentence: "a BVH file", "a WAV file". */
  kind?: string;
}

// Not defined on Windows, where FIFOs are not files in a folder anyway.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function readRegularFile(path: string, limits: RegularFileLimits): Buffer {
  const fd = openOrRefuse(path, limits.label);
  try {
    const size = checkedSize(fstatSync(fd), limits);
    const bytes = Buffer.alloc(size);
    let at = 0;
    // The size as checked: a file that grows meanwhile is read up to it, never beyond.
    while (at < size) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

export async function readRegularFileAsync(path: string, limits: RegularFileLimits): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    throw openError(error, limits.label);
  }
  try {
    const size = checkedSize(await handle.stat(), limits);
    const bytes = Buffer.alloc(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

function openOrRefuse(path: string, label: string): number {
  try {
    return openSync(path, READ_FLAGS);
  } catch (error) {
    throw openError(error, label);
  }
}

function openError(error: unknown, label: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileRefusedError(label, FILE_MISSING);
  if (code === 'EACCES' || code === 'EPERM') return new FileRefusedError(label, 'the file cannot be read (permission denied)');
  if (code === 'EISDIR') return new FileRefusedError(label, 'is a folder, not a file');
  // ENXIO: a socket, or a FIFO on some systems; ELOOP: a link that leads in a circle.
  return new FileRefusedError(label, `the file cannot be opened (${code ?? (error as Error).message})`);
}

function checkedSize(stats: Stats, { maxBytes, label, kind = 'a file' }: RegularFileLimits): number {
  if (!stats.isFile()) throw new FileRefusedError(label, `is ${what(stats)}, not a regular file; only regular files are read`);
  if (stats.size > maxBytes) {
    throw new FileRefusedError(label, `is ${megabytes(stats.size)}; ${kind} may be at most ${megabytes(maxBytes)} (split the recording into shorter takes)`);
  }
  return stats.size;
}

function what(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a file';
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}
