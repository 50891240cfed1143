/**
 * Test helper: the audio-to-motion model on a small demo dataset, stepped exactly as the
 * training loop steps it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoDataset } from '../data/demo-dataset.js';
import type { ControlsPatch, Growth } from '../protocol.js';
import { TOKENIZER_GROWTH_LEVELS } from '../recipes/audio-to-motion/tokenizer.js';
import { AUDIO_TO_MOTION_PRESETS } from '../recipes/audio-to-motion/config.js';
import type { AudioToMotionModel } from '../recipes/audio-to-motion/model.js';
import { audioToMotion } from '../recipes/audio-to-motion/recipe.js';
import type { AudioMotionDatasetLike } from '../recipes/audio-to-motion/windows.js';
import { ModelHarness } from './step-harness.js';

export async function smallAudioDemo(): Promise<{ data: AudioMotionDatasetLike; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-a2m-'));
  writeDemoDataset(dir, { trainClips: 8, validationClips: 2 });
  const data = await audioToMotion.loadData(dir);
  return { data, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const TOKENIZER_ONLY: ControlsPatch = { locks: { audio_encoder: true, generator: true } };
export const GENERATOR_ONLY: ControlsPatch = { locks: { encoder: true, inter: true, codebook: true, decoder: true, audio_encoder: false, generator: false } };

/** The tiny audio-to-motion model; with `growth`, built to grow and starting at that growth control. */
export class AudioStepHarness extends ModelHarness<AudioToMotionModel> {
  constructor(data: AudioMotionDatasetLike, seed: number, patch: ControlsPatch = {}, growth?: Growth) {
    const config = AUDIO_TO_MOTION_PRESETS.tiny;
    const model = audioToMotion.build(config, data, seed, { growth: growth !== undefined }) as AudioToMotionModel;
    super(model, audioToMotion.layerGroups, config, seed, patch, growth && { levels: TOKENIZER_GROWTH_LEVELS, start: growth });
  }
}
