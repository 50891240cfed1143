/**
 * The disk side of wav-read.ts, kept apart so the parser stays pure (bytes in, arrays
 * out) and testable without files. Errors name the file as the user knows it (its base
 * name), not the absolute path of the dataset folder.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readWav, type ReadWavOptions, type WavAudio } from './wav-read.js';

export async function readWavFile(path: string, options?: ReadWavOptions): Promise<WavAudio> {
  const bytes = await readFile(path);
  return readWav(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path), options);
}
