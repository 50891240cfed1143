/**
 * When the demo speaker gestures and nods. Beats are the input the motion depends on, so
 * they are plain data ({time, strength}): today they are drawn here from a seed as a
 * plausible speech rhythm; an audio-to-motion recipe can pass onsets detected in
 * (synthetic) speech instead, and the same gesture generator turns them into motion.
 */
import { uniform } from './seeded-random.js';

export interface Beat {
  /** Seconds from the clip start at which the stroke lands. */
  time: number;
  /** 0..1: how big the stroke is (a stressed syllable ≈ 1). */
  strength: number;
}

/** Which arm strokes a beat. */
export type Arm = 'left' | 'right' | 'both';

/** Strokes closer than this blur into one movement; speakers do not beat faster either. */
export const MIN_BEAT_GAP_S = 0.3;

/**
 * A syllable-like rhythm: phrases of 1.2–4 s separated by 0.4–1.4 s pauses; inside a
 * phrase syllables come at 4–6.5 Hz and roughly one in three is stressed and gets a beat
 * (phrase onsets usually do), at least MIN_BEAT_GAP_S apart.
 */
export function drawBeatSchedule(rng: () => number, seconds: number): Beat[] {
  const beats: Beat[] = [];
  let t = uniform(rng, 0.3, 1.0);
  const end = seconds - 0.3;
  while (t < end) {
    const phraseEnd = Math.min(t + uniform(rng, 1.2, 4.0), end);
    let first = true;
    for (let s = t; s < phraseEnd; s += uniform(rng, 0.155, 0.25)) {
      const stressed = first ? rng() < 0.8 : rng() < 0.33;
      first = false;
      const last = beats[beats.length - 1];
      if (!stressed || (last && s - last.time < MIN_BEAT_GAP_S)) continue;
      beats.push({ time: round3(s), strength: round3(uniform(rng, 0.35, 1.0)) });
    }
    t = phraseEnd + uniform(rng, 0.4, 1.4);
  }
  return beats;
}

/**
 * Nods land in pauses, as listeners' and speakers' nods do: each gap of ≥ 0.9 s without a
 * beat (including the clip's start and end) gets a nod 0.3–0.6 s into it with
 * probability 0.6. Works for drawn and for given beats alike.
 */
export function drawNods(rng: () => number, beats: readonly Beat[], seconds: number): number[] {
  const nods: number[] = [];
  const times = [0, ...beats.map((b) => b.time).sort((a, b) => a - b), seconds];
  for (let i = 1; i < times.length; i++) {
    const start = times[i - 1]!;
    const gap = times[i]! - start;
    const at = start + uniform(rng, 0.3, 0.6);
    // Draw both numbers always so one gap's outcome does not shift the next gap's draws.
    const keep = rng() < 0.6;
    if (gap >= 0.9 && keep && at < seconds - 0.3) nods.push(round3(at));
  }
  return nods;
}

/**
 * Assigns an arm per beat. Speakers keep using the same hand through a phrase, so the
 * previous arm is kept with probability 0.7; otherwise right 55%, left 30%, both 15%.
 */
export function drawArms(rng: () => number, beats: readonly Beat[]): Arm[] {
  const arms: Arm[] = [];
  let previous: Arm | undefined;
  for (let i = 0; i < beats.length; i++) {
    const stay = rng();
    const pick = rng();
    const arm: Arm = previous && stay < 0.7 ? previous : pick < 0.55 ? 'right' : pick < 0.85 ? 'left' : 'both';
    arms.push(arm);
    previous = arm;
  }
  return arms;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
