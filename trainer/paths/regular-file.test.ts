/**
 * Files the trainer did not write are read only when they are regular files within a size cap,
 * checked before any byte is read: a FIFO named like a clip does not block, /dev/zero does not
 * grow the trainer, and a link out of a dataset folder is not followed.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFolderInside, readFolderFile } from './folder-files.js';
import { FileRefusedError, readRegularFile, readRegularFileAsync } from './regular-file.js';

const dir = mkdtempSync(join(tmpdir(), 'stagecraft-regular-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusedProblem(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(FileRefusedError);
    return (error as FileRefusedError).problem;
  }
  throw new Error('expected the read to be refused');
}

describe('readRegularFile', () => {
  it('reads a regular file whole', async () => {
    const path = join(dir, 'take.bvh');
    writeFileSync(path, 'HIERARCHY');
    expect(readRegularFile(path, { maxBytes: 100, label: 'take.bvh' }).toString()).toBe('HIERARCHY');
    expect((await readRegularFileAsync(path, { maxBytes: 100, label: 'take.bvh' })).toString()).toBe('HIERARCHY');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'clip-001.bvh');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(refusedProblem(() => readRegularFile(fifo, { maxBytes: 100, label: 'clip-001.bvh' }))).toBe('is a named pipe (FIFO), not a regular file; only regular files are read');
    await expect(readRegularFileAsync(fifo, { maxBytes: 100, label: 'clip-001.bvh' })).rejects.toThrow(/named pipe/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.skipIf(process.platform === 'win32')('refuses a device such as /dev/zero, and a folder', () => {
    expect(refusedProblem(() => readRegularFile('/dev/zero', { maxBytes: 100, label: 'zero.wav' }))).toBe('is a device, not a regular file; only regular files are read');
    expect(refusedProblem(() => readRegularFile(dir, { maxBytes: 100, label: 'dir' }))).toMatch(/a folder/);
  });

  it('refuses a file over the cap before reading it (a sparse 3 GB file costs nothing to check)', () => {
    const big = join(dir, 'huge.wav');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 3 * 2 ** 30);
    closeSync(fd);
    expect(refusedProblem(() => readRegularFile(big, { maxBytes: 512 * 2 ** 20, label: 'huge.wav', kind: 'a WAV file' }))).toBe(
      'is 3,072 MB; a WAV file may be at most 512 MB (split the recording into shorter takes)',
    );
  });

  it('says a missing file is missing', () => {
    expect(refusedProblem(() => readRegularFile(join(dir, 'nope.wav'), { maxBytes: 1, label: 'nope.wav' }))).toBe('the file is missing');
  });
});

describe('files of a folder read as a whole', () => {
  it('reads files inside, follows links that stay inside, and refuses links that lead out', () => {
    const folder = join(dir, 'recordings');
    const outside = join(dir, 'outside');
    mkdirSync(join(folder, 'train'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(folder, 'train', 'a.bvh'), 'A');
    writeFileSync(join(outside, 'shadow'), 'root:$6$secret');
    symlinkSync(join(folder, 'train', 'a.bvh'), join(folder, 'alias.bvh'));
    symlinkSync(join(outside, 'shadow'), join(folder, 'b.bvh'));
    symlinkSync(outside, join(folder, 'validation'));
    expect(readFolderFile(folder, 'train/a.bvh', { maxBytes: 10 }).toString()).toBe('A');
    expect(readFolderFile(folder, 'alias.bvh', { maxBytes: 10 }).toString()).toBe('A');
    const error = refusedProblem(() => readFolderFile(folder, 'b.bvh', { maxBytes: 100 }));
    expect(error).toBe('is a link to somewhere outside the folder; it was not read (copy the file itself in)');
    expect(isFolderInside(folder, 'train')).toBe(true);
    expect(isFolderInside(folder, 'validation')).toBe(false);
  });
});
