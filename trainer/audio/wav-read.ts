/**
 * WAV reader for the audio half of an audio-to-motion dataset. Users export speech and
 * music from DAWs, phones, Audacity and ffmpeg, so this walks the RIFF chunk list (LIST,
 * bext, cue, JUNK... are skipped), accepts integer PCM (8/16/24/32-bit), IEEE float
 * (32/64-bit) and WAVE_FORMAT_EXTENSIBLE wrappers of both, any channel count and any
 * sample rate, and rejects everything else with a WavError that says what to do.
 *
 * Decisions (kept here so a reader of an error knows they were deliberate):
 * - A data chunk that claims more bytes than the file holds is an ERROR, not silently
 *   shortened: audio that stops early would still be paired with the full-length motion
 *   clip, and the model would learn gestures for silence that was never silence.
 *   The one exception is a size of 0xFFFFFFFF, the placeholder that streaming writers
 *   (ffmpeg to a pipe) leave because they cannot seek back; then the data runs to the end.
 * - A trailing partial frame (less than one sample per channel) is dropped: it is under
 *   one sample long, so it cannot misalign anything, and some writers produce it.
 * - The RIFF size field is not trusted (writers get it wrong); the bytes present decide.
 * - Floats are passed through unclipped (the source may overshoot ±1 by design), but a
 *   NaN or Infinity is an error: one would poison every FFT frame it touches.
 */
import { describeFormat, grouped, WavError } from './wav-error.js';
import { WAV_MAX_CHANNELS, WAV_MAX_SAMPLE_RATE, WAV_MAX_SECONDS, WAV_MIN_SAMPLE_RATE } from './wav-limits.js';

export { WavError } from './wav-error.js';

export interface WavAudio {
  sampleRate: number;
  /** Channels in the file; `samples` is always one channel (mixed or picked). */
  channels: number;
  /** Mono, nominally -1..1 (integer PCM is scaled by 2^(bits-1); floats as stored). */
  samples: Float32Array;
  /** Seconds: sample count / sample rate. */
  duration: number;
}

export interface ReadWavOptions {
  /** 'mix' (default) averages all channels; a number picks one channel (0-based). */
  channel?: 'mix' | number;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID; bytes 0..1 carry the format tag. */
const SUBTYPE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
/** The data size streaming writers leave when they cannot seek back to fill it in. */
const UNKNOWN_SIZE = 0xffffffff;

interface Chunk {
  /** Offset of the chunk body (after the 8-byte id + size header). */
  offset: number;
  size: number;
}

interface Format {
  float: boolean;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bytesPerSample: number;
}

export function readWav(bytes: Uint8Array, file: string, options: ReadWavOptions = {}): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkRiffWave(bytes, file);
  const { fmt, data } = findChunks(bytes, view, file);
  const format = parseFormat(view, fmt, file);
  const channel = options.channel ?? 'mix';
  if (channel !== 'mix' && !(Number.isInteger(channel) && channel >= 0 && channel < format.channels)) {
    throw new WavError(file, `channel ${channel} was requested but the file has ${format.channels} channel(s), numbered from 0`);
  }

  let dataSize = data.size;
  const available = bytes.length - data.offset;
  if (dataSize === UNKNOWN_SIZE) dataSize = available;
  else if (dataSize > available) {
    throw new WavError(file, `data chunk claims ${grouped(dataSize)} bytes but only ${grouped(available)} follow (truncated file)`);
  }
  const frames = Math.floor(dataSize / format.blockAlign);
  if (frames / format.sampleRate > WAV_MAX_SECONDS) {
    const minutes = (frames / format.sampleRate / 60).toLocaleString('en-US', { maximumFractionDigits: 1 });
    throw new WavError(file, `is ${minutes} minutes long; a recording may be at most ${WAV_MAX_SECONDS / 60} minutes (split it into shorter takes)`);
  }
  const samples = decode(view, data.offset, frames, format, channel);
  for (let i = 0; i < frames; i++) {
    if (!Number.isFinite(samples[i] as number)) {
      const at = (i / format.sampleRate).toFixed(3);
      throw new WavError(file, `sample ${grouped(i)} (at ${at} s) is NaN or Infinity; the float data is corrupt`);
    }
  }
  return { sampleRate: format.sampleRate, channels: format.channels, samples, duration: frames / format.sampleRate };
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

function checkRiffWave(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new WavError(file, 'the file is empty');
  const riff = bytes.length >= 4 ? ascii(bytes, 0) : '';
  const wave = bytes.length >= 12 ? ascii(bytes, 8) : '';
  if (riff === 'RF64' || riff === 'BW64') {
    throw new WavError(file, `is an ${riff} (over-4 GB) WAV, which is not supported; export it as a plain WAV`);
  }
  if (riff === 'RIFX') throw new WavError(file, 'is a big-endian (RIFX) WAV, which is not supported; export it as a plain WAV');
  if (riff !== 'RIFF' || wave !== 'WAVE') {
    throw new WavError(file, 'is not a RIFF/WAVE file (it does not start with "RIFF....WAVE"); export it as PCM or float WAV');
  }
}

/** Walks the chunk list after "RIFF....WAVE" and returns the first fmt and data chunks. */
function findChunks(bytes: Uint8Array, view: DataView, file: string): { fmt: Chunk; data: Chunk } {
  let fmt: Chunk | undefined;
  let data: Chunk | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at);
    const chunk = { offset: at + 8, size: view.getUint32(at + 4, true) };
    if (id === 'fmt ' && fmt === undefined) fmt = chunk;
    if (id === 'data' && data === undefined) data = chunk;
    // Chunks are padded to even sizes; the pad byte is not counted in the size field.
    at = chunk.offset + chunk.size + (chunk.size & 1);
  }
  if (fmt === undefined) throw new WavError(file, 'has no fmt chunk, so its sample format is unknown');
  if (data === undefined) throw new WavError(file, 'has no data chunk (no audio)');
  if (fmt.offset + fmt.size > bytes.length) throw new WavError(file, 'the fmt chunk is cut off (truncated file)');
  return { fmt, data };
}

function parseFormat(view: DataView, fmt: Chunk, file: string): Format {
  if (fmt.size < 16) throw new WavError(file, `the fmt chunk is ${fmt.size} bytes; a valid one has at least 16`);
  const at = fmt.offset;
  let tag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bits = view.getUint16(at + 14, true);

  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    // 16 base bytes + cbSize + validBits + channelMask + 16-byte sub-format GUID = 40.
    if (fmt.size < 40) throw new WavError(file, `the fmt chunk says WAVE_FORMAT_EXTENSIBLE but is only ${fmt.size} bytes (needs 40)`);
    tag = view.getUint16(at + 24, true);
    const tail = SUBTYPE_GUID_TAIL.every((b, i) => view.getUint8(at + 26 + i) === b);
    if (!tail) throw new WavError(file, `WAVE_FORMAT_EXTENSIBLE with sub-format GUID ${guid(view, at + 24)} is not supported; export it as PCM or float WAV`);
    if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) {
      throw new WavError(file, `${describeFormat(tag)} inside WAVE_FORMAT_EXTENSIBLE is not supported; export it as PCM or float WAV`);
    }
  } else if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) {
    throw new WavError(file, `${describeFormat(tag)} is not supported; export it as PCM or float WAV`);
  }

  const float = tag === WAVE_FORMAT_IEEE_FLOAT;
  if (channels === 0) throw new WavError(file, 'the fmt chunk says 0 channels');
  if (channels > WAV_MAX_CHANNELS) throw new WavError(file, `the fmt chunk says ${grouped(channels)} channels; at most ${WAV_MAX_CHANNELS} are read`);
  if (sampleRate === 0) throw new WavError(file, 'the fmt chunk says a sample rate of 0 Hz');
  if (sampleRate < WAV_MIN_SAMPLE_RATE || sampleRate > WAV_MAX_SAMPLE_RATE) {
    throw new WavError(file, `the fmt chunk says a sample rate of ${grouped(sampleRate)} Hz; recordings are ${grouped(WAV_MIN_SAMPLE_RATE)} to ${grouped(WAV_MAX_SAMPLE_RATE)} Hz (export it at 16, 44.1 or 48 kHz)`);
  }
  const supported = float ? [32, 64] : [8, 16, 24, 32];
  if (!supported.includes(bits)) {
    const kind = float ? 'float' : 'integer PCM';
    throw new WavError(file, `${bits}-bit ${kind} is not supported (${supported.join('/')}-bit are); export it as 16-bit PCM or 32-bit float WAV`);
  }
  // For EXTENSIBLE, bits is the container size; wValidBitsPerSample (e.g. 20 in 24) only
  // says how many high bits carry signal, and the low ones are zero, so scaling by the
  // container is still right.
  const bytesPerSample = bits / 8;
  if (blockAlign !== channels * bytesPerSample) {
    throw new WavError(
      file,
      `block align mismatch: the fmt chunk says ${blockAlign} bytes per frame, but ${channels} channel(s) of ${bits}-bit samples take ${channels * bytesPerSample}`,
    );
  }
  return { float, channels, sampleRate, blockAlign, bytesPerSample };
}

function guid(view: DataView, at: number): string {
  const hex = (offset: number, n: number, little: boolean): string => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(view.getUint8(at + offset + (little ? n - 1 - i : i)).toString(16).padStart(2, '0'));
    return parts.join('');
  };
  return `{${hex(0, 4, true)}-${hex(4, 2, true)}-${hex(6, 2, true)}-${hex(8, 2, false)}-${hex(10, 6, false)}}`;
}

/** One sample as a number: integers scaled by 2^(bits-1), so full scale is -1..1. */
function sampleReader(view: DataView, format: Format): (at: number) => number {
  if (format.float) return format.bytesPerSample === 4 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
  switch (format.bytesPerSample) {
    // 8-bit WAV is the one unsigned depth: silence is 128.
    case 1:
      return (at) => (view.getUint8(at) - 128) / 128;
    case 2:
      return (at) => view.getInt16(at, true) / 32768;
    case 3:
      return (at) => ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608);
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

function decode(view: DataView, offset: number, frames: number, format: Format, channel: 'mix' | number): Float32Array {
  const read = sampleReader(view, format);
  const out = new Float32Array(frames);
  const { channels, blockAlign, bytesPerSample } = format;
  if (channel !== 'mix') {
    for (let f = 0, at = offset + channel * bytesPerSample; f < frames; f++, at += blockAlign) out[f] = read(at);
    return out;
  }
  for (let f = 0, at = offset; f < frames; f++, at += blockAlign) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(at + c * bytesPerSample);
    out[f] = sum / channels;
  }
  return out;
}
