/**
 * Test helper: the demo autoencoder with its optimizer, ready to step under any controls,
 * exactly as the training loop steps it: through the loop's own ControlledStep (same trainStep,
 * schedule, numerics and GAN ramp).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { defaultControls, mergeControls } from '../engine/controls.js';
import { ControlledStep } from '../engine/controlled-step.js';
import { runLayerGroups } from '../engine/growth.js';
import { Numerics } from '../precision/numerics.js';
import { Rng } from '../nn/rng.js';
import type { StepResult } from '../engine/train-step.js';
import { AdamW } from '../nn/adamw.js';
import type { Controls, ControlsPatch, Growth, GrowthLevel } from '../protocol.js';
import { AUTOENCODER_PRESETS, type AutoencoderConfig } from '../recipes/motion-autoencoder/config.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import type { MotionDatasetLike } from '../recipes/motion-autoencoder/windows.js';
import type { RecipeModel } from '../recipes/recipe.js';

/** Writes the demo dataset once per test file; call `remove` in afterAll. */
export async function demoData(options: { trainClips?: number; validationClips?: number } = {}): Promise<{ data: MotionDatasetLike; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-demo-'));
  writeDemoDataset(dir, options);
  const data = await motionAutoencoder.loadData(dir);
  return { data, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Any recipe's model with its optimizer, stepped as the loop steps it. */
export class ModelHarness<M extends RecipeModel = RecipeModel> {
  readonly optimizer = new AdamW();
  readonly rng: Rng;
  readonly numerics = new Numerics();
  private readonly stepper: ControlledStep;
  controls: Controls;
  step = 0;

  constructor(
    readonly model: M,
    layerGroups: readonly string[],
    config: { learningRate: number; batchSize: number },
    seed: number,
    patch: ControlsPatch,
    /** A model built to grow: its levels, and the growth control it starts with. */
    private readonly growth?: { levels: readonly GrowthLevel[]; start: Growth },
  ) {
    this.rng = new Rng(seed);
    this.stepper = new ControlledStep(model, this.optimizer, this.rng, this.numerics);
    // Tests see the raw optimizer: no warm-up unless they ask for one.
    const base = mergeControls(defaultControls(runLayerGroups(layerGroups, growth?.levels), config, growth?.start), { optimizer: { warmupSteps: 0 } });
    this.controls = mergeControls(base, patch, growth?.levels);
  }

  set(patch: ControlsPatch): void {
    this.controls = mergeControls(this.controls, patch, this.growth?.levels);
  }

  /** Takes `steps` steps through the loop's own step (engine/controlled-step.ts); the last one's result. */
  run(steps = 1): StepResult {
    let result: StepResult | undefined;
    for (let i = 0; i < steps; i++) {
      result = this.stepper.take(this.step, this.controls).result;
      this.step += 1;
    }
    return result as StepResult;
  }

  /** Every weight's values by parameter name (copies). */
  weights(group?: string): Map<string, Float32Array> {
    const params = this.model.params.all().filter((p) => !group || p.group === group);
    return new Map(params.map((p) => [p.name, p.variable.dataSync().slice() as Float32Array]));
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }
}

/** The demo motion autoencoder. */
export class StepHarness extends ModelHarness {
  constructor(data: MotionDatasetLike, seed: number, patch: ControlsPatch = {}, config: AutoencoderConfig = AUTOENCODER_PRESETS.tiny) {
    super(motionAutoencoder.build(config, data, seed), motionAutoencoder.layerGroups, config, seed, patch);
  }
}
