import { describe, expect, it } from 'vitest';
import { forwardKinematics } from './bvh-kinematics.js';
import { parseBvh } from './bvh-parse.js';
import { writeBvh } from './bvh-write.js';
import { MIN_BEAT_GAP_S } from './demo-schedule.js';
import { J } from './demo-skeleton.js';
import { synthesizeSpeech, type SynthesizedSpeech } from './demo-voice.js';
import { generateVoiceClip, gestureEventsFor, STRESS_LOUDNESS } from './demo-voice-gestures.js';

const SR = 16000;

function rms(x: Float32Array, from: number, to: number): number {
  const a = Math.max(0, Math.round(from * SR));
  const b = Math.min(x.length, Math.round(to * SR));
  let sum = 0;
  for (let n = a; n < b; n++) sum += x[n]! * x[n]!;
  return b > a ? Math.sqrt(sum / (b - a)) : 0;
}

/** Frame RMS at `rate` frames per second (frame f covers [f/rate, (f+1)/rate)). */
function frameRms(x: Float32Array, rate: number): number[] {
  const frames = Math.floor((x.length / SR) * rate);
  return Array.from({ length: frames }, (_, f) => rms(x, f / rate, (f + 1) / rate));
}

/** f0 of the 40 ms from `at` by normalised autocorrelation; the first lag near the best avoids octave errors. */
function f0At(x: Float32Array, at: number): number {
  const a = Math.round(at * SR);
  const win = Math.round(0.04 * SR);
  const lags: number[] = [];
  for (let lag = Math.floor(SR / 300); lag <= Math.ceil(SR / 80); lag++) {
    let xy = 0, xx = 0, yy = 0;
    for (let n = a; n < a + win; n++) {
      xy += x[n]! * x[n + lag]!;
      xx += x[n]! * x[n]!;
      yy += x[n + lag]! * x[n + lag]!;
    }
    lags[lag] = xy / Math.sqrt(xx * yy || 1);
  }
  const best = Math.max(...lags.filter((v) => v !== undefined));
  const lag = lags.findIndex((v, i) => v !== undefined && v >= 0.9 * best && v >= (lags[i + 1] ?? -1));
  return SR / lag;
}

function pearson(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  const ma = a.slice(0, n).reduce((s, v) => s + v, 0) / n;
  const mb = b.slice(0, n).reduce((s, v) => s + v, 0) / n;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function gaussianSmooth(x: number[], sigma: number): number[] {
  const r = Math.ceil(3 * sigma);
  return x.map((_, i) => {
    let s = 0, w = 0;
    for (let k = -r; k <= r; k++) {
      if (i + k < 0 || i + k >= x.length) continue;
      const g = Math.exp(-0.5 * (k / sigma) ** 2);
      s += g * x[i + k]!;
      w += g;
    }
    return s / w;
  });
}

/** Pauses between phrases: gaps of ≥ 0.25 s between one syllable's end and the next onset. */
function pauses(v: SynthesizedSpeech): [number, number][] {
  const out: [number, number][] = [];
  v.syllables.forEach((s, i) => {
    const next = v.syllables[i + 1];
    if (next && next.onset - (s.onset + s.duration) >= 0.25) out.push([s.onset + s.duration, next.onset]);
  });
  return out;
}

const SEEDS = [1, 2, 3, 4, 5];

describe('demo voice', () => {
  it('is deterministic from the seed', () => {
    const a = synthesizeSpeech({ seed: 7, seconds: 8 });
    const b = synthesizeSpeech({ seed: 7, seconds: 8 });
    expect(Buffer.from(b.samples.buffer).equals(Buffer.from(a.samples.buffer))).toBe(true);
    expect(b.syllables).toEqual(a.syllables);
    expect(b.pitchPeaks).toEqual(a.pitchPeaks);
    expect(Buffer.from(synthesizeSpeech({ seed: 8, seconds: 8 }).samples.buffer).equals(Buffer.from(a.samples.buffer))).toBe(false);
    expect(a.samples).toHaveLength(8 * SR);
    expect(a.sampleRate).toBe(SR);
  });

  it('is speech-shaped: phrases of 3–9 syllables of 120–300 ms, pauses of 0.3–0.9 s, one pitch peak per phrase', () => {
    for (const seed of SEEDS) {
      const v = synthesizeSpeech({ seed, seconds: 12 });
      for (const s of v.syllables) {
        expect(s.duration).toBeGreaterThanOrEqual(0.12);
        expect(s.duration).toBeLessThanOrEqual(0.3);
        expect(s.loudness).toBeGreaterThan(0);
        expect(s.loudness).toBeLessThanOrEqual(1);
      }
      const gaps = pauses(v);
      for (const [a, b] of gaps) expect(b - a).toBeGreaterThanOrEqual(0.3 - 1e-3);
      for (const [a, b] of gaps) expect(b - a).toBeLessThanOrEqual(0.9 + 1e-3);
      expect(v.pitchPeaks).toHaveLength(gaps.length + 1);
      // Syllables per phrase; only the last phrase may be cut short by the clip's end.
      const bounds = [0, ...gaps.map(([, b]) => b), Infinity];
      const sizes = bounds.slice(1).map((b, i) => v.syllables.filter((s) => s.onset >= bounds[i]! && s.onset < b).length);
      for (const n of sizes.slice(0, -1)) expect(n).toBeGreaterThanOrEqual(3);
      for (const n of sizes) expect(n).toBeLessThanOrEqual(9);
      expect(sizes.at(-1)).toBeGreaterThanOrEqual(1);
    }
  });

  it('is audible but never clips, and pauses are near-silent', () => {
    for (const seed of SEEDS) {
      const v = synthesizeSpeech({ seed, seconds: 8 });
      const peak = v.samples.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      expect(peak).toBeGreaterThan(0.1);
      expect(peak).toBeLessThanOrEqual(0.9);
      const voiced = v.syllables.map((s) => rms(v.samples, s.onset, s.onset + s.duration));
      const meanVoiced = voiced.reduce((a, b) => a + b, 0) / voiced.length;
      expect(meanVoiced).toBeGreaterThan(0.02);
      for (const [a, b] of pauses(v)) expect(rms(v.samples, a + 0.02, b)).toBeLessThan(0.1 * meanVoiced);
    }
  });

  it('has its loudness in the audio: louder-listed syllables have a higher RMS', () => {
    const v = synthesizeSpeech({ seed: 4, seconds: 20 });
    const level = v.syllables.map((s) => rms(v.samples, s.onset, s.onset + s.duration));
    expect(pearson(level, v.syllables.map((s) => s.loudness))).toBeGreaterThan(0.95);
  });

  it('lists exactly the onsets where energy rises (100 Hz frame RMS)', () => {
    for (const seed of SEEDS) {
      const v = synthesizeSpeech({ seed, seconds: 8 });
      const env = frameRms(v.samples, 100);
      for (const { onset } of v.syllables) {
        const f = Math.floor(onset * 100);
        const after = Math.max(...env.slice(f + 1, f + 4)); // within 30 ms
        expect(after).toBeGreaterThan(Math.max(4 * env[f - 1]!, 0.01));
      }
      // And no rise the list does not name: every sharp rise is within 30 ms of an onset.
      for (let f = 1; f < env.length; f++) {
        if (env[f]! > 0.02 && env[f]! > 4 * env[f - 1]!) {
          expect(v.syllables.some((s) => Math.abs(s.onset - f / 100) <= 0.03)).toBe(true);
        }
      }
    }
  });

  it('is voiced at 90–260 Hz, and each pitch peak is a local maximum of the contour', () => {
    for (const seed of SEEDS) {
      const v = synthesizeSpeech({ seed, seconds: 8 });
      const f0 = v.syllables.map((s) => f0At(v.samples, s.onset + 0.03));
      for (const hz of f0) {
        expect(hz).toBeGreaterThan(90);
        expect(hz).toBeLessThan(260);
      }
      for (const peak of v.pitchPeaks) {
        const i = v.syllables.findIndex((s) => s.onset <= peak && peak < s.onset + s.duration);
        expect(i).toBeGreaterThanOrEqual(0);
        const atPeak = f0At(v.samples, peak - 0.02);
        // Neighbours in the same phrase (no pause between) are lower.
        for (const j of [i - 1, i + 1]) {
          const n = v.syllables[j];
          if (!n || Math.abs(n.onset - v.syllables[i]!.onset) > 0.5) continue;
          expect(atPeak).toBeGreaterThan(f0At(v.samples, n.onset + n.duration / 2 - 0.02));
        }
      }
    }
  });

  it('puts beats on stressed syllable onsets (strength = loudness) and nods on pitch peaks', () => {
    for (const seed of SEEDS) {
      const v = synthesizeSpeech({ seed, seconds: 12 });
      const { beats, nods } = gestureEventsFor(v);
      expect(nods).toEqual(v.pitchPeaks);
      expect(beats.length).toBeGreaterThanOrEqual(v.pitchPeaks.length);
      for (const b of beats) {
        const s = v.syllables.find((x) => x.onset === b.time);
        expect(s).toBeDefined();
        expect(b.strength).toBe(s!.loudness);
        expect(b.strength).toBeGreaterThanOrEqual(STRESS_LOUDNESS);
      }
      for (let i = 1; i < beats.length; i++) expect(beats[i]!.time - beats[i - 1]!.time).toBeGreaterThanOrEqual(MIN_BEAT_GAP_S);
      // Every stressed syllable gets a beat unless a stronger one is too close to stroke again.
      for (const s of v.syllables.filter((x) => x.loudness >= STRESS_LOUDNESS)) {
        expect(beats.some((b) => Math.abs(b.time - s.onset) < MIN_BEAT_GAP_S)).toBe(true);
      }
      // Each phrase's accent (its loudest syllable) always strokes.
      for (const peak of v.pitchPeaks) {
        const accent = v.syllables.find((s) => s.onset <= peak && peak < s.onset + s.duration)!;
        expect(beats.some((b) => b.time === accent.onset)).toBe(true);
      }
    }
  });

  it('is learnable: hand speed in the BVH correlates with the audio onset envelope (Pearson r > 0.2)', () => {
    const fps = 30;
    const speed: number[] = [];
    const onsets: number[] = [];
    const perSeed = [1, 2, 3, 4, 5].map((seed) => {
      const { voice, motion } = generateVoiceClip({ seed, seconds: 20, fps });
      const p = forwardKinematics(parseBvh(writeBvh(motion), 'demo.bvh'));
      const s: number[] = [];
      for (let f = 1; f < motion.frameCount; f++) {
        let v = 0;
        for (const j of [J.leftHand, J.rightHand]) {
          const at = (f * 13 + j) * 3;
          const back = at - 13 * 3;
          v += Math.hypot(p[at]! - p[back]!, p[at + 1]! - p[back + 1]!, p[at + 2]! - p[back + 2]!) * fps;
        }
        s.push(v);
      }
      // Onset envelope: half-wave-rectified rise of frame RMS at the motion's frame rate,
      // smoothed a little (σ = 0.1 s) as any audio encoder's receptive field would.
      const env = frameRms(voice.samples, fps);
      const o = gaussianSmooth(env.slice(1).map((e, i) => Math.max(0, e - env[i]!)), 3);
      speed.push(...s);
      onsets.push(...o);
      return pearson(s, o);
    });
    const pooled = pearson(speed, onsets);
    console.log(`hand speed vs onset envelope: pooled r = ${pooled.toFixed(3)}; per seed ${perSeed.map((r) => r.toFixed(3)).join(', ')}`);
    // Pooled over 100 s rather than per clip: a single clip with few phrases is noisy.
    expect(pooled).toBeGreaterThan(0.2);
    for (const r of perSeed) expect(r).toBeGreaterThan(0);
  });
});
