/**
 * Which validation clips a run's previews show, and their audio. Recipes preview the first
 * validation clips long enough for their window (MotionWindows, AudioMotionWindows), so the
 * same rule on the loaded dataset names them; that never changes during a run, which is what
 * makes previews at different steps comparable. The audio is the WAV beside the clip's BVH
 * (the pairing rule of the paired loader), read through the same WAV reader as training data.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FEATURE_SAMPLE_RATE } from '../audio/features.js';
import { frameFeatures } from '../audio/frame-features.js';
import { onsetTimes } from '../audio/onset-peaks.js';
import { readWavFile } from '../audio/read-wav-file.js';
import { resample } from '../audio/resample.js';
import type { PreviewAudio } from '../protocol.js';
import { pcm16Base64 } from './sample-codec.js';
import { waveformPeaks } from './waveform-peaks.js';

export interface PreviewClipRef {
  name: string;
  /** Relative to the dataset folder, e.g. 'validation/clip-000.bvh'. */
  file: string;
  frames: number;
}

/** The first validation clip with at least `frames` frames, or null when the data has none. */
export function previewClipOf(data: unknown, frames: number): PreviewClipRef | null {
  return previewClipsOf(data, [frames])[0] ?? null;
}

/**
 * The clips of a preview's grid, in order: for each clip's length, the next validation clip
 * (after the one named before it) with at least that many frames. Recipes take their preview
 * clips in dataset order from the validation clips long enough for them, and a clip's preview
 * is never longer than the clip, so this walk lands on the same clips. A null where the data
 * names none (the list stops matching).
 */
export function previewClipsOf(data: unknown, frames: readonly number[]): (PreviewClipRef | null)[] {
  const validation = (data as { validation?: unknown }).validation;
  const clips = (Array.isArray(validation) ? validation : []) as Partial<PreviewClipRef>[];
  let from = 0;
  return frames.map((length) => {
    const at = clips.findIndex((c, i) => i >= from && typeof c.file === 'string' && typeof c.name === 'string' && (c.frames ?? 0) >= length);
    if (at === -1) {
      from = clips.length;
      return null;
    }
    from = at + 1;
    const clip = clips[at] as PreviewClipRef;
    return { name: clip.name, file: clip.file, frames: clip.frames };
  });
}

/** The clip's WAV, if one sits beside its BVH: 'take.bvh' pairs with 'take.wav' (any case of '.wav'). */
export function wavBesideClip(datasetDir: string, clipFile: string): string | null {
  const folder = join(datasetDir, dirname(clipFile));
  const stem = basename(clipFile).replace(/\.bvh$/i, '');
  if (!existsSync(folder)) return null;
  const name = readdirSync(folder).find((n) => n.length === stem.length + 4 && n.startsWith(stem) && /\.wav$/i.test(n));
  return name === undefined ? null : join(folder, name);
}

/**
 * The first `frames` frames' worth of the clip's audio at 16 kHz, its waveform peaks and its
 * onsets; null when the clip has no WAV. A WAV that cannot be read throws, naming the file.
 */
export async function previewAudio(datasetDir: string, clip: PreviewClipRef, frames: number, fps: number): Promise<PreviewAudio | null> {
  const path = wavBesideClip(datasetDir, clip.file);
  if (path === null) return null;
  const wav = await readWavFile(path);
  const samples16k = wav.sampleRate === FEATURE_SAMPLE_RATE ? wav.samples : resample(wav.samples, wav.sampleRate, FEATURE_SAMPLE_RATE);
  const seconds = frames / fps;
  const samples = samples16k.subarray(0, Math.round(seconds * FEATURE_SAMPLE_RATE));
  // Onsets found exactly as the dataset loader finds them, so the ticks match what training saw.
  const { features } = frameFeatures(samples, FEATURE_SAMPLE_RATE, fps);
  const onsets = onsetTimes(features.onset.subarray(0, frames), fps).filter((t) => t < seconds);
  return { sampleRate: FEATURE_SAMPLE_RATE, pcm16: pcm16Base64(samples), peaks: waveformPeaks(samples), onsets };
}
