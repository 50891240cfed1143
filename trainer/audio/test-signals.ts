/**
 * Test helpers: signals with known answers, and WAV files assembled chunk by chunk so
 * the reader can be tested on layouts our own writer never produces (24-bit, stereo,
 * EXTENSIBLE, LIST chunks, odd sizes, lies in the header).
 */

export function sine(hz: number, seconds: number, rate: number, amplitude = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

/** Unit impulses at the given times (seconds) in otherwise digital silence. */
export function clicks(times: number[], seconds: number, rate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (const t of times) out[Math.round(t * rate)] = 1;
  return out;
}

/** Amplitude of `hz` in `x` by correlation with sin and cos (robust to phase), skipping
 *  `edge` samples at each end where filters ramp in and out. */
export function toneAmplitude(x: Float32Array, hz: number, rate: number, edge = 0): number {
  let s = 0;
  let c = 0;
  for (let i = edge; i < x.length - edge; i++) {
    const a = (2 * Math.PI * hz * i) / rate;
    s += (x[i] as number) * Math.sin(a);
    c += (x[i] as number) * Math.cos(a);
  }
  return (2 * Math.hypot(s, c)) / (x.length - 2 * edge);
}

export function rms(x: Float32Array, edge = 0): number {
  let sum = 0;
  for (let i = edge; i < x.length - edge; i++) sum += (x[i] as number) ** 2;
  return Math.sqrt(sum / (x.length - 2 * edge));
}

const encoder = new TextEncoder();

/** A chunk: id, size (or a lie about it), body, and the pad byte odd sizes need. */
export function chunk(id: string, body: Uint8Array, claimedSize = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  out.set(encoder.encode(id), 0);
  new DataView(out.buffer).setUint32(4, claimedSize, true);
  out.set(body, 8);
  return out;
}

export function riffWave(...chunks: Uint8Array[]): Uint8Array {
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(12 + size);
  out.set(encoder.encode('RIFF'), 0);
  new DataView(out.buffer).setUint32(4, 4 + size, true);
  out.set(encoder.encode('WAVE'), 8);
  let at = 12;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export interface FmtFields {
  tag: number;
  channels: number;
  rate: number;
  bits: number;
  blockAlign?: number;
  /** Makes a 40-byte WAVE_FORMAT_EXTENSIBLE fmt wrapping `subTag` (tag should be 0xFFFE). */
  extensible?: { subTag: number; validBits?: number; guidTail?: number[] };
}

const KS_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

export function fmtChunk(f: FmtFields): Uint8Array {
  const body = new Uint8Array(f.extensible ? 40 : 16);
  const v = new DataView(body.buffer);
  const blockAlign = f.blockAlign ?? (f.channels * f.bits) / 8;
  v.setUint16(0, f.tag, true);
  v.setUint16(2, f.channels, true);
  v.setUint32(4, f.rate, true);
  v.setUint32(8, f.rate * blockAlign, true);
  v.setUint16(12, blockAlign, true);
  v.setUint16(14, f.bits, true);
  if (f.extensible) {
    v.setUint16(16, 22, true);
    v.setUint16(18, f.extensible.validBits ?? f.bits, true);
    v.setUint32(20, f.channels === 2 ? 0x3 : 0x4, true);
    v.setUint16(24, f.extensible.subTag, true);
    body.set(f.extensible.guidTail ?? KS_GUID_TAIL, 26);
  }
  return chunk('fmt ', body);
}

/** Little-endian integer samples of `bits` (8-bit is unsigned, as in WAV). */
export function intSamples(bits: 8 | 16 | 24 | 32, values: number[]): Uint8Array {
  const bytes = bits / 8;
  const out = new Uint8Array(values.length * bytes);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => {
    const at = i * bytes;
    if (bits === 8) v.setUint8(at, x + 128);
    else if (bits === 16) v.setInt16(at, x, true);
    else if (bits === 32) v.setInt32(at, x, true);
    else {
      const u = x & 0xffffff;
      v.setUint8(at, u & 0xff);
      v.setUint8(at + 1, (u >> 8) & 0xff);
      v.setUint8(at + 2, (u >> 16) & 0xff);
    }
  });
  return out;
}

export function floatSamples(bits: 32 | 64, values: number[]): Uint8Array {
  const out = new Uint8Array((values.length * bits) / 8);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => (bits === 32 ? v.setFloat32(i * 4, x, true) : v.setFloat64(i * 8, x, true)));
  return out;
}
