import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBvh } from './bvh-parse.js';
import { DEMO_FPS, DEMO_SAMPLE_RATE, writeDemoDataset } from './demo-dataset.js';
import { loadMotionDataset } from './motion-dataset.js';
import { tempDir } from './test-fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Seconds of a 16-bit mono PCM WAV, checking the header says exactly that. */
function pcm16MonoSeconds(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  expect([tag(0), tag(8), tag(12), tag(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
  expect(view.getUint16(20, true)).toBe(1); // PCM
  expect(view.getUint16(22, true)).toBe(1); // mono
  expect(view.getUint32(24, true)).toBe(DEMO_SAMPLE_RATE);
  expect(view.getUint16(34, true)).toBe(16);
  const dataBytes = view.getUint32(40, true);
  expect(bytes.length).toBe(44 + dataBytes);
  return dataBytes / 2 / DEMO_SAMPLE_RATE;
}

describe('demo dataset (audio + motion pairs)', () => {
  it('writes N pairs with one stem, and each WAV lasts as long as its BVH (within a frame)', () => {
    const manifest = writeDemoDataset(dir, { trainClips: 4, validationClips: 2, seconds: 3.5 });
    expect(manifest.clips).toHaveLength(6);
    for (const clip of manifest.clips) {
      expect(clip.audio).toBe(clip.file.replace(/\.bvh$/, '.wav'));
      const wavSeconds = pcm16MonoSeconds(readFileSync(join(dir, clip.audio)));
      const motion = parseBvh(readFileSync(join(dir, clip.file), 'utf8'), clip.file);
      const bvhSeconds = motion.frameCount * motion.frameTime;
      expect(Math.abs(wavSeconds - bvhSeconds)).toBeLessThanOrEqual(1 / DEMO_FPS);
      expect(wavSeconds).toBeCloseTo(3.5, 6);
    }
    expect(manifest.clips.map((c) => c.audio)).toEqual([
      'train/clip-000.wav',
      'train/clip-001.wav',
      'train/clip-002.wav',
      'train/clip-003.wav',
      'validation/clip-000.wav',
      'validation/clip-001.wav',
    ]);
    // The manifest on disk carries the audio; the motion loader still reads only the BVH.
    expect(JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8'))).toEqual(manifest);
    const data = loadMotionDataset(dir);
    expect(data.train.map((c) => c.file)).toEqual(['train/clip-000.bvh', 'train/clip-001.bvh', 'train/clip-002.bvh', 'train/clip-003.bvh']);
    expect(data.skipped).toEqual([]);
  });

  it('writes audible audio that differs per clip and is the same on every machine', () => {
    writeDemoDataset(dir, { trainClips: 2, validationClips: 1, seconds: 2 });
    const a = readFileSync(join(dir, 'train/clip-000.wav'));
    const b = readFileSync(join(dir, 'train/clip-001.wav'));
    expect(a.equals(b)).toBe(false);
    const pcm = new Int16Array(a.buffer.slice(a.byteOffset + 44, a.byteOffset + a.length));
    expect(pcm.reduce((m, x) => Math.max(m, Math.abs(x)), 0)).toBeGreaterThan(0.1 * 32768);
    const again = tempDir();
    try {
      writeDemoDataset(again.dir, { trainClips: 2, validationClips: 1, seconds: 2 });
      expect(readFileSync(join(again.dir, 'train/clip-000.wav')).equals(a)).toBe(true);
    } finally {
      again.cleanup();
    }
  });
});
