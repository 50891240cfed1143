/**
 * Test helper: the audio-to-motion model on a small demo dataset, stepped exactly as the
 * training loop steps it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { defaultControls, mergeControls } from '../engine/controls.js';
import { Numerics } from '../engine/numerics.js';
import { Rng } from '../engine/rng.js';
import { trainStep, unlockedGroups, type StepResult } from '../engine/train-step.js';
import { AdamW } from '../nn/adamw.js';
import type { Controls, ControlsPatch } from '../protocol.js';
import { AUDIO_TO_MOTION_PRESETS } from '../recipes/audio-to-motion/config.js';
import type { AudioToMotionModel } from '../recipes/audio-to-motion/model.js';
import { audioToMotion } from '../recipes/audio-to-motion/recipe.js';
import type { AudioMotionDatasetLike } from '../recipes/audio-to-motion/windows.js';

export async function smallAudioDemo(): Promise<{ data: AudioMotionDatasetLike; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-a2m-'));
  writeDemoDataset(dir, { trainClips: 8, validationClips: 2 });
  const data = await audioToMotion.loadData(dir);
  return { data, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const TOKENIZER_ONLY: ControlsPatch = { locks: { audio_encoder: true, generator: true } };
export const GENERATOR_ONLY: ControlsPatch = { locks: { encoder: true, codebook: true, decoder: true, audio_encoder: false, generator: false } };

export class AudioStepHarness {
  readonly model: AudioToMotionModel;
  readonly optimizer = new AdamW();
  readonly rng: Rng;
  readonly numerics = new Numerics();
  controls: Controls;

  constructor(data: AudioMotionDatasetLike, seed: number, patch: ControlsPatch = {}) {
    const config = AUDIO_TO_MOTION_PRESETS.tiny;
    this.model = audioToMotion.build(config, data, seed) as AudioToMotionModel;
    this.rng = new Rng(seed);
    const base = mergeControls(defaultControls(audioToMotion.layerGroups, config), { optimizer: { warmupSteps: 0 } });
    this.controls = mergeControls(base, patch);
  }

  set(patch: ControlsPatch): void {
    this.controls = mergeControls(this.controls, patch);
  }

  run(steps: number): StepResult {
    let result: StepResult | undefined;
    for (let i = 0; i < steps; i++) {
      this.numerics.use(this.controls.precision);
      result = trainStep({
        model: this.model,
        optimizer: this.optimizer,
        rng: this.rng,
        controls: this.controls,
        learningRate: this.controls.learningRate,
        ctx: { quantize: this.numerics.quantize, recompute: this.controls.recompute, adversarialWeight: 0, trainable: unlockedGroups(this.model, this.controls) },
        scaler: this.numerics.scaler,
      });
    }
    return result as StepResult;
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }
}
