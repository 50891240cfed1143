/**
 * The preview grid with real TF.js models on a real demo dataset folder: both recipes preview
 * the first validation clips (four at most, fewer when the data has fewer), the trainer names
 * them, measures each against its own ground truth and keeps them on disk; an event carries one
 * clip's sound at most; and a preview kept before the grid (one clip, version 1) still reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { selectBackend } from '../engine/backend.js';
import { PREVIEW_GRID_CLIPS, PreviewSample } from '../protocol.js';
import { findRecipe, resolvePreset } from '../recipes/registry.js';
import { previewClipsOf } from './preview-clip.js';
import { PreviewSampler } from './preview-sample.js';
import { clipScores } from './preview-scores.js';
import { withSoundOf } from './preview-sound.js';
import { PreviewStore } from './preview-store.js';
import { base64ToFloat32 } from './sample-codec.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-preview-grid-'));
  writeDemoDataset(join(dir, 'five'), { trainClips: 4, validationClips: 5 });
  writeDemoDataset(join(dir, 'two'), { trainClips: 4, validationClips: 2 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function previewOf(recipeId: string, dataset: string, runDir: string): Promise<{ sample: Omit<PreviewSample, 'id'>; store: PreviewStore; warnings: string[] }> {
  const recipe = findRecipe(recipeId);
  const datasetDir = join(dir, dataset);
  const data = await recipe.loadData(datasetDir);
  const model = recipe.build(resolvePreset(recipe, 'tiny'), data, 7);
  const store = PreviewStore.ofRun(join(dir, runDir));
  const warnings: string[] = [];
  try {
    const sampler = new PreviewSampler({ datasetDir, data, store, warn: (m) => warnings.push(m) });
    return { sample: await sampler.sampleOf(await model.preview(), 0, 'main'), store, warnings };
  } finally {
    model.dispose();
  }
}

describe('preview grid', () => {
  it('audio-to-motion: four of five validation clips, each named, measured against its own truth, with its audio on disk', async () => {
    const { sample, store, warnings } = await previewOf('audio-to-motion', 'five', 'a2m');
    expect(warnings).toEqual([]);
    expect(PreviewSample.safeParse({ id: '00000000', ...sample }).success).toBe(true);
    const clips = [sample, ...sample.more!];
    expect(clips.map((c) => c.clip)).toEqual(['clip-000', 'clip-001', 'clip-002', 'clip-003']);
    expect(clips).toHaveLength(PREVIEW_GRID_CLIPS);
    const joints = sample.parents.length;
    for (const clip of clips) {
      expect(clip.frames).toBe(240);
      const generated = base64ToFloat32(clip.generated);
      expect(base64ToFloat32(clip.truth)).toHaveLength(240 * joints * 3);
      expect(generated).toHaveLength(240 * joints * 3);
      expect(generated.every(Number.isFinite)).toBe(true);
      // Each clip against its own truth: the numbers of that pair, not the lead's.
      expect(clip.scores!.likeness).toBeGreaterThanOrEqual(0);
      expect(clip.scores!.likeness).toBeLessThanOrEqual(100);
      expect(clip.scores!.truthWobble).toBeGreaterThan(0);
      expect(clip.scores!.truthWobble).toBeLessThan(1);
      expect(clip.audio!.pcm16).toBeDefined();
      expect(clip.audio!.onsets.length).toBeGreaterThan(0);
    }
    // The clips differ (not the lead four times), and so do their truths' numbers.
    expect(new Set(clips.map((c) => c.truth)).size).toBe(4);
    expect(new Set(clips.map((c) => c.scores!.truthJerk)).size).toBe(4);
    // What the trainer shows is what the metric says for that clip (truth against itself: 100%).
    const truth2 = base64ToFloat32(clips[2]!.truth);
    expect(clipScores(truth2, truth2, joints, sample.fps).likeness).toBe(100);

    // Kept and read back whole: the clip files hold each clip's truth and audio.
    const kept = { id: '00000000', ...sample };
    store.keep(kept);
    expect(store.read('00000000')).toEqual(kept);
  }, 120_000);

  it('motion-autoencoder: reconstructs every grid clip; a dataset of two validation clips previews two', async () => {
    const { sample } = await previewOf('motion-autoencoder', 'two', 'ae');
    expect([sample.clip, ...sample.more!.map((c) => c.clip)]).toEqual(['clip-000', 'clip-001']);
    expect(sample.scores!.likeness).toBeGreaterThanOrEqual(0);
    expect(sample.more![0]!.scores!.wobble).not.toBeNull();
  }, 120_000);

  it('an event carries the sound of one clip at most; the waveform of every clip stays', async () => {
    const { sample } = await previewOf('audio-to-motion', 'five', 'sound');
    const streamed = withSoundOf(sample, null);
    expect([streamed.audio, ...streamed.more!.map((c) => c.audio)].every((a) => a && a.pcm16 === undefined && a.peaks.length === 800)).toBe(true);
    const picked = withSoundOf(sample, 'clip-002');
    expect(picked.audio!.pcm16).toBeUndefined();
    expect(picked.more!.map((c) => c.audio!.pcm16 !== undefined)).toEqual([false, true, false]);
    expect(picked.more![1]!.audio).toEqual(sample.more![1]!.audio);
    // An automatic preview without PCM is about a quarter of one with every clip's.
    expect(JSON.stringify(streamed).length).toBeLessThan(JSON.stringify(sample).length / 3);
  }, 120_000);

  it('reads a preview kept before the grid (version 1: one clip, no numbers) as a one-clip preview', () => {
    const store = PreviewStore.ofRun(join(dir, 'old'));
    store.writeClip({ clip: 'clip-000', fps: 30, frames: 4, parents: [-1, 0], truth: 'dHJ1dGg=', audio: null });
    writeFileSync(
      join(store.dir, '00000050.json'),
      JSON.stringify({ format: 'stagecraft-preview', version: 1, id: '00000050', step: 50, branch: 'main', createdAt: '2025-01-01T00:00:00.000Z', clip: 'clip-000', frames: 4, generated: 'Z2Vu' }),
    );
    const old = store.read('00000050');
    expect(old).toEqual({ id: '00000050', step: 50, branch: 'main', createdAt: '2025-01-01T00:00:00.000Z', clip: 'clip-000', fps: 30, frames: 4, parents: [-1, 0], generated: 'Z2Vu', truth: 'dHJ1dGg=', audio: null });
    expect(old.more).toBeUndefined();
    expect(PreviewSample.safeParse(old).success).toBe(true);
  });

  it('names the grid’s clips as the recipes pick them: the next validation clip long enough, in order', () => {
    const data = { validation: [{ name: 'a', file: 'v/a.bvh', frames: 300 }, { name: 'short', file: 'v/short.bvh', frames: 50 }, { name: 'b', file: 'v/b.bvh', frames: 240 }] };
    expect(previewClipsOf(data, [300, 240]).map((c) => c?.name)).toEqual(['a', 'b']);
    expect(previewClipsOf(data, [240, 240, 240])).toEqual([data.validation[0], data.validation[2], null]);
  });
});
