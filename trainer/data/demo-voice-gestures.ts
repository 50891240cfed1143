/**
 * Turns the demo voice's ground truth into the gesture generator's events, so the BVH a
 * clip gets is a function of its audio (plus the seed's idle sway and style):
 * - beats: the stroke lands on the onset of a STRESSED syllable (loudness ≥
 *   STRESS_LOUDNESS), with strength = loudness, so stroke size follows loudness. Speakers
 *   beat on stressed syllables, not on every one, and at 4–6 syllables/s a stroke per
 *   syllable would blur into a tremble (see MIN_BEAT_GAP_S). When two stressed syllables
 *   are closer than MIN_BEAT_GAP_S the louder one keeps the beat;
 * - nods: one on each phrase's pitch-accent peak (the head drops with the accent).
 * The gesture generator lifts the arm ~0.3 s before a beat; a model that sees a window of
 * audio around each frame (not only the past) can learn that anticipation.
 */
import type { BvhMotion } from './bvh-parse.js';
import { generateGestureClip } from './demo-gestures.js';
import type { Beat } from './demo-schedule.js';
import { MIN_BEAT_GAP_S } from './demo-schedule.js';
import { synthesizeSpeech, type SynthesizedSpeech } from './demo-voice.js';

/** Between demo-voice's unstressed syllables (loudness ≤ 0.4) and stressed ones (≥ 0.48). */
export const STRESS_LOUDNESS = 0.45;

export interface VoiceGestureEvents {
  beats: Beat[];
  nods: number[];
}

export function gestureEventsFor(voice: Pick<SynthesizedSpeech, 'syllables' | 'pitchPeaks'>): VoiceGestureEvents {
  // Loudest first: each stressed syllable either strokes or is within MIN_BEAT_GAP_S of a
  // louder stroke, and a phrase's accent (its loudest syllable) always strokes. Greedy in
  // time order instead would let a crescendo of close syllables drop the first ones.
  const stressed = voice.syllables
    .filter((s) => s.loudness >= STRESS_LOUDNESS)
    .sort((a, b) => b.loudness - a.loudness || a.onset - b.onset);
  const beats: Beat[] = [];
  for (const s of stressed) {
    if (beats.every((b) => Math.abs(b.time - s.onset) >= MIN_BEAT_GAP_S)) beats.push({ time: s.onset, strength: Math.min(1, s.loudness) });
  }
  beats.sort((a, b) => a.time - b.time);
  return { beats, nods: [...voice.pitchPeaks].sort((a, b) => a - b) };
}

export interface DemoVoiceClipOptions {
  seed: number;
  seconds: number;
  /** Motion frames per second; 30 by default. */
  fps?: number;
  /** Audio samples per second; 16000 by default. */
  sampleRate?: number;
}

/**
 * One paired demo clip: the voice, and the motion driven by it. Both come from the same
 * seed (each derives its own streams), so a clip's audio and BVH always belong together.
 */
export function generateVoiceClip(opts: DemoVoiceClipOptions): { voice: SynthesizedSpeech; motion: BvhMotion } {
  const voice = synthesizeSpeech({ seed: opts.seed, seconds: opts.seconds, sampleRate: opts.sampleRate });
  const { beats, nods } = gestureEventsFor(voice);
  const motion = generateGestureClip({ seed: opts.seed, seconds: opts.seconds, fps: opts.fps ?? 30, beats, nods });
  return { voice, motion };
}
