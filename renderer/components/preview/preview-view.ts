/**
 * What the preview shows, worked out from samples: the figures (decoded positions, colours,
 * where each stands), the legend, and the key of the clip (a new key restarts the player and
 * reframes the camera; a new step of the same clip does neither).
 */
import type { PreviewAudio, PreviewSample } from '../../../trainer/protocol';
import { formatStep } from '../format';
import { decodeFloat32 } from './sample-arrays';
import { toneColor, type Tone } from './preview-colors';
import { motionBounds } from './skeleton-geometry';
import type { Figure } from './skeleton-scene';

export type Layout = 'side' | 'overlay';

export interface PreviewView {
  clipKey: string;
  clip: string;
  fps: number;
  frames: number;
  parents: number[];
  figures: Figure[];
  /** The clip's ground truth: the camera frames on it. */
  reference: Float32Array;
  /** `color` is a CSS colour (the tone's token), for the legend's swatch. */
  legend: { label: string; color: string }[];
  audio: PreviewAudio | null;
}

function clipKeyOf(s: PreviewSample): string {
  return `${s.clip}|${s.frames}|${s.fps}|${s.audio ? s.audio.pcm16.length : 0}`;
}

interface Side {
  label: string;
  positions: Float32Array;
  tone: Tone;
}

/** Two motions side by side (or overlaid), each in its tone's colour. */
function pair(base: PreviewSample, reference: Float32Array, left: Side, right: Side, layout: Layout): PreviewView {
  const { width } = motionBounds([reference]);
  const half = layout === 'overlay' ? 0 : Math.max(0.3, width / 2 + 0.12);
  return {
    clipKey: clipKeyOf(base),
    clip: base.clip,
    fps: base.fps,
    frames: base.frames,
    parents: base.parents,
    reference,
    figures: [
      { positions: left.positions, tone: left.tone, offsetX: -half },
      { positions: right.positions, tone: right.tone, offsetX: half },
    ],
    legend: [
      { label: left.label, color: toneColor(left.tone) },
      { label: right.label, color: toneColor(right.tone) },
    ],
    audio: base.audio,
  };
}

export function trainingView(sample: PreviewSample, layout: Layout): PreviewView {
  const truth = decodeFloat32(sample.truth);
  return pair(
    sample,
    truth,
    { label: `generated · step ${formatStep(sample.step)}`, positions: decodeFloat32(sample.generated), tone: 'generated' },
    { label: 'ground truth', positions: truth, tone: 'truth' },
    layout,
  );
}

export function comparisonView(a: PreviewSample, b: PreviewSample, layout: Layout): PreviewView {
  return pair(
    a,
    decodeFloat32(a.truth),
    { label: `snapshot · step ${formatStep(a.step)}`, positions: decodeFloat32(a.generated), tone: 'generated' },
    { label: `snapshot · step ${formatStep(b.step)}`, positions: decodeFloat32(b.generated), tone: 'second' },
    layout,
  );
}
