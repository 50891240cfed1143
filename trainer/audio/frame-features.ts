/**
 * The audio a motion model sees: one row per motion frame holding the log-mel bins, then log
 * energy, then onset strength. Dataset import and "generate for this recording" both build
 * it here, so a model never meets features laid out differently from its training data.
 */
import { audioFeatures, FEATURE_SAMPLE_RATE, type AudioFeatures } from './features.js';
import { resample } from './resample.js';

/** Mel bands per frame, the common choice of speech/gesture models. */
export const MEL_BINS = 80;
/** Values per motion frame: MEL_BINS log-mel bins, log energy, onset strength. */
export const FRAME_FEATURE_DIM = MEL_BINS + 2;

/** Any-rate mono samples → features at `fps`, and the first `frames` of them stacked per frame. */
export function frameFeatures(samples: Float32Array, sampleRate: number, fps: number): { features: AudioFeatures; stacked(frames: number): Float32Array } {
  const samples16k = sampleRate === FEATURE_SAMPLE_RATE ? samples : resample(samples, sampleRate, FEATURE_SAMPLE_RATE);
  const features = audioFeatures(samples16k, fps, { melBins: MEL_BINS });
  return { features, stacked: (frames) => stackFrames(features, frames) };
}

function stackFrames(features: AudioFeatures, frames: number): Float32Array {
  const out = new Float32Array(frames * FRAME_FEATURE_DIM);
  for (let f = 0; f < frames; f++) {
    out.set(features.logMel.subarray(f * MEL_BINS, (f + 1) * MEL_BINS), f * FRAME_FEATURE_DIM);
    out[f * FRAME_FEATURE_DIM + MEL_BINS] = features.energy[f] as number;
    out[f * FRAME_FEATURE_DIM + MEL_BINS + 1] = features.onset[f] as number;
  }
  return out;
}
