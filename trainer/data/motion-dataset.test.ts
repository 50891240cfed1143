import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDemoDataset } from './demo-dataset.js';
import { featureStats, loadMotionDataset, type DatasetManifest } from './motion-dataset.js';
import { TINY_BVH, tempDir } from './test-fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('demo dataset', () => {
  it('writes 60 + 12 clips of 8 s and loads them back through the BVH reader', () => {
    const manifest = writeDemoDataset(dir);
    const data = loadMotionDataset(dir);

    // Each clip is a .bvh + .wav pair (demo-dataset.test.ts checks the audio side).
    const stems = Array.from({ length: 60 }, (_, i) => `clip-${String(i).padStart(3, '0')}`);
    expect(readdirSync(join(dir, 'train')).sort()).toEqual(stems.flatMap((s) => [`${s}.bvh`, `${s}.wav`]));
    expect(readdirSync(join(dir, 'validation'))).toHaveLength(24); // and no *.tmp left behind
    const onDisk = JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')) as DatasetManifest;
    expect(onDisk).toEqual(manifest);
    expect(onDisk.fps).toBe(30);
    expect(onDisk.skeleton?.names).toHaveLength(13);

    expect(data.name).toBe('demo-gestures');
    expect(data.train).toHaveLength(60);
    expect(data.validation).toHaveLength(12);
    expect(data.skipped).toEqual([]);
    expect(data.fps).toBe(30);
    expect(data.jointNames).toEqual(onDisk.skeleton?.names);
    expect(data.parents).toEqual([-1, 0, 1, 2, 3, 2, 5, 6, 7, 2, 9, 10, 11]);
    expect(data.featureDim).toBe(42);
    for (const clip of [...data.train, ...data.validation]) {
      expect(clip.frames).toBe(240);
      expect(clip.features).toHaveLength(240 * 42);
      expect(clip.bodyHeight).toBeCloseTo(101, 6);
    }
    expect(data.train[0]).toMatchObject({ name: 'clip-000', file: 'train/clip-000.bvh' });
  });

  it('computes normalisation stats on the train split only', () => {
    writeDemoDataset(dir, { trainClips: 6, validationClips: 3, seconds: 2 });
    const data = loadMotionDataset(dir);
    const trainOnly = featureStats(data.train, data.featureDim);
    expect(data.featureMean).toEqual(trainOnly.mean);
    expect(data.featureStd).toEqual(trainOnly.std);
    const everything = featureStats([...data.train, ...data.validation], data.featureDim);
    expect(Array.from(everything.mean)).not.toEqual(Array.from(data.featureMean));

    // Normalised train features have mean ≈ 0 and std ≈ 1 wherever the feature varies;
    // constant features (the root slot's x and z) get std 1 instead of a divide by zero.
    expect(data.featureStd[0]).toBe(1);
    expect(data.featureStd[2]).toBe(1);
    const k = 3 * 8 + 1; // LeftHand height relative to the hips
    const values = data.train.flatMap((c) => Array.from({ length: c.frames }, (_, f) => (c.features[f * 42 + k]! - data.featureMean[k]!) / data.featureStd[k]!));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(1e-4);
    expect(variance).toBeCloseTo(1, 3);
  });

  it('is the same bytes for the same seed, and different data for another seed', () => {
    writeDemoDataset(dir, { seed: 7, trainClips: 2, validationClips: 1, seconds: 2 });
    const other = tempDir();
    try {
      writeDemoDataset(other.dir, { seed: 7, trainClips: 2, validationClips: 1, seconds: 2 });
      for (const f of ['dataset.json', 'train/clip-000.bvh', 'train/clip-001.bvh', 'validation/clip-000.bvh']) {
        expect(readFileSync(join(other.dir, f))).toEqual(readFileSync(join(dir, f)));
      }
      writeDemoDataset(other.dir, { seed: 8, trainClips: 2, validationClips: 1, seconds: 2 });
      expect(readFileSync(join(other.dir, 'train/clip-000.bvh'), 'utf8')).not.toBe(readFileSync(join(dir, 'train/clip-000.bvh'), 'utf8'));
    } finally {
      other.cleanup();
    }
    // Validation clips are not copies of train clips.
    expect(readFileSync(join(dir, 'validation/clip-000.bvh'), 'utf8')).not.toBe(readFileSync(join(dir, 'train/clip-000.bvh'), 'utf8'));
  });
});

describe('loadMotionDataset', () => {
  it('skips a broken file with the reader’s message and loads the rest', () => {
    writeDemoDataset(dir, { trainClips: 4, validationClips: 3, seconds: 2 });
    const broken = join(dir, 'validation/clip-001.bvh');
    const lines = readFileSync(broken, 'utf8').split('\n');
    const frame12 = lines.findIndex((l) => l.startsWith('Frame Time')) + 12;
    lines[frame12] = lines[frame12]!.split(' ').slice(1).join(' ');
    writeFileSync(broken, lines.join('\n'));
    writeFileSync(join(dir, 'train/clip-002.bvh'), '');

    const data = loadMotionDataset(dir);
    expect(data.train).toHaveLength(3);
    expect(data.validation).toHaveLength(2);
    expect(data.skipped).toEqual([
      { file: 'train/clip-002.bvh', reason: "'train/clip-002.bvh': the file is empty" },
      {
        file: 'validation/clip-001.bvh',
        reason: `'validation/clip-001.bvh' line ${frame12 + 1}: frame 12 has 41 values, the hierarchy declares 42 channels`,
      },
    ]);
  });

  it('skips a missing file and a clip with a different skeleton', () => {
    writeDemoDataset(dir, { trainClips: 3, validationClips: 1, seconds: 1 });
    rmSync(join(dir, 'train/clip-000.bvh'));
    writeFileSync(join(dir, 'train/clip-001.bvh'), TINY_BVH);
    const data = loadMotionDataset(dir);
    expect(data.train.map((c) => c.name)).toEqual(['clip-002']);
    expect(data.skipped.map((s) => s.file)).toEqual(['train/clip-000.bvh', 'train/clip-001.bvh']);
    expect(data.skipped[0]!.reason).toBe("'train/clip-000.bvh': the file is missing (or is a link to nothing)");
    expect(data.skipped[1]!.reason).toBe("'train/clip-001.bvh': skeleton has 2 joints, the dataset's has 13");
  });

  it('without a manifest, keeps the skeleton most clips share and skips the stray one', () => {
    writeDemoDataset(dir, { trainClips: 3, validationClips: 1, seconds: 1 });
    rmSync(join(dir, 'dataset.json'));
    writeFileSync(join(dir, 'train/a-first.bvh'), TINY_BVH);
    const data = loadMotionDataset(dir);
    expect(data.train).toHaveLength(3);
    expect(data.jointNames).toHaveLength(13);
    expect(data.skipped).toEqual([{ file: 'train/a-first.bvh', reason: "'train/a-first.bvh': skeleton has 2 joints, the dataset's has 13" }]);
  });

  it('reads train/ and validation/ folders without a manifest, at 30 fps', () => {
    writeDemoDataset(dir, { trainClips: 3, validationClips: 2, seconds: 1 });
    rmSync(join(dir, 'dataset.json'));
    const data = loadMotionDataset(dir);
    expect(data.train.map((c) => c.file)).toEqual(['train/clip-000.bvh', 'train/clip-001.bvh', 'train/clip-002.bvh']);
    expect(data.validation).toHaveLength(2);
    expect(data.fps).toBe(30);
  });

  it('holds out every sixth file of a flat folder of BVH files for validation', () => {
    writeDemoDataset(dir, { trainClips: 7, validationClips: 0, seconds: 1 });
    for (const f of readdirSync(join(dir, 'train'))) renameSync(join(dir, 'train', f), join(dir, f));
    rmSync(join(dir, 'train'), { recursive: true });
    rmSync(join(dir, 'validation'), { recursive: true });
    rmSync(join(dir, 'dataset.json'));
    const data = loadMotionDataset(dir);
    expect(data.train).toHaveLength(6);
    expect(data.validation.map((c) => c.file)).toEqual(['clip-005.bvh']);
  });

  it('refuses a manifest that points outside its folder, and a folder with no data', () => {
    mkdirSync(join(dir, 'data'));
    const manifest = { format: 'stagecraft-motion-dataset', version: 1, name: 'x', fps: 30, clips: [{ file: '../secret.bvh', split: 'train' }] };
    writeFileSync(join(dir, 'data', 'dataset.json'), JSON.stringify(manifest));
    expect(() => loadMotionDataset(join(dir, 'data'))).toThrow(/clips\[0\]\.file '\.\.\/secret\.bvh' is outside the dataset folder/);
    writeFileSync(join(dir, 'data', 'dataset.json'), '{ not json');
    expect(() => loadMotionDataset(join(dir, 'data'))).toThrow(/dataset\.json': not valid JSON/);
    rmSync(join(dir, 'data', 'dataset.json'));
    expect(existsSync(join(dir, 'data'))).toBe(true);
    expect(() => loadMotionDataset(join(dir, 'data'))).toThrow(/no dataset\.json, no train\/ folder and no \.bvh files/);
  });
});
