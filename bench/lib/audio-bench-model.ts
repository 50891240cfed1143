/**
 * The audio-to-motion model on the built-in demo dataset, stepped exactly as the training loop
 * steps it (ModelHarness → trainStep), for the speed and memory suites. Presets are read, never
 * changed: a suite varies batch size or window length by building a config from a preset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoDataset } from '../../trainer/data/demo-dataset.js';
import type { ControlsPatch } from '../../trainer/protocol.js';
import { AUDIO_TO_MOTION_PRESETS, type AudioToMotionConfig } from '../../trainer/recipes/audio-to-motion/config.js';
import type { AudioToMotionModel } from '../../trainer/recipes/audio-to-motion/model.js';
import { audioToMotion } from '../../trainer/recipes/audio-to-motion/recipe.js';
import type { AudioMotionDatasetLike } from '../../trainer/recipes/audio-to-motion/windows.js';
import { ModelHarness } from '../../trainer/testing/step-harness.js';

export type PresetName = keyof typeof AUDIO_TO_MOTION_PRESETS;

/** Which half of the model a step trains: the two phases of the default plan. */
export type Phase = 'tokenizer' | 'generator';

export const PHASE_LOCKS: Record<Phase, ControlsPatch> = {
  tokenizer: { locks: { encoder: false, inter: false, codebook: false, decoder: false, audio_encoder: true, generator: true, discriminator: false } },
  generator: { locks: { encoder: true, inter: true, codebook: true, decoder: true, audio_encoder: false, generator: false, discriminator: false } },
};

/** The demo dataset (12 training, 2 validation clips of 8 s) written to a temp folder. */
export function writeDemoAudio(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-bench-'));
  writeDemoDataset(dir, { trainClips: 12, validationClips: 2 });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The demo dataset read through the recipe's own loader, as a user's would be. */
export async function demoAudioData(): Promise<{ data: AudioMotionDatasetLike; remove(): void }> {
  const { dir, remove } = writeDemoAudio();
  return { data: await audioToMotion.loadData(dir), remove };
}

export interface BenchModelOptions {
  preset: PresetName;
  phase: Phase;
  /** Overrides of the preset for this measurement (batch size, window lengths). */
  overrides?: Partial<AudioToMotionConfig>;
  /** Further controls on top of the phase's locks (warp, LRD, GAN, precision, accumulation). */
  controls?: ControlsPatch;
  seed?: number;
}

export type BenchHarness = ModelHarness<AudioToMotionModel> & { config: AudioToMotionConfig };

export function benchHarness(data: AudioMotionDatasetLike, options: BenchModelOptions): BenchHarness {
  const config: AudioToMotionConfig = { ...AUDIO_TO_MOTION_PRESETS[options.preset], ...options.overrides };
  const seed = options.seed ?? 1;
  const model = audioToMotion.build(config, data, seed) as AudioToMotionModel;
  const harness = new ModelHarness(model, audioToMotion.layerGroups, config, seed, PHASE_LOCKS[options.phase]) as BenchHarness;
  harness.set({ batchSize: config.batchSize, ...options.controls });
  harness.config = config;
  return harness;
}
