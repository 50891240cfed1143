import { describe, expect, it } from 'vitest';
import { readWav, WavError } from './wav-read.js';
import { chunk, floatSamples, fmtChunk, intSamples, riffWave } from './test-signals.js';

function errorFor(bytes: Uint8Array, file = 'clip03.wav', channel?: number): WavError {
  try {
    readWav(bytes, file, channel === undefined ? {} : { channel });
  } catch (error) {
    expect(error).toBeInstanceOf(WavError);
    return error as WavError;
  }
  throw new Error('expected readWav to reject the file');
}

const pcm16 = (values: number[], channels = 1, rate = 16000): Uint8Array =>
  riffWave(fmtChunk({ tag: 1, channels, rate, bits: 16 }), chunk('data', intSamples(16, values)));

describe('readWav decodes every sample format users export', () => {
  it('reads 24-bit stereo, mixing to mono by default and picking a channel on request', () => {
    // Frames (L, R): full-scale negative with silence, then half scale on both, then opposite signs.
    const values = [-8388608, 0, 4194304, 4194304, 8388607, -8388607];
    const bytes = riffWave(fmtChunk({ tag: 1, channels: 2, rate: 44100, bits: 24 }), chunk('data', intSamples(24, values)));
    const mixed = readWav(bytes, 'stereo.wav');
    expect(mixed.channels).toBe(2);
    expect(mixed.sampleRate).toBe(44100);
    expect(mixed.duration).toBeCloseTo(3 / 44100, 12);
    expect(Array.from(mixed.samples)).toEqual([-0.5, 0.5, 0]);
    expect(Array.from(readWav(bytes, 'stereo.wav', { channel: 0 }).samples)).toEqual([-1, 0.5, Math.fround(8388607 / 8388608)]);
    expect(Array.from(readWav(bytes, 'stereo.wav', { channel: 1 }).samples)).toEqual([0, 0.5, Math.fround(-8388607 / 8388608)]);
  });

  it('reads 8-bit as unsigned (128 is silence)', () => {
    const bytes = riffWave(fmtChunk({ tag: 1, channels: 1, rate: 8000, bits: 8 }), chunk('data', intSamples(8, [0, -128, 64, 127])));
    expect(Array.from(readWav(bytes, 'a.wav').samples)).toEqual([0, -1, 0.5, 127 / 128]);
  });

  it('reads 16- and 32-bit integers scaled by 2^(bits-1)', () => {
    expect(Array.from(readWav(pcm16([0, -32768, 16384, 32767]), 'a.wav').samples)).toEqual([0, -1, 0.5, Math.fround(32767 / 32768)]);
    const b32 = riffWave(fmtChunk({ tag: 1, channels: 1, rate: 48000, bits: 32 }), chunk('data', intSamples(32, [-2147483648, 1073741824])));
    expect(Array.from(readWav(b32, 'a.wav').samples)).toEqual([-1, 0.5]);
  });

  it('reads 32- and 64-bit float as stored, overshoot included', () => {
    for (const bits of [32, 64] as const) {
      const bytes = riffWave(fmtChunk({ tag: 3, channels: 1, rate: 22050, bits }), chunk('data', floatSamples(bits, [0.25, -1.5, 0])));
      expect(Array.from(readWav(bytes, 'f.wav').samples)).toEqual([0.25, -1.5, 0]);
    }
  });

  it('reads WAVE_FORMAT_EXTENSIBLE wrapping PCM (20 valid bits in 24) and float', () => {
    const pcm = riffWave(
      fmtChunk({ tag: 0xfffe, channels: 2, rate: 48000, bits: 24, extensible: { subTag: 1, validBits: 20 } }),
      chunk('data', intSamples(24, [4194304, -4194304])),
    );
    expect(Array.from(readWav(pcm, 'x.wav', { channel: 1 }).samples)).toEqual([-0.5]);
    const float = riffWave(fmtChunk({ tag: 0xfffe, channels: 1, rate: 48000, bits: 32, extensible: { subTag: 3 } }), chunk('data', floatSamples(32, [0.75])));
    expect(Array.from(readWav(float, 'x.wav').samples)).toEqual([0.75]);
  });

  it('walks past LIST/JUNK chunks anywhere, including odd-sized ones with a pad byte', () => {
    const list = chunk('LIST', new TextEncoder().encode('INFOISFT\x05\x00\x00\x00Lavf\x00')); // 17 bytes: padded
    expect(list.length).toBe(8 + 18);
    const bytes = riffWave(chunk('JUNK', new Uint8Array(3)), fmtChunk({ tag: 1, channels: 1, rate: 8000, bits: 8 }), list, chunk('data', intSamples(8, [64, 0, -64])), list);
    expect(Array.from(readWav(bytes, 'tagged.wav').samples)).toEqual([0.5, 0, -0.5]);
  });

  it('drops a trailing partial frame (under one sample long, so nothing misaligns)', () => {
    const data = new Uint8Array([...intSamples(16, [16384, -16384]), 0x7f]); // half a sample extra
    const bytes = riffWave(fmtChunk({ tag: 1, channels: 1, rate: 8000, bits: 16 }), chunk('data', data));
    expect(Array.from(readWav(bytes, 'odd.wav').samples)).toEqual([0.5, -0.5]);
  });

  it('reads to the end when the data size is the 0xFFFFFFFF placeholder of a streamed file', () => {
    const bytes = riffWave(fmtChunk({ tag: 1, channels: 1, rate: 8000, bits: 16 }), chunk('data', intSamples(16, [16384, 8192]), 0xffffffff));
    expect(Array.from(readWav(bytes, 'piped.wav').samples)).toEqual([0.5, 0.25]);
  });

  it('reads an empty data chunk as zero-length audio', () => {
    const wav = readWav(pcm16([]), 'empty.wav');
    expect(wav.samples.length).toBe(0);
    expect(wav.duration).toBe(0);
  });
});

describe('readWav names the file and the problem for unusable input', () => {
  it('rejects files that are not RIFF/WAVE', () => {
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(errorFor(mp3, 'song.mp3').message).toBe(`'song.mp3': is not a RIFF/WAVE file (it does not start with "RIFF....WAVE"); export it as PCM or float WAV`);
    expect(errorFor(new Uint8Array(0)).problem).toBe('the file is empty');
    const avi = pcm16([1]);
    avi.set(new TextEncoder().encode('AVI '), 8);
    expect(errorFor(avi).problem).toMatch(/not a RIFF\/WAVE file/);
    const rf64 = pcm16([1]);
    rf64.set(new TextEncoder().encode('RF64'), 0);
    expect(errorFor(rf64).problem).toMatch(/RF64 .*not supported/);
  });

  it('rejects a missing fmt or data chunk', () => {
    expect(errorFor(riffWave(chunk('data', intSamples(16, [1])))).problem).toBe('has no fmt chunk, so its sample format is unknown');
    expect(errorFor(riffWave(fmtChunk({ tag: 1, channels: 1, rate: 8000, bits: 16 }))).problem).toBe('has no data chunk (no audio)');
  });

  it('rejects compressed formats by name, saying what to do', () => {
    const mp3 = riffWave(fmtChunk({ tag: 0x55, channels: 1, rate: 44100, bits: 16 }), chunk('data', new Uint8Array(4)));
    expect(errorFor(mp3, 'talk.wav').message).toBe(`'talk.wav': format 0x0055 (MPEG Layer 3) is not supported; export it as PCM or float WAV`);
    const adpcm = riffWave(fmtChunk({ tag: 0xfffe, channels: 1, rate: 8000, bits: 16, extensible: { subTag: 0x11 } }), chunk('data', new Uint8Array(4)));
    expect(errorFor(adpcm).problem).toBe('format 0x0011 (IMA ADPCM) inside WAVE_FORMAT_EXTENSIBLE is not supported; export it as PCM or float WAV');
    const ambisonic = riffWave(
      fmtChunk({ tag: 0xfffe, channels: 1, rate: 8000, bits: 16, extensible: { subTag: 1, guidTail: [0x00, 0x00, 0x21, 0x07, 0xd3, 0x11, 0x86, 0x44, 0xc8, 0xc1, 0xca, 0x00, 0x00, 0x00] } }),
      chunk('data', new Uint8Array(4)),
    );
    expect(errorFor(ambisonic).problem).toMatch(/^WAVE_FORMAT_EXTENSIBLE with sub-format GUID \{00000001-0721-11d3-8644-c8c1ca000000\} is not supported/);
  });

  it('rejects unsupported bit depths', () => {
    const twelve = riffWave(fmtChunk({ tag: 1, channels: 1, rate: 8000, bits: 12, blockAlign: 2 }), chunk('data', new Uint8Array(4)));
    expect(errorFor(twelve).problem).toBe('12-bit integer PCM is not supported (8/16/24/32-bit are); export it as 16-bit PCM or 32-bit float WAV');
    const half = riffWave(fmtChunk({ tag: 3, channels: 1, rate: 8000, bits: 16 }), chunk('data', new Uint8Array(4)));
    expect(errorFor(half).problem).toMatch(/^16-bit float is not supported/);
  });

  it('rejects a truncated data chunk instead of silently shortening the clip', () => {
    const bytes = riffWave(fmtChunk({ tag: 1, channels: 2, rate: 44100, bits: 16 }), chunk('data', new Uint8Array(640_000), 1_280_000));
    expect(errorFor(bytes, 'clip03.wav').message).toBe(`'clip03.wav': data chunk claims 1,280,000 bytes but only 640,000 follow (truncated file)`);
  });

  it('rejects zero channels, a zero sample rate and a block-align mismatch', () => {
    const data = chunk('data', new Uint8Array(8));
    expect(errorFor(riffWave(fmtChunk({ tag: 1, channels: 0, rate: 8000, bits: 16, blockAlign: 2 }), data)).problem).toBe('the fmt chunk says 0 channels');
    expect(errorFor(riffWave(fmtChunk({ tag: 1, channels: 1, rate: 0, bits: 16 }), data)).problem).toBe('the fmt chunk says a sample rate of 0 Hz');
    expect(errorFor(riffWave(fmtChunk({ tag: 1, channels: 2, rate: 8000, bits: 16, blockAlign: 2 }), data)).problem).toBe(
      'block align mismatch: the fmt chunk says 2 bytes per frame, but 2 channel(s) of 16-bit samples take 4',
    );
  });

  it('rejects a short fmt chunk, a missing channel and NaN float data', () => {
    expect(errorFor(riffWave(chunk('fmt ', new Uint8Array(14)), chunk('data', new Uint8Array(2)))).problem).toMatch(/fmt chunk is 14 bytes/);
    expect(errorFor(pcm16([1, 2], 2), 'stereo.wav', 2).message).toBe(`'stereo.wav': channel 2 was requested but the file has 2 channel(s), numbered from 0`);
    const nan = riffWave(fmtChunk({ tag: 3, channels: 1, rate: 8000, bits: 32 }), chunk('data', floatSamples(32, [0, 0, NaN])));
    expect(errorFor(nan).problem).toBe('sample 2 (at 0.000 s) is NaN or Infinity; the float data is corrupt');
  });
});

describe('readWav bounds what a file can make it do', () => {
  const data = chunk('data', new Uint8Array(8));

  it('refuses channel counts and sample rates no recording has, with the number it found', () => {
    expect(errorFor(riffWave(fmtChunk({ tag: 1, channels: 65535, rate: 8000, bits: 8, blockAlign: 65535 }), data)).problem).toBe('the fmt chunk says 65,535 channels; at most 64 are read');
    expect(errorFor(riffWave(fmtChunk({ tag: 1, channels: 1, rate: 1, bits: 16 }), data)).problem).toBe(
      'the fmt chunk says a sample rate of 1 Hz; recordings are 1,000 to 768,000 Hz (export it at 16, 44.1 or 48 kHz)',
    );
    expect(errorFor(riffWave(fmtChunk({ tag: 1, channels: 1, rate: 4_000_000_000, bits: 16 }), data)).problem).toMatch(/sample rate of 4,000,000,000 Hz/);
  });

  it('refuses a recording longer than an hour before decoding it', () => {
    // 8 MB of 8-bit mono at 1 kHz: over two hours.
    const long = riffWave(fmtChunk({ tag: 1, channels: 1, rate: 1000, bits: 8 }), chunk('data', new Uint8Array(8_000_000)));
    expect(errorFor(long).problem).toBe('is 133.3 minutes long; a recording may be at most 60 minutes (split it into shorter takes)');
  });
});
