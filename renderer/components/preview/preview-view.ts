/**
 * What the preview shows, worked out from samples: the big view (figures with decoded
 * positions, colours, where each stands; the legend; the clip's audio), the grid's tiles (each
 * validation clip's generated motion beside its truth, with the trainer's numbers), and the key
 * of the clip (a new key restarts the player and reframes the camera; a new step of the same
 * clip does neither).
 */
import type { PreviewAudio, PreviewSample, PreviewScores } from '../../../trainer/protocol';
import { soundKey } from '../../store/preview-slice';
import { formatStep } from '../format';
import { decodeFloat32 } from './sample-arrays';
import { toneColor, type Tone } from './preview-colors';
import { motionBounds } from './skeleton-geometry';
import type { Figure } from './skeleton-scene';

export type Layout = 'side' | 'overlay';

export interface PreviewView {
  /** The clip and its length: a new one reframes the camera. */
  clipKey: string;
  /** The clip and its sound: a new one restarts the player (the sound arriving included). */
  playerKey: string;
  clip: string;
  fps: number;
  frames: number;
  parents: number[];
  figures: Figure[];
  /** The clip's ground truth: the camera frames on it. */
  reference: Float32Array;
  /** `color` is a CSS colour (the tone's token), for the legend's swatch. */
  legend: { label: string; color: string }[];
  /** Its waveform and onsets; `pcm16` only once its sound is here (null: the clip has no audio). */
  audio: PreviewAudio | null;
  /** The grid: every clip of the preview, the big view's marked; empty for a snapshot comparison. */
  tiles: TileView[];
}

export interface TileView {
  clip: string;
  frames: number;
  figures: Figure[];
  reference: Float32Array;
  scores: PreviewScores | null;
  selected: boolean;
}

/** One clip of a sample: the lead's fields or an entry of `more`. */
interface SampleClip {
  clip: string;
  frames: number;
  generated: string;
  truth: string;
  scores: PreviewScores | null;
  audio: PreviewAudio | null;
}

function clipsOf(sample: PreviewSample): SampleClip[] {
  const lead = { clip: sample.clip, frames: sample.frames, generated: sample.generated, truth: sample.truth, scores: sample.scores ?? null, audio: sample.audio };
  return [lead, ...(sample.more ?? [])];
}

function clipKeyOf(clip: string, frames: number, fps: number): string {
  return `${clip}|${frames}|${fps}`;
}

function playerKeyOf(clipKey: string, audio: PreviewAudio | null): string {
  return `${clipKey}|${audio ? (audio.pcm16?.length ?? 'waiting') : 'none'}`;
}

interface Side {
  label: string;
  positions: Float32Array;
  tone: Tone;
}

/** Two motions side by side (or overlaid), each in its tone's colour. */
function pairFigures(reference: Float32Array, left: Side, right: Side, layout: Layout): Figure[] {
  const { width } = motionBounds([reference]);
  const half = layout === 'overlay' ? 0 : Math.max(0.3, width / 2 + 0.12);
  return [
    { positions: left.positions, tone: left.tone, offsetX: -half },
    { positions: right.positions, tone: right.tone, offsetX: half },
  ];
}

function legendOf(...sides: Side[]): PreviewView['legend'] {
  return sides.map((s) => ({ label: s.label, color: toneColor(s.tone) }));
}

/** A clip's audio with its sound where the window has it (streamed previews carry none). */
function withSound(audio: PreviewAudio | null, known: PreviewAudio | undefined): PreviewAudio | null {
  if (!audio || audio.pcm16 !== undefined || !known) return audio;
  return known;
}

/**
 * The training preview: `selected` (a grid clip's name; the lead when absent or not in this
 * sample) in the big view, every clip in the grid. `sounds` holds the clips' sounds by soundKey.
 */
export function trainingView(sample: PreviewSample, layout: Layout, selected?: string, sounds: Record<string, PreviewAudio> = {}): PreviewView {
  const clips = clipsOf(sample);
  const big = clips.find((c) => c.clip === selected) ?? (clips[0] as SampleClip);
  const tiles = clips.map((c): TileView => {
    const truth = decodeFloat32(c.truth);
    const figures = pairFigures(truth, { label: 'generated', positions: decodeFloat32(c.generated), tone: 'generated' }, { label: 'ground truth', positions: truth, tone: 'truth' }, 'side');
    return { clip: c.clip, frames: c.frames, figures, reference: truth, scores: c.scores, selected: c === big };
  });
  const truth = decodeFloat32(big.truth);
  const generated: Side = { label: `generated · step ${formatStep(sample.step)}`, positions: decodeFloat32(big.generated), tone: 'generated' };
  const real: Side = { label: 'ground truth', positions: truth, tone: 'truth' };
  // A one-clip preview (kept before the grid) needs no grid.
  return { ...pairView(big, sample, truth, generated, real, layout, sounds), tiles: tiles.length > 1 ? tiles : [] };
}

/** Two snapshots' motion for the lead clip (the clip every snapshot's preview leads with). */
export function comparisonView(a: PreviewSample, b: PreviewSample, layout: Layout, sounds: Record<string, PreviewAudio> = {}): PreviewView {
  const truth = decodeFloat32(a.truth);
  const first: Side = { label: `snapshot · step ${formatStep(a.step)}`, positions: decodeFloat32(a.generated), tone: 'generated' };
  const second: Side = { label: `snapshot · step ${formatStep(b.step)}`, positions: decodeFloat32(b.generated), tone: 'second' };
  return { ...pairView(a, a, truth, first, second, layout, sounds), tiles: [] };
}

/** One clip's two sides over its ground truth, with its sound: what the training and comparison views share. */
function pairView(
  clip: { clip: string; frames: number; audio: PreviewAudio | null },
  sample: Pick<PreviewSample, 'fps' | 'parents'>,
  truth: Float32Array,
  left: Side,
  right: Side,
  layout: Layout,
  sounds: Record<string, PreviewAudio>,
): Omit<PreviewView, 'tiles'> {
  const audio = withSound(clip.audio, sounds[soundKey(clip.clip, clip.frames)]);
  const clipKey = clipKeyOf(clip.clip, clip.frames, sample.fps);
  return {
    clipKey,
    playerKey: playerKeyOf(clipKey, audio),
    clip: clip.clip,
    fps: sample.fps,
    frames: clip.frames,
    parents: sample.parents,
    reference: truth,
    figures: pairFigures(truth, left, right, layout),
    legend: legendOf(left, right),
    audio,
  };
}
