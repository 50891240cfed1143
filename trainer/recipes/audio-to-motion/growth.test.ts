/**
 * Growth in time on the audio-to-motion model, stepped as the training loop steps it: a model
 * built to grow starts at a quarter of the frame rate; growing adds the next level's groups,
 * which train while the old groups (locked by the grow itself) stay bit-identical and the
 * levels not grown yet do not move; the new level fades in over its steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../engine/backend.js';
import { mergeControls } from '../../engine/controls.js';
import { AudioStepHarness, GENERATOR_ONLY, smallAudioDemo, TOKENIZER_ONLY } from '../../testing/audio-step-harness.js';
import type { AudioMotionDatasetLike } from './windows.js';
import { AUDIO_TO_MOTION_PRESETS } from './config.js';
import { audioToMotion } from './recipe.js';
import { TOKENIZER_GROWTH_LEVELS } from './tokenizer.js';

let demo: { data: AudioMotionDatasetLike; remove(): void };

beforeAll(async () => {
  await selectBackend('wasm');
  demo = await smallAudioDemo();
}, 60_000);

afterAll(() => demo?.remove());

const FULL_RATE_ENCODER = ['encoder.in.w', 'encoder.in.b', 'encoder.down1.w', 'encoder.down1.b', 'encoder.down2.w', 'encoder.down2.b'];
const FULL_RATE_DECODER = ['decoder.in.w', 'decoder.in.b', 'decoder.up1.w', 'decoder.up1.b', 'decoder.up2.w', 'decoder.up2.b', 'decoder.out.w', 'decoder.out.b'];
const TOKENIZER_GROUPS = TOKENIZER_GROWTH_LEVELS.flatMap((l) => l.groups);
const same = (a: Map<string, Float32Array>, b: Map<string, Float32Array>) => [...a].every(([name, values]) => Buffer.compare(Buffer.from(values.buffer), Buffer.from(b.get(name)!.buffer)) === 0);
const weightsOf = (h: AudioStepHarness, groups: readonly string[]) => new Map(groups.flatMap((g) => [...h.weights(g)]));

describe('a model built to grow', () => {
  it('trains at a quarter of the frame rate first, with the levels above out of training', () => {
    const h = new AudioStepHarness(demo.data, 3, TOKENIZER_ONLY, { level: 0, fadeSteps: 4 });
    try {
      const groups = new Set(h.model.params.all().map((p) => p.group));
      for (const g of TOKENIZER_GROUPS) expect(groups.has(g), g).toBe(true);
      const above = weightsOf(h, ['encoder_half', 'decoder_half', 'encoder_full', 'decoder_full']);
      const base = weightsOf(h, ['encoder', 'decoder']);
      h.run(3);
      expect(h.model.tokenizer.state).toEqual({ level: 0, alpha: 1 });
      expect(same(above, weightsOf(h, ['encoder_half', 'decoder_half', 'encoder_full', 'decoder_full']))).toBe(true);
      expect(same(base, weightsOf(h, ['encoder', 'decoder']))).toBe(false);
    } finally {
      h.dispose();
    }
  });

  it('grows: the new groups train, the old ones are locked and bit-identical, the new level fades in', () => {
    const h = new AudioStepHarness(demo.data, 4, TOKENIZER_ONLY, { level: 0, fadeSteps: 4 });
    try {
      h.run(2);
      h.set({ growth: { level: 1 } });
      expect(h.controls.locks).toMatchObject({ encoder: true, inter: true, codebook: true, decoder: true, encoder_half: false, decoder_half: false });
      const old = weightsOf(h, ['encoder', 'inter', 'codebook', 'decoder']);
      const grown = weightsOf(h, ['encoder_half', 'decoder_half']);
      const notYet = weightsOf(h, ['encoder_full', 'decoder_full']);
      const alphas: number[] = [];
      for (let i = 0; i < 5; i++) {
        h.run(1);
        alphas.push(h.model.tokenizer.state.alpha);
      }
      expect(alphas).toEqual([0.25, 0.5, 0.75, 1, 1]);
      expect(h.model.tokenizer.state.level).toBe(1);
      expect(same(old, weightsOf(h, ['encoder', 'inter', 'codebook', 'decoder']))).toBe(true);
      expect(same(notYet, weightsOf(h, ['encoder_full', 'decoder_full']))).toBe(true);
      expect(same(grown, weightsOf(h, ['encoder_half', 'decoder_half']))).toBe(false);
    } finally {
      h.dispose();
    }
  });

  it('trains its generator at any level (tokens stay at a quarter of the full rate) and scores at full rate', async () => {
    const h = new AudioStepHarness(demo.data, 5, GENERATOR_ONLY, { level: 0, fadeSteps: 0 });
    try {
      const result = h.run(1);
      expect(Number.isFinite(result.values['loss/tokens'])).toBe(true);
      const values = await h.model.evaluate();
      expect(values['val/tokenizer_likeness']).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(values['val/recon'])).toBe(true);
      expect(Number.isFinite(values['val/fd_g'])).toBe(true);
    } finally {
      h.dispose();
    }
  }, 120_000);

  it('grows one level at a time and only up, and only when built to grow', () => {
    const h = new AudioStepHarness(demo.data, 6, {}, { level: 0, fadeSteps: 10 });
    try {
      expect(() => h.set({ growth: { level: 2 } })).toThrow(/one level at a time/);
      h.set({ growth: { level: 1 } });
      expect(() => h.set({ growth: { level: 0 } })).toThrow(/only goes up/);
      h.set({ growth: { level: 2, fadeSteps: 0 } });
      expect(() => h.set({ growth: { level: 3 } })).toThrow(/no growth level 3/);
      // A patch may grow and keep an old group unlocked in one go (a plan stage that says so).
      const kept = mergeControls({ ...h.controls, growth: { level: 1, fadeSteps: 0 } }, { growth: { level: 2 }, locks: { encoder: false } }, TOKENIZER_GROWTH_LEVELS);
      expect(kept.locks).toMatchObject({ encoder: false, encoder_half: true, decoder_half: true });
    } finally {
      h.dispose();
    }
    const flat = new AudioStepHarness(demo.data, 7);
    try {
      expect(() => flat.set({ growth: { level: 1 } })).toThrow(/built without growth levels/);
      // Without growth the tokenizer is the full-rate one: its layers in model order, the projection into the codebook's space in 'inter'.
      const names = flat.model.params.all().filter((p) => ['encoder', 'inter', 'decoder'].includes(p.group)).map((p) => p.name);
      expect(names).toEqual([...FULL_RATE_ENCODER, 'inter.latent.w', 'inter.latent.b', ...FULL_RATE_DECODER]);
    } finally {
      flat.dispose();
    }
    // A run made before 'inter' existed is built as it was, so its snapshots load and its plan's locks mean what they did.
    const older = audioToMotion.build(AUDIO_TO_MOTION_PRESETS.tiny, demo.data, 7, { growth: false, layerGroups: ['encoder', 'codebook', 'decoder', 'audio_encoder', 'generator', 'discriminator'] });
    try {
      const names = older.params.all().filter((p) => ['encoder', 'inter', 'decoder'].includes(p.group)).map((p) => p.name);
      expect(names).toEqual([...FULL_RATE_ENCODER, 'encoder.latent.w', 'encoder.latent.b', ...FULL_RATE_DECODER]);
    } finally {
      older.dispose();
    }
  });
});
