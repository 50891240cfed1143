/**
 * Which clip's sound a preview/ready event carries. A preview holds the motion of up to four
 * clips, each with its audio; sending every clip's PCM (341 KB of text for 8 s) with every
 * preview would make an automatic preview every few steps ~1.5 MB. A clip's sound is the same
 * at every step, so:
 *  - an automatic (streamed) preview carries no PCM at all: each clip keeps its waveform peaks
 *    and onsets (~5 KB), and a window plays the sound it already has;
 *  - an answer (preview/get, preview/request) carries the PCM of one clip: the lead's, or the
 *    clip a person picked (preview/get `clip`), so a window asks once per clip and run.
 */
import type { PreviewAudio, PreviewSample } from '../protocol.js';

/** `sample` with PCM for `clip` only (null: for none); clips without audio stay null. */
export function withSoundOf<T extends Omit<PreviewSample, 'id'>>(sample: T, clip: string | null): T {
  const keep = (name: string, audio: PreviewAudio | null) => (audio === null || name === clip ? audio : withoutPcm(audio));
  return {
    ...sample,
    audio: keep(sample.clip, sample.audio),
    ...(sample.more ? { more: sample.more.map((c) => ({ ...c, audio: keep(c.clip, c.audio) })) } : {}),
  };
}

function withoutPcm(audio: PreviewAudio): PreviewAudio {
  const { pcm16: _pcm16, ...rest } = audio;
  return rest;
}
