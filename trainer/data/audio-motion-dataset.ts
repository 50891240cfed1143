/**
 * Loads a paired dataset: `name.bvh` + `name.wav` with the same stem, side by side. Motion
 * goes through the motion loader (same reader, split and skeleton checks as motion-only
 * data); each clip's WAV (integer PCM or float, any channel count and sample rate) is
 * resampled to 16 kHz and turned into audio features at the motion frame rate. A clip with a
 * missing, unreadable or mismatched WAV is skipped with the reason, as is a WAV with no
 * motion beside it, and the rest still load. Normalisation statistics come from the train
 * split only. writeImportReport records what was imported and what was not.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FEATURE_SAMPLE_RATE, onsetTimes } from '../audio/features.js';
import { frameFeatures, FRAME_FEATURE_DIM } from '../audio/frame-features.js';
import { WAV_MAX_BYTES } from '../audio/wav-limits.js';
import { readWav, WavError, type ReadWavOptions } from '../audio/wav-read.js';
import { isFolderInside, readFolderFile } from '../paths/folder-files.js';
import { FileRefusedError } from '../paths/regular-file.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { featureStats, loadMotionDataset, MANIFEST_FILE, type Clip, type MotionDataset, type SkeletonTopology, type Split } from './motion-dataset.js';

/** Audio and motion may differ by this much (export padding); beyond it the pair is skipped. */
export const LENGTH_TOLERANCE_SECONDS = 0.25;
/** Per frame: the log-mel bins, then log energy, then onset strength (see audio/frame-features.ts). */
export const AUDIO_DIM = FRAME_FEATURE_DIM;
/** Written next to the data; dataset.json stays the user's (or the demo's) clip list. */
export const IMPORT_REPORT_FILE = 'import-report.json';

export interface AudioMotionLoadOptions {
  /** Which channel of a multi-channel WAV to use: 'mix' (default) averages them, a number
   *  picks one (0 = left), e.g. the lavalier track of a two-mic recording. Mono files
   *  are used as they are whatever this says. */
  channel?: ReadWavOptions['channel'];
}

export interface AudioMotionClip extends Clip {
  /** The clip's WAV, relative to the dataset folder like `file`. */
  audioFile: string;
  /** frames × AUDIO_DIM: log-mel bins, then log energy, then onset strength. */
  audio: Float32Array;
  /** Audio onset times in seconds, for the beat-alignment metric. */
  onsets: number[];
}

export interface AudioMotionDataset extends Omit<MotionDataset, 'train' | 'validation'> {
  train: AudioMotionClip[];
  validation: AudioMotionClip[];
  audioDim: number;
  /** The channel choice the audio was read with, recorded in the import report. */
  audioChannel: 'mix' | number;
  audioMean: Float32Array;
  audioStd: Float32Array;
}

type Skipped = MotionDataset['skipped'][number];

export function loadAudioMotionDataset(dir: string, options: AudioMotionLoadOptions = {}): AudioMotionDataset {
  const root = resolve(dir);
  const channel = options.channel ?? 'mix';
  const motion = loadMotionDataset(root);
  const skipped = [...motion.skipped];
  const pair = (clip: Clip): AudioMotionClip | null => {
    const wavFile = wavBeside(root, clip.file);
    if (wavFile === undefined) {
      const wanted = basename(clip.file).replace(/\.bvh$/i, '.wav');
      skipped.push({ file: clip.file, reason: `'${clip.file}' has no '${wanted}' beside it (audio and motion pair by file name)` });
      return null;
    }
    try {
      return withAudio(clip, root, wavFile, motion.fps, channel);
    } catch (error) {
      const reason = error instanceof WavError || error instanceof PairError || error instanceof FileRefusedError ? error.message : `'${wavFile}': ${(error as Error).message}`;
      skipped.push({ file: wavFile, reason });
      return null;
    }
  };
  const train = motion.train.map(pair).filter((c): c is AudioMotionClip => c !== null);
  const validation = motion.validation.map(pair).filter((c): c is AudioMotionClip => c !== null);
  const known = [...motion.train, ...motion.validation].map((c) => c.file).concat(skipped.map((s) => s.file));
  skipped.push(...orphanWavs(root, known));
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  // Recomputed: clips whose audio was skipped or shorter no longer count.
  const { mean, std } = featureStats(train, motion.featureDim);
  const audioStats = featureStats(train.map((c) => ({ ...c, features: c.audio })), AUDIO_DIM);
  return {
    ...motion,
    train,
    validation,
    featureMean: mean,
    featureStd: std,
    audioDim: AUDIO_DIM,
    audioChannel: channel,
    audioMean: audioStats.mean,
    audioStd: audioStats.std,
    skipped,
  };
}

class PairError extends Error {}

/** The WAV with the BVH's stem; the extension's case may differ (`Take.BVH` + `Take.wav`). */
function wavBeside(root: string, bvhFile: string): string | undefined {
  const folder = dirname(bvhFile);
  const stem = basename(bvhFile).replace(/\.bvh$/i, '');
  const exact = `${stem}.wav`;
  const names = existsSync(join(root, folder, exact)) ? [exact] : readdirSync(join(root, folder));
  const name = names.find((n) => n.length === stem.length + 4 && n.startsWith(stem) && /\.wav$/i.test(n));
  if (name === undefined) return undefined;
  return folder === '.' ? name : `${folder}/${name}`;
}

function withAudio(clip: Clip, root: string, wavFile: string, fps: number, channel: 'mix' | number): AudioMotionClip {
  const bytes = new Uint8Array(readFolderFile(root, wavFile, { maxBytes: WAV_MAX_BYTES, kind: 'a WAV file' }));
  let wav = readWav(bytes, wavFile);
  // Picking a channel only means something with more than one; mono files pass as they are.
  if (channel !== 'mix' && wav.channels > 1) wav = readWav(bytes, wavFile, { channel });
  const motionSeconds = clip.frames / fps;
  if (Math.abs(wav.duration - motionSeconds) > LENGTH_TOLERANCE_SECONDS) {
    throw new PairError(
      `'${wavFile}': audio is ${wav.duration.toFixed(2)} s but '${basename(clip.file)}' is ${motionSeconds.toFixed(2)} s (more than ${LENGTH_TOLERANCE_SECONDS} s apart)`,
    );
  }
  const { features, stacked } = frameFeatures(wav.samples, wav.sampleRate, fps);
  // Within tolerance: both are cut to the shorter, so frame i of audio and motion is the same moment.
  const frames = Math.min(clip.frames, features.frames);
  const audio = stacked(frames);
  const featureDim = clip.features.length / clip.frames;
  return {
    ...clip,
    frames,
    features: clip.features.subarray(0, frames * featureDim),
    audioFile: wavFile,
    audio,
    onsets: onsetTimes(features.onset.subarray(0, frames), fps),
  };
}

/**
 * WAV files that pair with nothing that was imported: listed, so a user sees why a
 * recording is missing. Looks in the folder itself, train/, validation/ and every folder a
 * clip came from (whether it loaded or not).
 */
function orphanWavs(root: string, knownFiles: string[]): Skipped[] {
  const stem = (f: string): string => f.replace(/\.(bvh|wav)$/i, '');
  const stems = new Set(knownFiles.map(stem));
  const folders = new Set(['.', 'train', 'validation', ...knownFiles.map((f) => dirname(f))]);
  const hasManifest = existsSync(join(root, MANIFEST_FILE));
  const out: Skipped[] = [];
  for (const folder of [...folders].sort()) {
    const path = join(root, folder);
    if (!isFolderInside(root, folder)) continue;
    const names = readdirSync(path);
    for (const name of names.filter((f) => /\.wav$/i.test(f)).sort()) {
      const file = folder === '.' ? name : `${folder}/${name}`;
      if (stems.has(stem(file))) continue;
      const bvhName = `${stem(name)}.bvh`;
      const bvh = names.find((n) => n.toLowerCase() === bvhName.toLowerCase());
      const reason =
        bvh === undefined
          ? `'${file}' has no '${bvhName}' beside it (audio and motion pair by file name)`
          : hasManifest
            ? `'${file}': its motion '${bvh}' is not listed in ${MANIFEST_FILE}, so the pair was not imported (add it to "clips")`
            : `'${file}': its motion '${bvh}' is outside the train/ and validation/ folders this dataset is read from`;
      out.push({ file, reason });
    }
  }
  return out;
}

/** import-report.json: what an import produced, so a run can say which data it trained on. */
export interface ImportReport {
  format: 'stagecraft-import-report';
  version: 1;
  name: string;
  /** The frame rate motion and audio features were both brought to. */
  fps: number;
  skeleton: SkeletonTopology;
  featureDim: number;
  audio: { sampleRate: number; dim: number; channel: 'mix' | number };
  /** Every clip that loaded, train first, each with its split and its WAV. */
  clips: { name: string; file: string; audio: string; split: Split; frames: number }[];
  /** Mean/std per feature over the train clips only (validation never leaks in). */
  stats: { trainFrames: number; motion: { mean: number[]; std: number[] }; audio: { mean: number[]; std: number[] } };
  skipped: Skipped[];
}

export function importReport(dataset: AudioMotionDataset): ImportReport {
  const entry = (split: Split) => (c: AudioMotionClip) => ({ name: c.name, file: c.file, audio: c.audioFile, split, frames: c.frames });
  return {
    format: 'stagecraft-import-report',
    version: 1,
    name: dataset.name,
    fps: dataset.fps,
    skeleton: { names: [...dataset.jointNames], parents: [...dataset.parents] },
    featureDim: dataset.featureDim,
    audio: { sampleRate: FEATURE_SAMPLE_RATE, dim: dataset.audioDim, channel: dataset.audioChannel },
    clips: [...dataset.train.map(entry('train')), ...dataset.validation.map(entry('validation'))],
    stats: {
      trainFrames: dataset.train.reduce((sum, c) => sum + c.frames, 0),
      // float32 → double is exact, and JSON prints doubles round-trippably, so these read back bit for bit.
      motion: { mean: Array.from(dataset.featureMean), std: Array.from(dataset.featureStd) },
      audio: { mean: Array.from(dataset.audioMean), std: Array.from(dataset.audioStd) },
    },
    skipped: dataset.skipped.map((s) => ({ ...s })),
  };
}

/** Writes `import-report.json` into the dataset folder atomically and returns what it wrote. */
export function writeImportReport(dir: string, dataset: AudioMotionDataset): ImportReport {
  const report = importReport(dataset);
  writeFileAtomic(join(resolve(dir), IMPORT_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
