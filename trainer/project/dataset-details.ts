/**
 * What the New run form and run/create need to know of a project's dataset without loading it
 * (no BVH parsed, no WAV decoded): its clips per split and kind, read from dataset.json, and
 * whether a run can train on it. Run/create refuses a dataset with a problem using the very
 * sentence the form shows, so the two can never disagree.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MANIFEST_FILE, planClips } from '../data/motion-dataset.js';
import { datasetProblem } from '../data/validation-split.js';
import type { DatasetSummary } from '../protocol.js';

/** A dataset folder summarised; one that cannot be read is a summary whose problem says why. */
export function datasetSummary(datasetDir: string, name: string): DatasetSummary {
  let clips: { file: string; split: 'train' | 'validation' }[];
  try {
    clips = planClips(datasetDir).clips;
  } catch (error) {
    return { name, kind: 'motion', clips: { train: 0, validation: 0 }, problem: `Dataset '${name}' cannot be read: ${(error as Error).message}. Import its folder again.` };
  }
  const counts = { train: clips.filter((c) => c.split === 'train').length, validation: clips.filter((c) => c.split === 'validation').length };
  const problem = datasetProblem(name, counts);
  return { name, kind: hasAudio(datasetDir, clips) ? 'audio-motion' : 'motion', clips: counts, ...(problem ? { problem } : {}) };
}

/** What a run of a recipe needs of a dataset beyond clip counts. */
export interface RunNeeds {
  recipeTitle: string;
  dataKind: 'audio-motion' | 'motion';
  /** Clips shorter than this are of no use to the run (see Recipe.minClipFrames). */
  minClipFrames: number;
}

/**
 * Why a run of this recipe cannot train on the dataset, or undefined: the dataset's own
 * problem first, then audio the recipe needs, then clips too short for its windows in either
 * split (from the lengths dataset.json records; a manifest without them is not judged here).
 */
export function runDatasetProblem(datasetDir: string, summary: DatasetSummary, needs: RunNeeds): string | undefined {
  if (summary.problem) return summary.problem;
  if (needs.dataKind === 'audio-motion' && summary.kind !== 'audio-motion') {
    return `Dataset '${summary.name}' has motion only (no WAV beside its BVH files); ${needs.recipeTitle} trains on WAV + BVH pairs. Choose the motion autoencoder, or import the recordings with their audio.`;
  }
  const lengths = clipLengths(datasetDir);
  if (!lengths) return undefined;
  const seconds = needs.minClipFrames / lengths.fps;
  const longEnough = (split: 'train' | 'validation') => lengths.clips.filter((c) => c.split === split && Math.round(c.seconds * lengths.fps) >= needs.minClipFrames).length;
  const train = longEnough('train');
  const validation = longEnough('validation');
  if (train > 0 && validation > 0) return undefined;
  const short = [train === 0 ? `none of its ${summary.clips.train} training clips` : '', validation === 0 ? `none of its ${summary.clips.validation} validation clips` : ''].filter(Boolean).join(' and ');
  return `Dataset '${summary.name}' has ${short} as long as ${needs.recipeTitle} needs (${needs.minClipFrames} frames, ${seconds.toFixed(1)} s). Import longer recordings, or choose a recipe that needs shorter clips.`;
}

/** Clip lengths and split from dataset.json; null when it has none recorded. */
function clipLengths(datasetDir: string): { fps: number; clips: { split: string; seconds: number }[] } | null {
  const path = join(datasetDir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { fps?: unknown; clips?: { split?: unknown; seconds?: unknown }[] };
    const fps = typeof manifest.fps === 'number' && manifest.fps > 0 ? manifest.fps : 30;
    const clips = (manifest.clips ?? []).map((c) => ({ split: String(c.split), seconds: typeof c.seconds === 'number' ? c.seconds : NaN }));
    return clips.some((c) => Number.isNaN(c.seconds)) ? null : { fps, clips };
  } catch {
    return null; // planClips already reported an unreadable manifest as the dataset's problem.
  }
}

/** A paired dataset: some clip has its WAV beside it (the loader pairs by stem, any case of .wav). */
function hasAudio(datasetDir: string, clips: readonly { file: string }[]): boolean {
  const listings = new Map<string, Set<string>>();
  return clips.some(({ file }) => {
    const folder = dirname(file);
    let names = listings.get(folder);
    if (!names) {
      const dir = join(datasetDir, folder);
      names = new Set(existsSync(dir) ? readdirSync(dir).map((n) => n.toLowerCase()) : []);
      listings.set(folder, names);
    }
    return names.has(basename(file).replace(/\.bvh$/i, '.wav').toLowerCase());
  });
}
