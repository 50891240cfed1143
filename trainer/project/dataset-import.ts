/**
 * Imports a dataset folder into a project: reads it exactly as training will (the same
 * loaders, so what imports is what trains), holds out a validation clip when the folder has
 * none (validation-split.ts), copies every clip that loaded into
 * `datasets/<name>/` with a dataset.json listing them (split, length, skeleton) and, for
 * WAV+BVH pairs, the import-report.json the audio loader writes. Files that do not load are
 * listed with the reason and left where they are; the source folder is never changed.
 *
 * The copy is built in a hidden folder beside the others and renamed into place, so a failed
 * import (a full disk, a crash) leaves no half-dataset that a run could pick. The folder itself
 * was confined by the session (paths/path-confinement.ts); inside it, only regular files that
 * stay inside it through every link are read or copied (paths/folder-files.ts).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { WAV_MAX_BYTES } from '../audio/wav-limits.js';
import { loadAudioMotionDataset, writeImportReport, type AudioMotionClip, type AudioMotionDataset } from '../data/audio-motion-dataset.js';
import { BVH_MAX_BYTES } from '../data/bvh-limits.js';
import { featureStats, loadMotionDataset, MANIFEST_FILE, type DatasetManifest, type MotionDataset } from '../data/motion-dataset.js';
import { isFolderInside, readFolderFile } from '../paths/folder-files.js';
import type { DatasetImportReport } from '../protocol.js';
import { withValidationSplit } from '../data/validation-split.js';
import { fsyncDirectory, writeFileAtomic } from '../storage/atomic-write.js';

export class DatasetImportError extends Error {}

/** Reads `source`, copies what loads into `<datasetsDir>/<name>` and returns the report. */
export function importDataset(source: string, datasetsDir: string, wantedName?: string): DatasetImportReport {
  const root = resolve(source);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new DatasetImportError(`'${source}' is not a folder; choose the folder that holds the .wav and .bvh files.`);
  }
  const withAudio = hasWav(root);
  let dataset: MotionDataset | AudioMotionDataset;
  try {
    dataset = withAudio ? loadAudioMotionDataset(root) : loadMotionDataset(root);
  } catch (error) {
    throw new DatasetImportError(`Cannot import '${source}': ${(error as Error).message}. Nothing was imported.`);
  }
  // A folder that names no validation clips (or whose held-out ones did not load) still gets one when it has two or more clips.
  dataset = withHeldOutValidation(dataset);
  const clips = [...dataset.train.map((c) => ({ clip: c, split: 'train' as const })), ...dataset.validation.map((c) => ({ clip: c, split: 'validation' as const }))];
  if (clips.length === 0) {
    const why = dataset.skipped.slice(0, 3).map((s) => s.reason).join('; ');
    throw new DatasetImportError(`Nothing in '${source}' could be imported${why ? `: ${why}` : ''}. Fix the files named and import again.`);
  }

  const name = freeName(datasetsDir, wantedName ?? sanitize(basename(root)));
  const target = join(datasetsDir, name);
  const staging = join(datasetsDir, `.import-${name}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    // The same checked read the loaders made, not a copy that would follow whatever the name is now.
    const copy = (file: string) => {
      mkdirSync(dirname(join(staging, file)), { recursive: true });
      const maxBytes = /\.wav$/i.test(file) ? WAV_MAX_BYTES : BVH_MAX_BYTES;
      writeFileSync(join(staging, file), readFolderFile(root, file, { maxBytes }), { flag: 'wx' });
    };
    for (const { clip } of clips) {
      copy(clip.file);
      if ('audioFile' in clip && typeof clip.audioFile === 'string') copy(clip.audioFile);
    }
    const manifest: DatasetManifest = {
      format: 'stagecraft-motion-dataset',
      version: 1,
      name,
      fps: dataset.fps,
      skeleton: { names: [...dataset.jointNames], parents: [...dataset.parents] },
      clips: clips.map(({ clip, split }) => ({ file: clip.file, split, seconds: round(clip.frames / dataset.fps) })),
      source: { importedFrom: root, importedAt: new Date().toISOString() },
    };
    if (withAudio) writeImportReport(staging, dataset as AudioMotionDataset);
    // The manifest last: a folder without dataset.json is never mistaken for a finished import.
    writeFileAtomic(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(staging, target);
    fsyncDirectory(datasetsDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const err = error as NodeJS.ErrnoException;
    const disk = err.code === 'ENOSPC' ? 'the disk is full' : err.message;
    throw new DatasetImportError(`Could not copy '${source}' into the project (${disk}); nothing was imported and the folder is unchanged.`);
  }

  const frames = clips.reduce((sum, { clip }) => sum + clip.frames, 0);
  return {
    name,
    source: root,
    kind: withAudio ? 'audio-motion' : 'motion',
    clips: { train: dataset.train.length, validation: dataset.validation.length },
    seconds: round(frames / dataset.fps),
    skeleton: { joints: dataset.jointNames.length, root: dataset.jointNames[0] ?? '', fps: dataset.fps },
    skipped: withPartners(root, dataset.skipped, withAudio),
    ...(dataset.warnings.length > 0 ? { warnings: dataset.warnings.map((w) => ({ ...w })) } : {}),
  };
}

/**
 * The dataset as loaded, or, when it has no validation clip, with one held out of its training
 * clips (withValidationSplit) and the train-only statistics the import report records recomputed.
 */
function withHeldOutValidation(dataset: MotionDataset | AudioMotionDataset): MotionDataset | AudioMotionDataset {
  const split = withValidationSplit<MotionDataset['train'][number]>(dataset.train, dataset.validation);
  if (split.validation.length === dataset.validation.length) return dataset;
  const motion = featureStats(split.train, dataset.featureDim);
  const resplit = { ...dataset, ...split, featureMean: motion.mean, featureStd: motion.std };
  if (!('audioDim' in dataset)) return resplit as MotionDataset;
  const audio = featureStats((split.train as AudioMotionClip[]).map((c) => ({ ...c, features: c.audio })), dataset.audioDim);
  return { ...resplit, audioMean: audio.mean, audioStd: audio.std } as AudioMotionDataset;
}

/**
 * The loaders name the file that failed; its partner (the WAV of a broken BVH, the BVH of a
 * broken WAV) stays behind too, and the report says so, so every file in the folder that did
 * not come in is accounted for.
 */
function withPartners(root: string, skipped: readonly { file: string; reason: string }[], withAudio: boolean): { file: string; reason: string }[] {
  const out = skipped.map((s) => ({ file: s.file, reason: s.reason }));
  if (!withAudio) return out;
  const listed = new Set(out.map((s) => s.file.toLowerCase()));
  for (const { file } of skipped) {
    const isBvh = /\.bvh$/i.test(file);
    const partnerExt = isBvh ? '.wav' : '.bvh';
    const stem = file.replace(/\.(bvh|wav)$/i, '');
    const folder = join(root, dirname(file));
    const name = existsSync(folder) ? readdirSync(folder).find((n) => n.toLowerCase() === `${basename(stem)}${partnerExt}`.toLowerCase()) : undefined;
    if (name === undefined) continue;
    const partner = dirname(file) === '.' ? name : `${dirname(file)}/${name}`;
    if (listed.has(partner.toLowerCase())) continue;
    listed.add(partner.toLowerCase());
    out.push({ file: partner, reason: `'${partner}' was not imported because its ${isBvh ? 'motion' : 'audio'} '${basename(file)}' did not load (see above)` });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Any WAV where the loaders look (the folder, train/, validation/): then clips pair by name. */
function hasWav(root: string): boolean {
  return ['.', 'train', 'validation'].some((sub) => isFolderInside(root, sub) && readdirSync(join(root, sub)).some((f) => /\.wav$/i.test(f)));
}

/** A folder name that is safe on every OS and readable in the runs list. */
function sanitize(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9 _.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 80);
  return clean || 'dataset';
}

/** `name`, or `name-2`, `name-3`… when the project already has a dataset by that name. */
function freeName(datasetsDir: string, name: string): string {
  if (!existsSync(join(datasetsDir, name))) return name;
  for (let n = 2; ; n++) if (!existsSync(join(datasetsDir, `${name}-${n}`))) return `${name}-${n}`;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
