import { describe, expect, it } from 'vitest';
import type { PreviewSample } from '../../../trainer/protocol';
import { trainingView } from './preview-view';

// Two joints, one frame: base64 of 6 little-endian float32 zeros.
const ZEROS = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const waveform = { sampleRate: 16000, peaks: [0.5], onsets: [0.1] };
const scores = (likeness: number) => ({ likeness, wobble: 0.2, truthWobble: 0.01, jerk: 1, truthJerk: 0.1 });
const sample: PreviewSample = {
  id: '00000010',
  step: 10,
  branch: 'main',
  createdAt: 'x',
  clip: 'clip-000',
  fps: 30,
  frames: 1,
  parents: [-1, 0],
  generated: ZEROS,
  truth: ZEROS,
  audio: waveform,
  scores: scores(40),
  more: [{ clip: 'clip-001', frames: 1, generated: ZEROS, truth: ZEROS, scores: scores(70), audio: waveform }],
};

describe('preview view', () => {
  it('shows the picked clip big with the sound the window kept for it, and every clip as a tile with its own numbers', () => {
    const view = trainingView(sample, 'side', 'clip-001', { 'clip-001|1': { ...waveform, pcm16: 'AQEB' } });
    expect(view.clip).toBe('clip-001');
    expect(view.audio?.pcm16).toBe('AQEB');
    expect(view.tiles.map((t) => [t.clip, t.scores?.likeness, t.selected])).toEqual([
      ['clip-000', 40, false],
      ['clip-001', 70, true],
    ]);
  });

  it('keeps the camera when the sound arrives (same clip key), restarting only the player', () => {
    const before = trainingView(sample, 'side');
    const after = trainingView(sample, 'side', undefined, { 'clip-000|1': { ...waveform, pcm16: 'AAAA' } });
    expect(after.clipKey).toBe(before.clipKey);
    expect(after.playerKey).not.toBe(before.playerKey);
    expect(before.audio?.pcm16).toBeUndefined();
  });

  it('shows a preview kept before the grid as one clip, without tiles', () => {
    const { more: _more, scores: _scores, ...old } = sample;
    const view = trainingView(old, 'side', 'clip-001');
    expect(view.clip).toBe('clip-000');
    expect(view.tiles).toEqual([]);
  });
});
