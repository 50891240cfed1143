import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWavFile, readWavFileSync } from './read-wav-file.js';
import { WavError } from './wav-read.js';
import { writeWav } from './wav-write.js';

const dir = mkdtempSync(join(tmpdir(), 'stagecraft-wav-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readWavFile', () => {
  it('reads a WAV from disk', async () => {
    const path = join(dir, 'take1.wav');
    writeFileSync(path, writeWav(Float32Array.from([0.5, -0.5]), 16000));
    const wav = await readWavFile(path);
    expect(Array.from(wav.samples)).toEqual([0.5, -0.5]);
  });

  it('names the file by its base name in errors', async () => {
    const path = join(dir, 'notes.wav');
    writeFileSync(path, 'not audio at all');
    const error = await readWavFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WavError);
    expect((error as WavError).file).toBe('notes.wav');
    expect((error as WavError).message).toMatch(/^'notes\.wav': is not a RIFF\/WAVE file/);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO or a device as a WavError naming it, without reading from it', async () => {
    const fifo = join(dir, 'speech.wav');
    execFileSync('mkfifo', [fifo]);
    await expect(readWavFile(fifo)).rejects.toThrow("'speech.wav': is a named pipe (FIFO), not a regular file; only regular files are read");
    expect(() => readWavFileSync(fifo)).toThrow(WavError);
    expect(() => readWavFileSync('/dev/zero')).toThrow("'zero': is a device, not a regular file; only regular files are read");
  });
});
