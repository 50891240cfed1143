/**
 * Dynamic loss scaling for emulated FP16 training.
 *
 * Small gradients underflow fp16 (anything below 2^-25 becomes 0), so the loss is multiplied
 * by `scale` before backprop and the gradients divided by it before the optimizer step. Too
 * large a scale overflows (gradients past 65504 become Inf, see quantize.ts); then the step is
 * skipped and the scale halved. After `growthInterval` clean steps in a row the scale is
 * doubled again, so it settles just below the overflow point. This mirrors the usual mixed
 * precision recipe (e.g. PyTorch's GradScaler) with its usual defaults.
 */
import * as tf from '../nn/tf.js';

export interface LossScalerOptions {
  initial: number;
  growthInterval: number;
  factor: number;
  min: number;
}

export interface LossScalerState {
  scale: number;
  cleanSteps: number;
  skipped: number;
}

export const DEFAULT_LOSS_SCALER_OPTIONS: Readonly<LossScalerOptions> = {
  initial: 2 ** 15,
  growthInterval: 2000,
  factor: 2,
  min: 1,
};

export class DynamicLossScaler {
  /** The factor the loss is multiplied by this step. */
  scale: number;
  /** Consecutive finite steps since the last overflow or growth. */
  cleanSteps = 0;
  /** Total steps skipped because of overflow, over the whole run. */
  skipped = 0;
  private readonly options: LossScalerOptions;

  /** The smallest scale it will go down to. */
  get minimum(): number {
    return this.options.min;
  }

  constructor(options: Partial<LossScalerOptions> = {}) {
    this.options = { ...DEFAULT_LOSS_SCALER_OPTIONS, ...options };
    const { initial, growthInterval, factor, min } = this.options;
    if (!(min > 0) || !(initial >= min) || !(factor > 1) || !(growthInterval >= 1)) {
      throw new Error(`DynamicLossScaler: invalid options ${JSON.stringify(this.options)}`);
    }
    this.scale = initial;
  }

  /**
   * Call once per step with whether every gradient was finite (see allFinite). On overflow the
   * caller must not apply the update: the returned skip is true.
   */
  update(gradsFinite: boolean): { skip: boolean } {
    if (!gradsFinite) {
      this.scale = Math.max(this.options.min, this.scale / this.options.factor);
      this.skipped++;
      this.cleanSteps = 0;
      return { skip: true };
    }
    this.cleanSteps++;
    if (this.cleanSteps >= this.options.growthInterval) {
      // No upper clamp needed in practice: growth is undone by the first overflow.
      this.scale *= this.options.factor;
      this.cleanSteps = 0;
    }
    return { skip: false };
  }

  /** Plain data for snapshots, so a resumed run continues with the same scale. */
  state(): LossScalerState {
    return { scale: this.scale, cleanSteps: this.cleanSteps, skipped: this.skipped };
  }

  restore(state: LossScalerState): void {
    if (!(state.scale > 0) || !Number.isFinite(state.scale)) {
      throw new Error(`DynamicLossScaler.restore: bad scale ${state.scale}`);
    }
    this.scale = state.scale;
    this.cleanSteps = state.cleanSteps;
    this.skipped = state.skipped;
  }
}

/**
 * True when no gradient holds a NaN or ±Inf. Counts the non-finite elements of every tensor on
 * the device and reads back a single number, so a model with many weight tensors costs one
 * device sync per step rather than one per tensor. (Summing the gradients themselves would
 * also catch NaN/Inf, but could overflow float32 on large finite values and report a false
 * overflow.)
 */
export function allFinite(tensors: tf.Tensor[]): boolean {
  if (tensors.length === 0) return true;
  const bad = tf.tidy(() => {
    const counts = tensors.map((t) => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(t)), 'float32')));
    return counts.length === 1 ? counts[0]! : tf.addN(counts);
  });
  const count = bad.dataSync()[0]!;
  bad.dispose();
  return count === 0;
}
