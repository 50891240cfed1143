import { describe, expect, it } from 'vitest';
import { readWav } from './wav-read.js';
import { writeWav } from './wav-write.js';
import { sine } from './test-signals.js';

describe('writeWav round-trips through readWav', () => {
  it('pcm16 keeps every sample within half a quantisation step', () => {
    const x = sine(440, 0.1, 44100, 0.9);
    const back = readWav(writeWav(x, 44100), 'tone.wav');
    expect(back.sampleRate).toBe(44100);
    expect(back.channels).toBe(1);
    expect(back.samples.length).toBe(x.length);
    expect(back.duration).toBeCloseTo(0.1, 6);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs((back.samples[i] as number) - (x[i] as number)));
    expect(worst).toBeLessThanOrEqual(0.5 / 32768 + 1e-9);
  });

  it('float32 is exact, and a 44-byte PCM header / float header with fact chunk are what players expect', () => {
    const x = Float32Array.from([0.1, -0.2, 0.3333, 1, -1]);
    const f = writeWav(x, 16000, 'float32');
    expect(Array.from(readWav(f, 'f.wav').samples)).toEqual(Array.from(x));
    expect(new TextDecoder().decode(f.subarray(38, 42))).toBe('fact');
    expect(writeWav(x, 16000).length).toBe(44 + 2 * x.length);
  });

  it('clips out-of-range samples instead of wrapping, rounds, and writes NaN as silence', () => {
    const x = Float32Array.from([1.5, -3, 1, -1, NaN, 0.5 / 32768 + 1e-7]);
    const back = readWav(writeWav(x, 8000), 'c.wav').samples;
    expect(Array.from(back)).toEqual([32767 / 32768, -1, 32767 / 32768, -1, 0, 1 / 32768].map(Math.fround));
    expect(Array.from(readWav(writeWav(x, 8000, 'float32'), 'c.wav').samples.subarray(0, 5))).toEqual([1, -1, 1, -1, 0]);
  });

  it('writes a RIFF size that covers the whole file', () => {
    const bytes = writeWav(new Float32Array(3), 8000, 'pcm16');
    expect(bytes.length).toBe(44 + 6);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(bytes.length - 8);
  });

  it('rejects a sample rate that is not a positive integer', () => {
    expect(() => writeWav(new Float32Array(1), 0)).toThrow(RangeError);
    expect(() => writeWav(new Float32Array(1), 44100.5)).toThrow(RangeError);
  });
});
