/**
 * Writes the built-in demo dataset as ordinary BVH files plus dataset.json, so it is read
 * back by loadMotionDataset exactly like a user's folder:
 *   dataset.json
 *   train/clip-000.bvh … train/clip-059.bvh
 *   validation/clip-000.bvh … validation/clip-011.bvh
 * Every file is written atomically; the manifest goes last, so an interrupted write
 * leaves a folder without dataset.json rather than a manifest naming missing clips.
 * The bytes depend only on the options, so two machines make the same demo.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDirectory, writeFileAtomic } from '../storage/atomic-write.js';
import { writeBvh } from './bvh-write.js';
import { generateGestureClip } from './demo-gestures.js';
import { demoSkeleton } from './demo-skeleton.js';
import { MANIFEST_FILE, type DatasetManifest, type Split } from './motion-dataset.js';
import { deriveSeed } from './seeded-random.js';

export const DEMO_DATASET_NAME = 'demo-gestures';
export const DEMO_FPS = 30;

export interface DemoDatasetOptions {
  /** Seed for every clip; 1 by default. */
  seed?: number;
  /** 60 by default: enough variety for the small model to generalise, written in < 1 s. */
  trainClips?: number;
  /** 12 by default. */
  validationClips?: number;
  /** Seconds per clip; 8 by default (240 frames). */
  seconds?: number;
}

export function writeDemoDataset(dir: string, opts: DemoDatasetOptions = {}): DatasetManifest {
  const seed = opts.seed ?? 1;
  const seconds = opts.seconds ?? 8;
  const counts: Record<Split, number> = { train: opts.trainClips ?? 60, validation: opts.validationClips ?? 12 };
  const skeleton = demoSkeleton();
  const clips: DatasetManifest['clips'] = [];

  (['train', 'validation'] as const).forEach((split, splitIndex) => {
    const folder = join(dir, split);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < counts[split]; i++) {
      // Validation clips get their own seeds: never a copy of a train clip.
      const clipSeed = deriveSeed(seed, splitIndex, i);
      const motion = generateGestureClip({ seed: clipSeed, seconds, fps: DEMO_FPS });
      const file = `${split}/clip-${String(i).padStart(3, '0')}.bvh`;
      writeFileAtomic(join(dir, file), writeBvh(motion), { syncFolder: false });
      clips.push({ file, split, seconds });
    }
    fsyncDirectory(folder);
  });

  const manifest: DatasetManifest = {
    format: 'stagecraft-motion-dataset',
    version: 1,
    name: DEMO_DATASET_NAME,
    fps: DEMO_FPS,
    skeleton: { names: skeleton.names, parents: skeleton.parents },
    clips,
    source: { generator: 'stagecraft demo-gestures', seed },
  };
  writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  fsyncDirectory(dir);
  return manifest;
}
