import { describe, expect, it } from 'vitest';
import { audioFeatures, FEATURE_SAMPLE_RATE, onsetTimes } from './features.js';
import { hzToMel, melFilterbank, melToHz } from './mel-filterbank.js';
import { resample } from './resample.js';
import { readWav } from './wav-read.js';
import { writeWav } from './wav-write.js';
import { clicks, sine } from './test-signals.js';

const SR = FEATURE_SAMPLE_RATE;

function argmax(row: Float32Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if ((row[i] as number) > (row[best] as number)) best = i;
  return best;
}

describe('mel filterbank (Slaney, as librosa)', () => {
  it('uses the Slaney mel scale: linear to 1 kHz (15 mel), logarithmic above', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(200)).toBeCloseTo(3, 12);
    expect(hzToMel(6400)).toBeCloseTo(15 + 27, 12);
    for (const hz of [60, 999, 1001, 7600]) expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 9);
  });

  it('gives every triangle unit area in Hz, so wide high bands do not dominate', () => {
    const bank = melFilterbank(SR, 1024, 80, 60, 7600);
    for (const { weights } of bank.filters) {
      const area = weights.reduce((a, w) => a + w, 0) * (SR / 1024);
      expect(area).toBeGreaterThan(0.85);
      expect(area).toBeLessThan(1.15);
    }
    expect(bank.centresHz[0]).toBeGreaterThan(60);
    expect(bank.centresHz[79]).toBeLessThan(7600);
  });
});

describe('audioFeatures', () => {
  it('puts a pure tone in the mel bin centred nearest its frequency', () => {
    const { centresHz } = melFilterbank(SR, 1024, 80, 60, 7600);
    for (const hz of [150, 440, 1000, 2500, 6000]) {
      const f = audioFeatures(sine(hz, 1, SR, 0.5));
      const row = f.logMel.subarray(15 * 80, 16 * 80);
      const nearest = argmax(Float32Array.from(centresHz, (c) => -Math.abs(c - hz)));
      expect(argmax(row), `${hz} Hz`).toBe(nearest);
      // And it stands far above the bins an octave away.
      const octave = argmax(Float32Array.from(centresHz, (c) => -Math.abs(c - hz * 2)));
      expect((row[argmax(row)] as number) - (row[octave] as number)).toBeGreaterThan(5);
      // Energy: log RMS of a 0.5-amplitude sine is log(0.5/√2).
      expect(f.energy[15]).toBeCloseTo(Math.log(0.5 / Math.SQRT2), 2);
    }
  });

  it('gives silence a flat floor, flat energy and no onsets', () => {
    const f = audioFeatures(new Float32Array(2 * SR));
    expect(f.frames).toBe(60);
    expect(new Set(f.logMel).size).toBe(1);
    expect(f.logMel[0]).toBeCloseTo(Math.log(1e-6), 5);
    expect(new Set(f.energy).size).toBe(1);
    expect(f.onset.every((v) => v === 0)).toBe(true);
    expect(onsetTimes(f.onset, 30)).toEqual([]);
  });

  it('finds clicks every 0.5 s within one frame, on and off the frame grid', () => {
    for (const offset of [0.25, 0.27, 0.31]) {
      const times = Array.from({ length: 8 }, (_, i) => offset + i * 0.5);
      const f = audioFeatures(clicks(times, 4.2, SR));
      expect(Math.max(...f.onset)).toBe(1);
      expect(f.onset.every((v) => v >= 0)).toBe(true);
      const found = onsetTimes(f.onset, 30);
      expect(found, `clicks from ${offset} s`).toHaveLength(times.length);
      found.forEach((t, i) => expect(Math.abs(t - (times[i] as number))).toBeLessThanOrEqual(1 / 30 + 1e-9));
    }
  });

  it('has floor(duration · fps) frames, so it lines up with a BVH of the same length', () => {
    for (const n of [0, 1, 532, 534, SR, 8 * SR, 8 * SR + 533, 8 * SR + 534, 123_457]) {
      for (const fps of [30, 60, 24, 29.97]) {
        const f = audioFeatures(new Float32Array(n), fps, { melBins: 40 });
        expect(f.frames, `${n} samples at ${fps} fps`).toBe(Math.floor((n / SR) * fps + 1e-9));
        expect(f.logMel.length).toBe(f.frames * 40);
        expect(f.energy.length).toBe(f.frames);
        expect(f.onset.length).toBe(f.frames);
      }
    }
    expect(audioFeatures(new Float32Array(8 * SR)).frames).toBe(240);
  });

  it('centres frame f at f / fps: an impulse there is loudest in frame f', () => {
    // Frame 100 at 30 fps is centred on sample round(100 · 533.33) = 53333.
    const x = new Float32Array(5 * SR);
    x[53333] = 1;
    const f = audioFeatures(x);
    // Frames 99 and 101 end 22 samples before / start 22 after it (1024-sample windows).
    expect(Array.from(f.energy).filter((e) => e > f.energy[0]!)).toEqual([f.energy[100]]);
    expect(argmax(f.onset)).toBe(100);
  });

  it('works end to end from a 44.1 kHz WAV (read, resample, features)', () => {
    const wav = readWav(writeWav(sine(1000, 3, 44100, 0.5), 44100), 'take1.wav');
    const f = audioFeatures(resample(wav.samples, wav.sampleRate));
    expect(f.frames).toBe(Math.floor(wav.duration * 30));
  });

  it('rejects options that cannot work', () => {
    const x = new Float32Array(SR);
    expect(() => audioFeatures(x, 0)).toThrow(RangeError);
    expect(() => audioFeatures(x, 30, { fftSize: 1000 })).toThrow(/power of two/);
    expect(() => audioFeatures(x, 30, { fMax: 9000 })).toThrow(RangeError);
    expect(() => audioFeatures(x, 30, { melBins: 256, fftSize: 256 })).toThrow(/falls between FFT bins/);
  });

});
