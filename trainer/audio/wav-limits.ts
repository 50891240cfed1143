/**
 * How large a WAV file the trainer reads. Speech and music recordings sit far inside these; a
 * file beyond them is refused with a sentence before it can exhaust memory (a "sample rate" of
 * 1 Hz stretches a small file into days of features; /dev/zero never ends).
 */

/** A file larger than this is refused before it is read: 46 minutes of 48 kHz 16-bit stereo. */
export const WAV_MAX_BYTES = 512 * 2 ** 20;
/** Channels in one file; surround and ambisonic recordings have up to a few dozen. */
export const WAV_MAX_CHANNELS = 64;
/** Sample rates a recording can have: telephone-grade voice to studio 768 kHz. */
export const WAV_MIN_SAMPLE_RATE = 1000;
export const WAV_MAX_SAMPLE_RATE = 768_000;
/** One recording's length in seconds, as for a BVH clip; a longer one is split into takes. */
export const WAV_MAX_SECONDS = 3600;
