/**
 * "Generate motion for this recording": reads a WAV (any rate, mixed to mono, resampled to
 * 16 kHz), asks the live model for motion, and writes it next to the run as BVH (on the
 * dataset's own skeleton, rotations fitted to the generated bone directions) and JSON.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readWavFileSync } from '../audio/read-wav-file.js';
import { BVH_MAX_BYTES } from '../data/bvh-limits.js';
import { parseBvh } from '../data/bvh-parse.js';
import { loadMotionDataset } from '../data/motion-dataset.js';
import { estimateBodyHeight } from '../data/motion-features.js';
import { exportMotionBvh, exportMotionJson } from '../data/motion-export.js';
import { readFolderFile } from '../paths/folder-files.js';
import type { RecipeModel } from '../recipes/recipe.js';
import { writeFileAtomic } from '../storage/atomic-write.js';

export interface ExportRequest {
  model: RecipeModel;
  audioPath: string;
  datasetDir: string;
  outDir: string;
  step: number;
  seed: number;
}

export interface ExportedMotion {
  bvh: string;
  json: string;
  seconds: number;
}

export async function exportMotionForAudio({ model, audioPath, datasetDir, outDir, step, seed }: ExportRequest): Promise<ExportedMotion> {
  if (!model.motionForAudio) throw new Error('This recipe does not generate motion from audio.');
  // A regular file within the WAV cap (the session confined the path): never a FIFO or /dev/zero.
  const wav = readWavFileSync(audioPath);
  const motion = await model.motionForAudio(wav.samples, wav.sampleRate, seed);

  // The dataset's first clip supplies the rig: names, offsets and channel order to write into.
  const dataset = loadMotionDataset(datasetDir);
  const reference = dataset.train[0] ?? dataset.validation[0];
  if (!reference) throw new Error(`The dataset in '${datasetDir}' has no clip to take the skeleton from.`);
  const skeleton = parseBvh(readFolderFile(datasetDir, reference.file, { maxBytes: BVH_MAX_BYTES }).toString('utf8'), reference.file).skeleton;

  const stem = `${basename(audioPath).replace(/\.wav$/i, '')}-step-${step}`;
  mkdirSync(outDir, { recursive: true });
  const bvh = join(outDir, `${stem}.bvh`);
  const json = join(outDir, `${stem}.json`);
  writeFileAtomic(bvh, exportMotionBvh(motion.positions, motion.frames, skeleton, { fps: motion.fps, bodyHeight: estimateBodyHeight(skeleton) }));
  writeFileAtomic(json, exportMotionJson(motion.positions, motion.frames, dataset.jointNames, dataset.parents, motion.fps));
  return { bvh, json, seconds: motion.frames / motion.fps };
}
