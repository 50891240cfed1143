/**
 * Loads a paired dataset: `name.bvh` + `name.wav` with the same stem, side by side. Motion
 * goes through the motion loader (same reader, split and skeleton checks as motion-only
 * data); each clip's WAV is resampled to 16 kHz and turned into audio features at the motion
 * frame rate. A clip with a missing, unreadable or mismatched WAV is skipped with the reason,
 * and the rest still load. Normalisation statistics come from the train split only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { audioFeatures, FEATURE_SAMPLE_RATE, onsetTimes } from '../audio/features.js';
import { resample } from '../audio/resample.js';
import { readWav, WavError } from '../audio/wav-read.js';
import { featureStats, loadMotionDataset, type Clip, type MotionDataset } from './motion-dataset.js';

/** Audio and motion may differ by this much (export padding); beyond it the pair is skipped. */
export const LENGTH_TOLERANCE_SECONDS = 0.25;

export interface AudioMotionClip extends Clip {
  /** frames × audioDim: log-mel bins, then log energy, then onset strength. */
  audio: Float32Array;
  /** Audio onset times in seconds, for the beat-alignment metric. */
  onsets: number[];
}

export interface AudioMotionDataset extends Omit<MotionDataset, 'train' | 'validation'> {
  train: AudioMotionClip[];
  validation: AudioMotionClip[];
  audioDim: number;
  audioMean: Float32Array;
  audioStd: Float32Array;
}

export function loadAudioMotionDataset(dir: string): AudioMotionDataset {
  const root = resolve(dir);
  const motion = loadMotionDataset(root);
  const skipped = [...motion.skipped];
  const pair = (clip: Clip): AudioMotionClip | null => {
    const wavFile = clip.file.replace(/\.bvh$/i, '.wav');
    if (!existsSync(join(root, wavFile))) {
      skipped.push({ file: clip.file, reason: `'${clip.file}' has no '${basename(wavFile)}' beside it (audio and motion pair by file name)` });
      return null;
    }
    try {
      return withAudio(clip, join(root, wavFile), wavFile, motion.fps);
    } catch (error) {
      const reason = error instanceof WavError || error instanceof PairError ? error.message : `'${wavFile}': ${(error as Error).message}`;
      skipped.push({ file: wavFile, reason });
      return null;
    }
  };
  const train = motion.train.map(pair).filter((c): c is AudioMotionClip => c !== null);
  const validation = motion.validation.map(pair).filter((c): c is AudioMotionClip => c !== null);
  skipped.push(...orphanWavs(root, [...motion.train, ...motion.validation], skipped));

  const { mean, std } = featureStats(train, motion.featureDim);
  const audioDim = train[0] ? train[0].audio.length / train[0].frames : 0;
  const audioStats = featureStats(train.map((c) => ({ ...c, features: c.audio })), audioDim);
  return { ...motion, train, validation, featureMean: mean, featureStd: std, audioDim, audioMean: audioStats.mean, audioStd: audioStats.std, skipped };
}

class PairError extends Error {}

function withAudio(clip: Clip, path: string, wavFile: string, fps: number): AudioMotionClip {
  const wav = readWav(new Uint8Array(readFileSync(path)), wavFile);
  const samples = wav.sampleRate === FEATURE_SAMPLE_RATE ? wav.samples : resample(wav.samples, wav.sampleRate, FEATURE_SAMPLE_RATE);
  const features = audioFeatures(samples, fps);
  const motionSeconds = clip.frames / fps;
  if (Math.abs(wav.duration - motionSeconds) > LENGTH_TOLERANCE_SECONDS) {
    throw new PairError(
      `'${wavFile}': audio is ${wav.duration.toFixed(2)} s but '${basename(clip.file)}' is ${motionSeconds.toFixed(2)} s (more than ${LENGTH_TOLERANCE_SECONDS} s apart)`,
    );
  }
  // Within tolerance: both are cut to the shorter, so frame i of audio and motion is the same moment.
  const frames = Math.min(clip.frames, features.frames);
  const audioDim = features.melBins + 2;
  const audio = new Float32Array(frames * audioDim);
  for (let f = 0; f < frames; f++) {
    audio.set(features.logMel.subarray(f * features.melBins, (f + 1) * features.melBins), f * audioDim);
    audio[f * audioDim + features.melBins] = features.energy[f] as number;
    audio[f * audioDim + features.melBins + 1] = features.onset[f] as number;
  }
  const featureDim = clip.features.length / clip.frames;
  return {
    ...clip,
    frames,
    features: clip.features.subarray(0, frames * featureDim),
    audio,
    onsets: onsetTimes(features.onset.subarray(0, frames), fps),
  };
}

/** WAV files with no BVH of the same stem: listed, so a user sees why a recording is missing. */
function orphanWavs(root: string, clips: Clip[], skipped: { file: string }[]): { file: string; reason: string }[] {
  const stems = new Set([...clips.map((c) => c.file), ...skipped.map((s) => s.file)].map((f) => f.replace(/\.(bvh|wav)$/i, '')));
  const folders = new Set(clips.map((c) => dirname(c.file)));
  const out: { file: string; reason: string }[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(join(root, folder)).filter((f) => /\.wav$/i.test(f)).sort()) {
      const file = folder === '.' ? name : `${folder}/${name}`;
      if (!stems.has(file.replace(/\.wav$/i, ''))) out.push({ file, reason: `'${file}' has no '${name.replace(/\.wav$/i, '.bvh')}' beside it` });
    }
  }
  return out;
}
