/**
 * A stack of temporal convolutions applied in order, each as one block (so recompute and
 * emulated precision reach every layer). Encoders, decoders and discriminators are all this.
 */
import type { StepContext } from './step-context.js';
import { applyBlock } from './block.js';
import { convDown, convSame, convUp, convUpsample, type Dense } from './temporal-conv.js';
import * as tf from './tf.js';

export interface ConvStep {
  layer: { w: tf.Variable; b: tf.Variable };
  /** 'same' keeps the frame rate (kernel 3), 'down' halves it, 'up' doubles it (transposed), 'upsample' doubles it smoothly (interpolate, then kernel 3). */
  kind: 'same' | 'down' | 'up' | 'upsample';
  relu: boolean;
}

export function runConvs(stack: readonly ConvStep[], x: tf.Tensor3D, ctx: Pick<StepContext, 'quantize' | 'recompute'>): tf.Tensor3D {
  let h = x;
  for (const { layer, kind, relu } of stack) {
    const fn = (input: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor => {
      const l: Dense = { w, b };
      const x3 = input as tf.Tensor3D;
      const activation = relu ? 'relu' : 'linear';
      if (kind === 'down') return convDown(x3, l, ctx.quantize, activation);
      if (kind === 'up') return convUp(x3, l, ctx.quantize, activation);
      if (kind === 'upsample') return convUpsample(x3, l, ctx.quantize, activation);
      return convSame(x3, l, 3, ctx.quantize, activation);
    };
    h = applyBlock(ctx.recompute, fn, h, [layer.w, layer.b]) as tf.Tensor3D;
  }
  return h;
}
