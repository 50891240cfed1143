/** Which recording "Export BVH" uses when none is named, on real demo files. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { defaultExportAudio } from './export-audio.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function demo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'export-audio-'));
  dirs.push(dir);
  writeDemoDataset(dir, { trainClips: 2, validationClips: 2, seconds: 1 });
  return dir;
}

const removeWavs = (folder: string) => readdirSync(folder).filter((n) => n.endsWith('.wav')).forEach((n) => rmSync(join(folder, n)));

describe('the recording an export uses by default', () => {
  it('is the first validation clip’s WAV, then a training clip’s, and a clear error when the data has no audio', () => {
    const dir = demo();
    expect(defaultExportAudio(dir)).toBe(join(dir, 'validation', 'clip-000.wav'));

    removeWavs(join(dir, 'validation'));
    expect(defaultExportAudio(dir)).toBe(join(dir, 'train', 'clip-000.wav'));

    removeWavs(join(dir, 'train'));
    expect(() => defaultExportAudio(dir)).toThrow(new RegExp(`'${dir.replaceAll('\\', '\\\\')}' has no recording .*choose a WAV file instead`));
  });
});
