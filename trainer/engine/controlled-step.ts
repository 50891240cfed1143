/**
 * One optimizer step exactly as the training loop takes it under the live controls: which
 * groups learn, the learning rate at this step, the precision, the GAN weight with its ramp.
 * The loop and the test harness (testing/step-harness.ts) both step through this, so a test
 * that proves a control on tensors proves what training does.
 */
import type { Controls } from '../protocol.js';
import type { AdamW } from '../nn/adamw.js';
import type { Rng } from '../nn/rng.js';
import type { Numerics } from '../precision/numerics.js';
import type { RecipeModel } from '../recipes/recipe.js';
import { learningRateAt } from './lr-schedule.js';
import { GrowthFade, withUngrownLocked } from './growth.js';
import { trainStep, unlockedGroups, type StepResult } from './train-step.js';

export interface ControlledStepResult {
  result: StepResult;
  learningRate: number;
  /** The layer groups that learned in this step. */
  trainable: ReadonlySet<string>;
}

export class ControlledStep {
  /** The GAN weight's ramp since GAN was switched on; saved in snapshots so a resumed ramp continues. */
  readonly gan = new GanRamp();

  constructor(
    readonly model: RecipeModel,
    readonly optimizer: AdamW,
    readonly rng: Rng,
    readonly numerics: Numerics,
  ) {}

  /** Where growth stands; its start is saved in snapshots too. */
  readonly growth = new GrowthFade();

  /** Takes step `step` (0-based: the step about to be taken) under `controls`. */
  take(step: number, runControls: Controls): ControlledStepResult {
    this.useGrowth(step, runControls);
    const controls = withUngrownLocked(runControls, this.model.growth?.levels);
    const trainable = unlockedGroups(this.model, controls);
    const learningRate = learningRateAt(step, controls);
    this.numerics.use(controls.precision);
    const result = trainStep({
      model: this.model,
      optimizer: this.optimizer,
      rng: this.rng,
      controls,
      learningRate,
      ctx: { quantize: this.numerics.quantize, recompute: controls.recompute, adversarialWeight: this.gan.weight(step, controls), trainable },
      scaler: this.numerics.scaler,
    });
    return { result, learningRate, trainable };
  }

  /** Puts the growth level and fade for step `step` on the model (also before an evaluation outside a step). */
  useGrowth(step: number, controls: Controls): void {
    const state = this.growth.stateAt(step, controls);
    if (state && this.model.growth) this.model.growth.state = state;
  }
}

/** The generator's adversarial weight: `power`, ramped in over `rampSteps` after GAN turns on. */
export class GanRamp {
  /** The step GAN was switched on at. */
  since: number | null = null;

  weight(step: number, controls: Controls): number {
    const { enabled, power, rampSteps } = controls.gan;
    if (!enabled) {
      this.since = null;
      return 0;
    }
    this.since ??= step;
    return rampSteps > 0 ? power * Math.min(1, (step - this.since + 1) / rampSteps) : power;
  }
}
