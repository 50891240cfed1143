/**
 * The demo speaker's voice: speech-like audio whose structure predicts the demo motion, so
 * an audio-to-motion recipe has something learnable out of the box. Not intelligible
 * speech, but the cues gesture models key on are there and returned as ground truth:
 * - phrases of 3–9 voiced syllables (120–300 ms) separated by pauses of 0.3–0.9 s (the
 *   clip's end may cut the last phrase short, never a syllable);
 * - inside a phrase, 40–90 ms closures between syllables (like stop consonants), so every
 *   syllable onset is a clear energy rise rather than a smooth loudness wobble;
 * - pitch declining through each phrase (intonation) with one accent peak, 100–220 Hz;
 * - accented (and some other stressed) syllables louder; loudness is the syllable's RMS;
 * - vowel-like formants varied per syllable, a little aspiration, an inhale before phrases.
 * The source is one period of Σ sin(kφ)/k for k ≤ 32 (a sawtooth-like glottal pulse with
 * 1/k roll-off) read from a table: 32 harmonics of the highest pitch (≈ 215 Hz) stay below
 * 8 kHz, so it is band-limited by construction (no aliasing to learn), and a table read
 * costs the same at any pitch: the 72-clip demo is written in about a second.
 */
import { deriveSeed, mulberry32, uniform } from './seeded-random.js';

export interface Syllable {
  /** Seconds from the clip start at which the syllable's attack begins. */
  onset: number;
  /** Seconds from onset to the end of its decay. */
  duration: number;
  /** 0..1, proportional to the syllable's RMS level (1 = the loudest a syllable gets). */
  loudness: number;
}

export interface SpeechOptions {
  seed: number;
  seconds: number;
  /** 16000 by default: what speech models expect, and plenty for formants below 4 kHz. */
  sampleRate?: number;
}

export interface SynthesizedSpeech {
  /** Mono, in [-0.9, 0.9]. */
  samples: Float32Array;
  sampleRate: number;
  syllables: Syllable[];
  /** Seconds of each phrase's pitch-accent peak (one per phrase). */
  pitchPeaks: number[];
}

interface PlannedSyllable extends Syllable {
  vowel: [number, number, number];
}

interface Phrase {
  start: number;
  end: number;
  syllables: PlannedSyllable[];
  /** Declination: f0 at the phrase start and end, before the accent. */
  f0Start: number;
  f0End: number;
  accentAt: number;
  accentGain: number;
}

// Separate random streams, so e.g. tweaking the formants does not move every onset.
const STREAM = { timing: 11, voice: 12, noise: 13 } as const;

/** Peterson & Barney-like F1–F3 (Hz) of a, e, i, o, u; each syllable jitters one. */
const VOWELS: [number, number, number][] = [
  [730, 1090, 2440],
  [530, 1840, 2480],
  [270, 2290, 3010],
  [570, 840, 2410],
  [300, 870, 2240],
];
const FORMANT_GAIN = [1, 0.6, 0.3] as const;
const FORMANT_BANDWIDTH_HZ = [90, 110, 170] as const;
/** RMS of a loudness-1 syllable: leaves crest-factor headroom under the 0.9 peak limit. */
const FULL_RMS = 0.16;
const PEAK_LIMIT = 0.9;
const ATTACK_S = 0.02;
const ACCENT_SIGMA_S = 0.09;
const RING_S = 0.015;
/** 32 harmonics: the top one of a 215 Hz voice is 6.9 kHz, below 8 kHz Nyquist at 16 kHz. */
const HARMONICS = 32;
const TABLE_SIZE = 2048;
let pulseTable: Float64Array | undefined;

/** One period of the source, plus a guard sample so interpolation never wraps. */
function glottalTable(): Float64Array {
  if (pulseTable) return pulseTable;
  const table = new Float64Array(TABLE_SIZE + 1);
  for (let i = 0; i <= TABLE_SIZE; i++) {
    const phi = (2 * Math.PI * i) / TABLE_SIZE;
    for (let k = 1; k <= HARMONICS; k++) table[i]! += Math.sin(k * phi) / k;
  }
  return (pulseTable = table);
}

/** Plans the clip's phrases: timing, loudness, vowels, intonation. Pure data. */
function planPhrases(seed: number, seconds: number): Phrase[] {
  const rng = mulberry32(deriveSeed(seed, STREAM.timing));
  const voice = mulberry32(deriveSeed(seed, STREAM.voice));
  const base = uniform(voice, 115, 145); // the speaker's register
  const phrases: Phrase[] = [];
  let t = uniform(rng, 0.25, 0.6);
  const last = seconds - 0.1;
  while (true) {
    // Timing first: the clip's end may cut a phrase short (never a syllable), and a short
    // clip must still speak rather than drop a phrase that does not fit whole.
    const wanted = 3 + Math.floor(rng() * 7);
    const timing: { onset: number; duration: number }[] = [];
    for (let i = 0, s = t; i < wanted; i++) {
      const duration = uniform(rng, 0.12, 0.3);
      if (s + duration > last) break;
      timing.push({ onset: s, duration });
      s += duration + uniform(rng, 0.04, 0.09);
    }
    const count = timing.length;
    if (count === 0) break;
    const accent = Math.floor(rng() * count);
    const syllables = timing.map(({ onset, duration }, i): PlannedSyllable => {
      // The accent is the loudest; some others carry secondary stress; the phrase fades.
      const stressed = i === accent || rng() < 0.25;
      const fade = 1 - 0.25 * (i / count);
      const loudness = i === accent ? uniform(rng, 0.85, 1) : stressed ? uniform(rng, 0.62, 0.82) * fade : uniform(rng, 0.2, 0.4) * fade;
      const v = VOWELS[Math.floor(voice() * VOWELS.length)]!;
      const vowel = v.map((f) => f * uniform(voice, 0.93, 1.07)) as [number, number, number];
      return { onset, duration, loudness, vowel };
    });
    const end = syllables[count - 1]!.onset + syllables[count - 1]!.duration;
    const a = syllables[accent]!;
    phrases.push({
      start: t,
      end,
      syllables,
      f0Start: base * uniform(voice, 1.05, 1.12),
      f0End: base * uniform(voice, 0.88, 0.94),
      accentAt: a.onset + a.duration * uniform(voice, 0.35, 0.6),
      accentGain: uniform(voice, 0.15, 0.32),
    });
    if (count < wanted) break;
    t = end + uniform(rng, 0.3, 0.9);
  }
  return phrases;
}

function f0At(p: Phrase, t: number): number {
  const x = Math.min(1, Math.max(0, (t - p.start) / Math.max(1e-3, p.end - p.start)));
  const d = (t - p.accentAt) / ACCENT_SIGMA_S;
  return (p.f0Start + (p.f0End - p.f0Start) * x) * (1 + p.accentGain * Math.exp(-0.5 * d * d));
}

/** RBJ band-pass biquad (0 dB peak), as normalised coefficients [b0, b2, a1, a2] (b1 = 0). */
function bandPass(freq: number, bandwidth: number, sampleRate: number): [number, number, number, number] {
  const w = (2 * Math.PI * freq) / sampleRate;
  const alpha = Math.sin(w) * Math.sinh((Math.LN2 / 2) * (bandwidth / freq) * (w / Math.sin(w)));
  const a0 = 1 + alpha;
  return [alpha / a0, -alpha / a0, (-2 * Math.cos(w)) / a0, (1 - alpha) / a0];
}

/** Smoothstep attack, a short hold, a longer smoothstep decay: C¹, so no clicks. */
function envelope(t: number, duration: number): number {
  if (t <= 0 || t >= duration) return 0;
  const decayStart = duration * 0.55;
  const u = t < ATTACK_S ? t / ATTACK_S : t < decayStart ? 1 : 1 - (t - decayStart) / (duration - decayStart);
  return u * u * (3 - 2 * u);
}

/** Voices one syllable into `out` (zeroed, its own length), then scales it to its loudness. */
function voiceSyllable(out: Float32Array, syl: PlannedSyllable, phrase: Phrase, sampleRate: number, noise: () => number): void {
  // Flat coefficient and state arrays keep the per-sample loop free of allocations.
  const coef = Float64Array.from(syl.vowel.flatMap((f, i) => bandPass(f, FORMANT_BANDWIDTH_HZ[i]!, sampleRate)));
  const state = new Float64Array(12); // x1, x2, y1, y2 per formant
  const aspiration = bandPass(2000, 2500, sampleRate);
  let ax1 = 0, ax2 = 0, ay1 = 0, ay2 = 0;
  const table = glottalTable();
  const F0_HOLD = Math.max(1, Math.round(sampleRate / 1000));
  let phase = 0;
  let f0 = 0;
  for (let n = 0; n < out.length; n++) {
    const t = n / sampleRate;
    // Pitch moves slowly (σ ≥ 90 ms), so it is evaluated every 1 ms and held between.
    if (n % F0_HOLD === 0) f0 = f0At(phrase, syl.onset + t);
    phase += f0 / sampleRate; // in cycles
    if (phase >= 1) phase -= 1;
    const pos = phase * TABLE_SIZE;
    const i = Math.floor(pos);
    const source = table[i]! + (pos - i) * (table[i + 1]! - table[i]!);
    const env = envelope(t, syl.duration);
    const x = source * env;
    let y = 0;
    for (let i = 0; i < 3; i++) {
      const o = i * 4;
      const yi = coef[o]! * x + coef[o + 1]! * state[o + 1]! - coef[o + 2]! * state[o + 2]! - coef[o + 3]! * state[o + 3]!;
      state[o + 1] = state[o]!;
      state[o] = x;
      state[o + 3] = state[o + 2]!;
      state[o + 2] = yi;
      y += FORMANT_GAIN[i]! * yi;
    }
    // Breathy aspiration rides on the same envelope, strongest at the attack.
    const nx = (noise() * 2 - 1) * env * (0.04 + 0.08 * Math.max(0, 1 - t / 0.05));
    const ny = aspiration[0] * nx + aspiration[1] * ax2 - aspiration[2] * ay1 - aspiration[3] * ay2;
    ax2 = ax1;
    ax1 = nx;
    ay2 = ay1;
    ay1 = ny;
    out[n] = y + ny;
  }
  let sum = 0;
  for (let n = 0; n < out.length; n++) sum += out[n]! * out[n]!;
  // RMS over the voiced part (envelope ≈ 1 for about 70% of the syllable).
  const rms = Math.sqrt(sum / (syl.duration * sampleRate * 0.7)) || 1;
  const gain = (FULL_RMS * syl.loudness) / rms;
  for (let n = 0; n < out.length; n++) out[n]! *= gain;
}

/** A soft inhale before a phrase: quiet band-passed noise under a Hann window. */
function addInhale(samples: Float32Array, at: number, seconds: number, sampleRate: number, noise: () => number): void {
  const start = Math.max(0, Math.round(at * sampleRate));
  const length = Math.min(samples.length - start, Math.round(seconds * sampleRate));
  const [b0, b2, a1, a2] = bandPass(1500, 2000, sampleRate);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let n = 0; n < length; n++) {
    const x = (noise() * 2 - 1) * 0.012 * (0.5 - 0.5 * Math.cos((2 * Math.PI * n) / length));
    const y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    samples[start + n]! += y;
  }
}

/** Deterministic speech-like audio plus its ground-truth syllables and pitch peaks. */
export function synthesizeSpeech({ seed, seconds, sampleRate = 16000 }: SpeechOptions): SynthesizedSpeech {
  const samples = new Float32Array(Math.max(1, Math.round(seconds * sampleRate)));
  const noise = mulberry32(deriveSeed(seed, STREAM.noise));
  const phrases = planPhrases(seed, seconds);
  const syllables: Syllable[] = [];
  for (const phrase of phrases) {
    const inhale = Math.min(0.25, phrase.start - 0.05);
    if (inhale > 0.1) addInhale(samples, phrase.start - inhale - 0.03, inhale, sampleRate, noise);
    for (const syl of phrase.syllables) {
      const start = Math.round(syl.onset * sampleRate);
      // A short tail lets the formant filters ring out instead of being cut mid-swing.
      const buffer = new Float32Array(Math.min(samples.length - start, Math.round((syl.duration + RING_S) * sampleRate)));
      voiceSyllable(buffer, syl, phrase, sampleRate, noise);
      for (let n = 0; n < buffer.length; n++) samples[start + n]! += buffer[n]!;
      syllables.push({ onset: round4(syl.onset), duration: round4(syl.duration), loudness: round4(syl.loudness) });
    }
  }
  // Crest factor varies with the vowel, so a rare loud syllable could poke past the limit;
  // scaling the whole clip keeps loudness proportional to RMS across syllables.
  let peak = 0;
  for (const v of samples) peak = Math.max(peak, Math.abs(v));
  if (peak > PEAK_LIMIT) for (let n = 0; n < samples.length; n++) samples[n]! *= PEAK_LIMIT / peak;
  return { samples, sampleRate, syllables, pitchPeaks: phrases.map((p) => round4(p.accentAt)) };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
