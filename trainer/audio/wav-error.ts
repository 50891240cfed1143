/**
 * The one error a WAV file can raise. Users drop audio exported from DAWs, phones and
 * screen recorders into a dataset folder; when one of fifty files is unusable, the
 * message has to say which file and what to do about it, not "invalid WAV".
 */

/** A file we cannot use. `message` already names the file; `problem` is the bare reason. */
export class WavError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`'${file}': ${problem}`);
    this.name = 'WavError';
  }
}

/**
 * Names of the wFormatTag codes people actually meet, so the error says "MPEG Layer 3"
 * rather than a bare hex code the user cannot act on.
 */
const FORMAT_NAMES: Record<number, string> = {
  0x0001: 'PCM',
  0x0002: 'Microsoft ADPCM',
  0x0003: 'IEEE float',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MPEG Layer 3',
  0x00ff: 'AAC',
  0x0161: 'Windows Media Audio',
  0x1610: 'MPEG-4 AAC',
  0x2000: 'Dolby AC-3',
  0x2001: 'DTS',
  0x674f: 'Ogg Vorbis',
  0xf1ac: 'FLAC',
  0xfffe: 'WAVE_FORMAT_EXTENSIBLE',
};

/** "format 0x0055 (MPEG Layer 3)", or just the hex code for tags we do not know. */
export function describeFormat(tag: number): string {
  const name = FORMAT_NAMES[tag];
  return `format 0x${tag.toString(16).padStart(4, '0')}${name === undefined ? '' : ` (${name})`}`;
}

/** 1280000 → "1,280,000": byte counts in messages are read by people, not parsers. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}
