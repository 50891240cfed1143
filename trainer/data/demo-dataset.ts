/**
 * Writes the built-in demo dataset as ordinary files plus dataset.json, so it is read
 * back by loadMotionDataset exactly like a user's folder:
 *   dataset.json
 *   train/clip-000.bvh + train/clip-000.wav … train/clip-059.{bvh,wav}
 *   validation/clip-000.{bvh,wav} … validation/clip-011.{bvh,wav}
 * Each clip is a pair with one stem and one duration: speech-like audio (16 kHz mono
 * 16-bit PCM, the plainest WAV) and the motion its syllables and pitch drive (see
 * demo-voice-gestures.ts), so an audio-to-motion recipe can learn from the demo too.
 * The manifest names each clip's audio (`audio`); readers that predate audio ignore it.
 * Every file is written atomically; the manifest goes last, so an interrupted write
 * leaves a folder without dataset.json rather than a manifest naming missing clips.
 * The bytes depend only on the options, so two machines make the same demo.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDirectory, writeFileAtomic } from '../storage/atomic-write.js';
import { writeWav } from '../audio/wav-write.js';
import { writeBvh } from './bvh-write.js';
import { demoSkeleton } from './demo-skeleton.js';
import { generateVoiceClip } from './demo-voice-gestures.js';
import { MANIFEST_FILE, type DatasetManifest, type Split } from './motion-dataset.js';
import { deriveSeed } from './seeded-random.js';

export const DEMO_DATASET_NAME = 'demo-gestures';
export const DEMO_FPS = 30;
/** What speech front-ends expect; formants and pitch all sit well below 8 kHz. */
export const DEMO_SAMPLE_RATE = 16000;

/** A manifest entry of the demo: a motion clip plus the audio that drives it. */
export type DemoClipEntry = DatasetManifest['clips'][number] & { audio: string };
export type DemoDatasetManifest = Omit<DatasetManifest, 'clips'> & { clips: DemoClipEntry[] };

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

export function writeDemoDataset(dir: string, opts: DemoDatasetOptions = {}): DemoDatasetManifest {
  const seed = opts.seed ?? 1;
  const seconds = opts.seconds ?? 8;
  const counts: Record<Split, number> = { train: opts.trainClips ?? 60, validation: opts.validationClips ?? 12 };
  const skeleton = demoSkeleton();
  const clips: DemoClipEntry[] = [];

  (['train', 'validation'] as const).forEach((split, splitIndex) => {
    const folder = join(dir, split);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < counts[split]; i++) {
      // Validation clips get their own seeds: never a copy of a train clip.
      const clipSeed = deriveSeed(seed, splitIndex, i);
      const { voice, motion } = generateVoiceClip({ seed: clipSeed, seconds, fps: DEMO_FPS, sampleRate: DEMO_SAMPLE_RATE });
      const stem = `${split}/clip-${String(i).padStart(3, '0')}`;
      const file = `${stem}.bvh`;
      const audio = `${stem}.wav`;
      writeFileAtomic(join(dir, audio), writeWav(voice.samples, voice.sampleRate, 'pcm16'), { syncFolder: false });
      writeFileAtomic(join(dir, file), writeBvh(motion), { syncFolder: false });
      clips.push({ file, split, seconds, audio });
    }
    fsyncDirectory(folder);
  });

  const manifest: DemoDatasetManifest = {
    format: 'stagecraft-motion-dataset',
    version: 1,
    name: DEMO_DATASET_NAME,
    fps: DEMO_FPS,
    skeleton: { names: skeleton.names, parents: skeleton.parents },
    clips,
    source: { generator: 'stagecraft demo-gestures', voice: 'stagecraft demo-voice', sampleRate: DEMO_SAMPLE_RATE, seed },
  };
  writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  fsyncDirectory(dir);
  return manifest;
}
