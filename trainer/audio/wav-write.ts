/**
 * Mono WAV writer: previews of the audio a generated motion was conditioned on, and
 * fixtures for tests. The output is the plainest WAV every player opens.
 */

export type WavWriteFormat = 'pcm16' | 'float32';

/**
 * Encodes mono samples. Values outside [-1, 1] are clipped, because wrapping around
 * in 16-bit integers would turn a slight overshoot into a full-scale click; NaN is
 * written as silence for the same reason.
 * PCM uses the same scale as the reader (x · 32768, rounded, top value 32767), so a
 * round trip is exact to within half a quantisation step.
 */
export function writeWav(samples: Float32Array, sampleRate: number, format: WavWriteFormat = 'pcm16'): Uint8Array {
  if (!(Number.isInteger(sampleRate) && sampleRate > 0 && sampleRate <= 0xffffffff)) {
    throw new RangeError(`writeWav: sample rate must be a positive integer, got ${sampleRate}`);
  }
  const float = format === 'float32';
  const bytesPerSample = float ? 4 : 2;
  const dataSize = samples.length * bytesPerSample;
  // Float files carry cbSize (fmt of 18 bytes) and a fact chunk, as the spec asks of
  // every non-PCM format; strict readers (some broadcast tools) refuse them otherwise.
  const fmtSize = float ? 18 : 16;
  const factSize = float ? 12 : 0;
  const headerSize = 12 + 8 + fmtSize + factSize + 8;
  const padded = dataSize + (dataSize & 1);
  if (headerSize - 8 + padded > 0xffffffff) throw new RangeError('writeWav: more than 4 GB of audio does not fit a WAV file');

  const bytes = new Uint8Array(headerSize + padded);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string): void => {
    for (let i = 0; i < 4; i++) bytes[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, headerSize - 8 + padded, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, float ? 3 : 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * bytesPerSample, true);
  view.setUint16(32, bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  let at = 36;
  if (float) {
    view.setUint16(at, 0, true); // cbSize: no extension bytes
    at += 2;
    text(at, 'fact');
    view.setUint32(at + 4, 4, true);
    view.setUint32(at + 8, samples.length, true); // sample frames per channel
    at += 12;
  }
  text(at, 'data');
  view.setUint32(at + 4, dataSize, true);
  at += 8;

  for (let i = 0; i < samples.length; i++, at += bytesPerSample) {
    const s = samples[i] as number;
    const clipped = s > 1 ? 1 : s < -1 ? -1 : s === s ? s : 0;
    if (float) view.setFloat32(at, clipped, true);
    else view.setInt16(at, Math.min(32767, Math.round(clipped * 32768)), true);
  }
  return bytes;
}
