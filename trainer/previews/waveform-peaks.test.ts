import { describe, expect, it } from 'vitest';
import { waveformPeaks } from './waveform-peaks.js';

describe('waveform peaks', () => {
  it('gives the loudest |sample| of each equal slice, so a short click stays visible', () => {
    const samples = new Float32Array(1000);
    samples[10] = -0.8; // a click in the first slice
    for (let i = 500; i < 1000; i++) samples[i] = 0.25 * Math.sin(i);
    const peaks = waveformPeaks(samples, 10);
    expect(peaks).toHaveLength(10);
    expect(peaks[0]).toBe(0.8);
    expect(peaks.slice(1, 5)).toEqual([0, 0, 0, 0]);
    for (const p of peaks.slice(5)) expect(p).toBeGreaterThan(0.2);
  });

  it('clips to 1 and never asks for more slices than there are samples', () => {
    expect(waveformPeaks(new Float32Array([2, -3, 0.5]), 800)).toEqual([1, 1, 0.5]);
    expect(waveformPeaks(new Float32Array(0))).toEqual([]);
  });
});
