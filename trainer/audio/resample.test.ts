import { describe, expect, it } from 'vitest';
import { resample } from './resample.js';
import { rms, sine, toneAmplitude } from './test-signals.js';

const EDGE = 400; // output samples at each end where the filter runs into the clip boundary

describe('resample', () => {
  it('keeps a 1 kHz tone at 1 kHz and its amplitude within 1% (44.1 kHz → 16 kHz)', () => {
    const y = resample(sine(1000, 1, 44100, 0.8), 44100, 16000);
    expect(y.length).toBe(16000);
    const expected = sine(1000, 1, 16000, 0.8);
    expect(toneAmplitude(y, 1000, 16000, EDGE)).toBeGreaterThan(0.8 * 0.99);
    expect(toneAmplitude(y, 1000, 16000, EDGE)).toBeLessThan(0.8 * 1.01);
    // Same frequency and phase: the residual against an ideal 16 kHz sine is tiny.
    let worst = 0;
    for (let i = EDGE; i < y.length - EDGE; i++) worst = Math.max(worst, Math.abs((y[i] as number) - (expected[i] as number)));
    expect(worst).toBeLessThan(0.8 * 0.01);
  });

  it('attenuates a 10 kHz tone by more than 30 dB instead of folding it to 6 kHz', () => {
    const y = resample(sine(10000, 1, 44100, 1), 44100, 16000);
    const db = 20 * Math.log10(rms(y, EDGE) / Math.SQRT1_2);
    expect(db).toBeLessThan(-30);
    expect(toneAmplitude(y, 6000, 16000, EDGE)).toBeLessThan(10 ** (-30 / 20));
  });

  it.each([
    [44100, 16000],
    [48000, 16000],
    [22050, 16000],
    [8000, 16000],
    [16000, 44100],
    [44100, 16001],
  ])('%i Hz → %i Hz: length round(n·to/from), a 440 Hz tone kept within 1%%', (from, to) => {
    for (const n of [from, from + 1, from + 7]) {
      const x = sine(440, n / from, from, 0.5).subarray(0, n);
      const y = resample(x, from, to);
      expect(y.length).toBe(Math.round((n * to) / from));
      const amplitude = toneAmplitude(y, 440, to, Math.round(to / 20));
      expect(Math.abs(amplitude - 0.5) / 0.5).toBeLessThan(0.01);
    }
  });

  it('keeps a constant constant (unity gain at DC for every phase)', () => {
    const y = resample(new Float32Array(4410).fill(0.25), 44100, 16000);
    for (let i = 100; i < y.length - 100; i++) expect(y[i]).toBeCloseTo(0.25, 6);
  });

  it('returns a copy for equal rates, and rejects rates that are not positive integers', () => {
    const x = Float32Array.from([1, 2, 3]);
    const y = resample(x, 16000, 16000);
    expect(Array.from(y)).toEqual([1, 2, 3]);
    expect(y).not.toBe(x);
    expect(() => resample(x, 0)).toThrow(RangeError);
    expect(() => resample(x, 44100, 16000.5)).toThrow(RangeError);
    expect(resample(new Float32Array(0), 44100).length).toBe(0);
  });

});
