/**
 * The disk side of wav-read.ts, kept apart so the parser stays pure (bytes in, arrays
 * out) and testable without files. Errors name the file as the user knows it (its base
 * name), not the absolute path of the dataset folder. Only a regular file of at most
 * WAV_MAX_BYTES is read (a FIFO or /dev/zero is refused, not waited on or read forever).
 */
import { basename } from 'node:path';
import { FileRefusedError, readRegularFile, readRegularFileAsync } from '../paths/regular-file.js';
import { WAV_MAX_BYTES } from './wav-limits.js';
import { readWav, WavError, type ReadWavOptions, type WavAudio } from './wav-read.js';

const limits = (path: string) => ({ maxBytes: WAV_MAX_BYTES, label: basename(path), kind: 'a WAV file' });

export async function readWavFile(path: string, options?: ReadWavOptions): Promise<WavAudio> {
  const bytes = await asWavError(() => readRegularFileAsync(path, limits(path)));
  return readWav(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path), options);
}

/** The same, synchronously: for the export of a recording the person chose. */
export function readWavFileSync(path: string, options?: ReadWavOptions): WavAudio {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, limits(path));
  } catch (error) {
    throw error instanceof FileRefusedError ? new WavError(error.file, error.problem) : error;
  }
  return readWav(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path), options);
}

async function asWavError<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof FileRefusedError ? new WavError(error.file, error.problem) : error;
  }
}
