/**
 * Loads a motion dataset folder into training features. The built-in demo goes through
 * exactly this path (BVH files → parseBvh → FK → features), so a bug that would break a
 * user's data breaks the demo first.
 *
 * Folder layout, in order of preference:
 * 1. `dataset.json` (see DatasetManifest) listing clips by relative path and split — what
 *    writeDemoDataset produces: `train/clip-000.bvh…`, `validation/clip-000.bvh…`;
 * 2. no manifest: `train/*.bvh` and `validation/*.bvh`;
 * 3. no manifest and no train/ folder: every `*.bvh` in the folder, sorted by name, with
 *    every sixth file held out for validation, the last of two to five (validation-split.ts).
 * A clip that fails to parse, or whose skeleton differs from the dataset's (the manifest's,
 * else the one most clips share), is skipped with the reason; the rest still load. Loading is synchronous: it runs before training
 * starts, and the demo (72 clips) loads in well under a second.
 *
 * Every file is read through folder-files.ts: a regular file, within its size cap, that stays
 * inside the dataset folder through every link (a `.bvh` link to /etc/shadow is skipped, unread).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { isFolderInside, readFolderFile } from '../paths/folder-files.js';
import { FileRefusedError } from '../paths/regular-file.js';
import { BVH_MAX_BYTES } from './bvh-limits.js';
import { BvhError, parseBvh, type BvhMotion } from './bvh-parse.js';
import { featureDimFor, motionToFeatures } from './motion-features.js';
import { heldOutForValidation } from './validation-split.js';

export const MANIFEST_FILE = 'dataset.json';
export type SkeletonTopology = { names: string[]; parents: number[] };
export type Split = 'train' | 'validation';

/** dataset.json. When `skeleton` is given, every clip must have exactly that topology. */
export interface DatasetManifest {
  format: 'stagecraft-motion-dataset';
  version: 1;
  name: string;
  /** The frame rate clips are resampled to for training. */
  fps: number;
  skeleton?: SkeletonTopology;
  clips: { file: string; split: Split; seconds?: number }[];
  /** How the data was made, e.g. the demo generator's seed. */
  source?: Record<string, unknown>;
}

export interface Clip {
  /** File name without extension, e.g. 'clip-000'. */
  name: string;
  /** Path relative to the dataset folder, e.g. 'train/clip-000.bvh'. */
  file: string;
  frames: number;
  /** frames × featureDim, not normalised (see featureMean/featureStd). */
  features: Float32Array;
  /** The clip's unit in file units, to turn features back into file-unit positions. */
  bodyHeight: number;
}

export interface MotionDataset {
  name: string;
  fps: number;
  featureDim: number;
  jointNames: string[];
  parents: number[];
  train: Clip[];
  validation: Clip[];
  /** Per-feature mean and std over every train frame; validation never leaks in. */
  featureMean: Float32Array;
  /** Constant features (e.g. the root slot's x, z) get std 1, so normalising never divides by 0. */
  featureStd: Float32Array;
  skipped: { file: string; reason: string }[];
  /** Files that loaded with something a person should know (a "Frames:" count off by one). */
  warnings: { file: string; message: string }[];
}

const DEFAULT_FPS = 30;
/** dataset.json lists clips and a skeleton: a few hundred KB for thousands of clips. */
const MANIFEST_MAX_BYTES = 16 * 2 ** 20;
const MIN_STD = 1e-6;

export function loadMotionDataset(dir: string): MotionDataset {
  const root = resolve(dir);
  const plan = planClips(root);
  const skipped: MotionDataset['skipped'] = [];
  const warnings: MotionDataset['warnings'] = [];
  const out = { train: [] as Clip[], validation: [] as Clip[] };

  const parsed: { entry: ClipPlan['clips'][number]; motion: BvhMotion }[] = [];
  for (const entry of plan.clips) {
    try {
      const text = readFolderFile(root, entry.file, { maxBytes: BVH_MAX_BYTES, kind: 'a BVH file' }).toString('utf8');
      const motion = parseBvh(text, entry.file);
      parsed.push({ entry, motion });
      for (const message of motion.warnings ?? []) warnings.push({ file: entry.file, message });
    } catch (error) {
      const reason = error instanceof BvhError || error instanceof FileRefusedError ? error.message : `'${entry.file}': ${(error as Error).message}`;
      skipped.push({ file: entry.file, reason });
    }
  }
  // The manifest's skeleton if it declares one, else the one most clips share: a single
  // stray file from another rig must not make every other clip the odd one out.
  const skeleton = plan.skeleton ?? majoritySkeleton(parsed.map((p) => p.motion));

  for (const { entry, motion } of parsed) {
    const mismatch = skeleton && skeletonMismatch(skeleton, motion);
    if (mismatch) {
      skipped.push({ file: entry.file, reason: `'${entry.file}': ${mismatch}` });
      continue;
    }
    const features = motionToFeatures(motion, plan.fps);
    out[entry.split].push({
      name: basename(entry.file).replace(/\.bvh$/i, ''),
      file: entry.file,
      frames: features.frames,
      features: features.data,
      bodyHeight: features.bodyHeight,
    });
  }
  // Report problems in file order, as a user scans the folder.
  const order = new Map(plan.clips.map((c, i) => [c.file, i]));
  skipped.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));

  const featureDim = featureDimFor(skeleton?.names.length ?? 0);
  const { mean, std } = featureStats(out.train, featureDim);
  return {
    name: plan.name,
    fps: plan.fps,
    featureDim,
    jointNames: [...(skeleton?.names ?? [])],
    parents: [...(skeleton?.parents ?? [])],
    train: out.train,
    validation: out.validation,
    featureMean: mean,
    featureStd: std,
    skipped,
    warnings,
  };
}

export interface ClipPlan {
  name: string;
  fps: number;
  skeleton?: SkeletonTopology;
  clips: { file: string; split: Split }[];
}

/** The dataset's clips and their split, read from the manifest or the folder, without parsing any BVH. */
export function planClips(root: string): ClipPlan {
  const manifestPath = join(root, MANIFEST_FILE);
  if (existsSync(manifestPath)) return readManifest(root, manifestPath);
  const bvhIn = (sub: string): string[] =>
    folderInside(root, sub)
      ? readdirSync(join(root, sub))
          .filter((f) => /\.bvh$/i.test(f))
          .sort()
          .map((f) => (sub === '.' ? f : `${sub}/${f}`))
      : [];
  const name = basename(root);
  if (existsSync(join(root, 'train'))) {
    return {
      name,
      fps: DEFAULT_FPS,
      clips: [
        ...bvhIn('train').map((file) => ({ file, split: 'train' as const })),
        ...bvhIn('validation').map((file) => ({ file, split: 'validation' as const })),
      ],
    };
  }
  const files = bvhIn('.');
  if (files.length === 0) throw new Error(`'${root}' has no ${MANIFEST_FILE}, no train/ folder and no .bvh files`);
  return {
    name,
    fps: DEFAULT_FPS,
    clips: files.map((file, i) => ({ file, split: heldOutForValidation(i, files.length) ? 'validation' : 'train' })),
  };
}

/**
 * Whether `<root>/<sub>` is a folder to read clips from: absent is no, and one that leads
 * outside the dataset folder (a link) is an error, not a folder to list.
 */
function folderInside(root: string, sub: string): boolean {
  if (!existsSync(join(root, sub))) return false;
  if (isFolderInside(root, sub)) return true;
  throw new Error(`'${sub}' in '${root}' is a link to somewhere outside the folder, or not a folder; copy the files themselves in`);
}

/** The manifest is user-editable, so it is checked; paths may not leave the folder. */
function readManifest(root: string, path: string): ClipPlan {
  const fail = (problem: string): never => {
    throw new Error(`'${path}': ${problem}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readFolderFile(root, MANIFEST_FILE, { maxBytes: MANIFEST_MAX_BYTES }).toString('utf8'));
  } catch (error) {
    // Never the parser's message: it quotes the file, which may not be a manifest at all.
    return fail(error instanceof SyntaxError ? 'not valid JSON' : error instanceof FileRefusedError ? error.problem : (error as Error).message);
  }
  if (typeof raw !== 'object' || raw === null) return fail('expected a JSON object');
  const m = raw as Partial<DatasetManifest>;
  const fps = m.fps ?? DEFAULT_FPS;
  if (typeof fps !== 'number' || !(fps > 0)) fail('"fps" must be a positive number');
  if (!Array.isArray(m.clips)) return fail('"clips" must be a list');
  const clips = m.clips.map((c, i) => {
    if (typeof c?.file !== 'string') return fail(`clips[${i}].file must be a string`);
    if (c.split !== 'train' && c.split !== 'validation') return fail(`clips[${i}].split must be "train" or "validation"`);
    const rel = relative(root, resolve(root, c.file));
    if (rel.startsWith('..') || isAbsolute(rel)) return fail(`clips[${i}].file '${c.file}' is outside the dataset folder`);
    return { file: c.file, split: c.split };
  });
  let skeleton: SkeletonTopology | undefined;
  if (m.skeleton !== undefined) {
    const { names, parents } = m.skeleton;
    const ok =
      Array.isArray(names) &&
      Array.isArray(parents) &&
      names.length === parents.length &&
      names.every((n) => typeof n === 'string') &&
      parents.every((p, j) => Number.isInteger(p) && p >= -1 && p < j);
    if (!ok) fail('"skeleton" must have "names" and "parents" of equal length, each parent before its child');
    skeleton = { names, parents };
  }
  return { name: typeof m.name === 'string' ? m.name : basename(root), fps, skeleton, clips };
}

function majoritySkeleton(motions: readonly BvhMotion[]): SkeletonTopology | undefined {
  const counts = new Map<string, { count: number; skeleton: SkeletonTopology }>();
  for (const { skeleton } of motions) {
    const key = JSON.stringify([skeleton.names, skeleton.parents]);
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { count: 1, skeleton: { names: skeleton.names, parents: skeleton.parents } });
  }
  let best: { count: number; skeleton: SkeletonTopology } | undefined;
  for (const c of counts.values()) if (!best || c.count > best.count) best = c; // ties: first seen
  return best?.skeleton;
}

function skeletonMismatch(expected: SkeletonTopology, motion: BvhMotion): string | undefined {
  const { names, parents } = motion.skeleton;
  if (names.length !== expected.names.length) {
    return `skeleton has ${names.length} joints, the dataset's has ${expected.names.length}`;
  }
  for (let j = 0; j < names.length; j++) {
    if (names[j] !== expected.names[j] || parents[j] !== expected.parents[j]) {
      return `skeleton differs from the dataset's at joint ${j}: '${names[j]}' (parent ${parents[j]}), expected '${expected.names[j]}' (parent ${expected.parents[j]})`;
    }
  }
  return undefined;
}

/** Mean and std per feature over all frames of the given clips, accumulated in float64. */
export function featureStats(clips: readonly Clip[], featureDim: number): { mean: Float32Array; std: Float32Array } {
  const sum = new Float64Array(featureDim);
  const sumSq = new Float64Array(featureDim);
  let frames = 0;
  for (const clip of clips) {
    const x = clip.features;
    for (let i = 0; i < x.length; i += featureDim) {
      for (let k = 0; k < featureDim; k++) sum[k]! += x[i + k]!;
    }
    frames += clip.frames;
  }
  const mean = new Float64Array(featureDim);
  for (let k = 0; k < featureDim; k++) mean[k] = frames > 0 ? sum[k]! / frames : 0;
  // Two passes: subtracting the mean first avoids cancellation in E[x²] − E[x]².
  for (const clip of clips) {
    const x = clip.features;
    for (let i = 0; i < x.length; i += featureDim) {
      for (let k = 0; k < featureDim; k++) sumSq[k]! += (x[i + k]! - mean[k]!) ** 2;
    }
  }
  const std = new Float32Array(featureDim);
  for (let k = 0; k < featureDim; k++) {
    const s = frames > 0 ? Math.sqrt(sumSq[k]! / frames) : 1;
    std[k] = s < MIN_STD ? 1 : s;
  }
  return { mean: Float32Array.from(mean), std };
}
