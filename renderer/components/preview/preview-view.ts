/**
 * What the preview shows, worked out from samples: the figures (decoded positions, colours,
 * where each stands), the legend, and the key of the clip (a new key restarts the player and
 * reframes the camera; a new step of the same clip does neither).
 */
import type { PreviewAudio, PreviewSample } from '../../../trainer/protocol';
import { formatStep } from '../format';
import { decodeFloat32 } from './sample-arrays';
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
  legend: { label: string; color: string }[];
  audio: PreviewAudio | null;
}

const COLORS = { generated: '#4cc2b0', truth: '#d7dbe0', second: '#c9a45c' };

function clipKeyOf(s: PreviewSample): string {
  return `${s.clip}|${s.frames}|${s.fps}|${s.audio ? s.audio.pcm16.length : 0}`;
}

/** Two motions side by side (or overlaid): left in `left.color`, right in `right.color`. */
function pair(base: PreviewSample, reference: Float32Array, left: { label: string; positions: Float32Array; color: string }, right: { label: string; positions: Float32Array; color: string }, layout: Layout): PreviewView {
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
      { positions: left.positions, color: left.color, offsetX: -half },
      { positions: right.positions, color: right.color, offsetX: half },
    ],
    legend: [
      { label: left.label, color: left.color },
      { label: right.label, color: right.color },
    ],
    audio: base.audio,
  };
}

export function trainingView(sample: PreviewSample, layout: Layout): PreviewView {
  const truth = decodeFloat32(sample.truth);
  return pair(
    sample,
    truth,
    { label: `generated · step ${formatStep(sample.step)}`, positions: decodeFloat32(sample.generated), color: COLORS.generated },
    { label: 'ground truth', positions: truth, color: COLORS.truth },
    layout,
  );
}

export function comparisonView(a: PreviewSample, b: PreviewSample, layout: Layout): PreviewView {
  return pair(
    a,
    decodeFloat32(a.truth),
    { label: `snapshot · step ${formatStep(a.step)}`, positions: decodeFloat32(a.generated), color: COLORS.generated },
    { label: `snapshot · step ${formatStep(b.step)}`, positions: decodeFloat32(b.generated), color: COLORS.second },
    layout,
  );
}
