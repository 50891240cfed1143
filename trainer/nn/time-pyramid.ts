/**
 * Growth in time: an encoder and a decoder built level by level, Progressive GAN's scheme with
 * frames in place of pixels. Level 0 runs at the coarsest frame rate; each level above adds a
 * layer that halves the frame rate on the way in (`down`) and one that doubles it on the way
 * out (`up`), each with its own layer from and to motion at that level's rate. While a new
 * level fades in (alpha 0 → 1), the level below runs beside it on the input average-pooled to
 * half rate, its output upsampled, and the two are blended by alpha, so growing starts from
 * exactly what the coarse model did.
 *
 * A model without growth is the same pyramid at its top level, with no coarse adapters.
 */
import { runConvs, type ConvStep } from './conv-stack.js';
import type { StepContext } from './step-context.js';
import { upsampleLinear } from './temporal-conv.js';
import * as tf from './tf.js';

export interface PyramidLevel {
  /** Motion at this level's rate → the encoder's width. Absent below the top without growth. */
  fromMotion?: ConvStep;
  /** This level's rate → the level below's (encoder side); absent at level 0. */
  down?: ConvStep;
  /** The level below's rate → this level's (decoder side); absent at level 0. */
  up?: ConvStep;
  /** The decoder's width → motion at this level's rate. Absent below the top without growth. */
  toMotion?: ConvStep;
}

/** Where growth stands: the level the model runs at, and how far that level is faded in. */
export interface GrowthState {
  level: number;
  /** 0: the level's new layers contribute nothing yet; 1: the coarse path is gone. */
  alpha: number;
}

type Ctx = Pick<StepContext, 'quantize' | 'recompute'>;

export class TimePyramid {
  constructor(
    private readonly levels: readonly PyramidLevel[],
    /** Layers at the coarsest rate between the encoder's levels and the latent (e.g. the latent projection). */
    private readonly encoderCore: readonly ConvStep[],
    /** Layers at the coarsest rate between the latent and the decoder's levels. */
    private readonly decoderCore: readonly ConvStep[],
  ) {}

  get top(): number {
    return this.levels.length - 1;
  }

  /** Frames of the top level per frame of `level`. */
  factor(level: number): number {
    return 2 ** (this.top - level);
  }

  /** Motion at `state.level`'s rate → latents at level 0's rate. */
  encode(x: tf.Tensor3D, state: GrowthState, ctx: Ctx): tf.Tensor3D {
    return tf.tidy(() => {
      const { level, alpha } = state;
      const entry = this.at(level);
      let h = runConvs(level === 0 ? this.steps(entry.fromMotion) : this.steps(entry.fromMotion, entry.down), x, ctx);
      if (level > 0 && alpha < 1) {
        const coarse = runConvs(this.steps(this.at(level - 1).fromMotion), poolFrames(x, 2), ctx);
        h = blend(h, coarse, alpha);
      }
      for (let k = level - 1; k >= 1; k--) h = runConvs(this.steps(this.at(k).down), h, ctx);
      return runConvs(this.encoderCore, h, ctx);
    });
  }

  /** Latents at level 0's rate → motion at `state.level`'s rate. */
  decode(z: tf.Tensor3D, state: GrowthState, ctx: Ctx): tf.Tensor3D {
    return tf.tidy(() => {
      const { level, alpha } = state;
      let g = runConvs(this.decoderCore, z, ctx);
      for (let k = 1; k < level; k++) g = runConvs(this.steps(this.at(k).up), g, ctx);
      const entry = this.at(level);
      const fine = runConvs(level === 0 ? this.steps(entry.toMotion) : this.steps(entry.up, entry.toMotion), g, ctx);
      if (level === 0 || alpha >= 1) return fine;
      const coarse = upsampleLinear(runConvs(this.steps(this.at(level - 1).toMotion), g, ctx));
      return blend(fine, coarse, alpha);
    });
  }

  /**
   * Full-rate motion as the model at `state` sees it: average-pooled to the level's rate and,
   * while the level fades in, blended with its own half-rate version upsampled (the data fades
   * in with the layers, as in Progressive GAN).
   */
  atLevel(x: tf.Tensor3D, state: GrowthState): tf.Tensor3D {
    return tf.tidy(() => {
      const pooled = poolFrames(x, this.factor(state.level));
      if (state.level === 0 || state.alpha >= 1) return pooled;
      return blend(pooled, upsampleLinear(poolFrames(pooled, 2)), state.alpha);
    });
  }

  /** Motion at `level`'s rate → full rate, by linear interpolation (what is shown and scored). */
  toFullRate(x: tf.Tensor3D, level: number): tf.Tensor3D {
    return tf.tidy(() => {
      let y = x;
      for (let f = this.factor(level); f > 1; f /= 2) y = upsampleLinear(y);
      return y;
    });
  }

  private at(level: number): PyramidLevel {
    const found = this.levels[level];
    if (!found) throw new Error(`The model has no growth level ${level} (levels 0–${this.top}).`);
    return found;
  }

  private steps(...steps: (ConvStep | undefined)[]): ConvStep[] {
    if (steps.some((s) => !s)) throw new Error('This model was built without growth levels: it runs at full rate only.');
    return steps as ConvStep[];
  }
}

/** Mean of each run of `factor` frames: [batch, frames, c] → [batch, frames / factor, c]. */
export function poolFrames(x: tf.Tensor3D, factor: number): tf.Tensor3D {
  if (factor === 1) return tf.clone(x);
  const [batch, frames, channels] = x.shape;
  if (frames % factor !== 0) throw new Error(`Cannot pool ${frames} frames by ${factor}.`);
  return tf.tidy(() => tf.mean(tf.reshape(x, [batch, frames / factor, factor, channels]), 2) as tf.Tensor3D);
}

function blend(fine: tf.Tensor3D, coarse: tf.Tensor3D, alpha: number): tf.Tensor3D {
  return tf.add(tf.mul(fine, alpha), tf.mul(coarse, 1 - alpha)) as tf.Tensor3D;
}
