/**
 * Temporal im2col: for each output frame o, the `taps` input frames from stride·o − padBefore
 * on, side by side (zeros beyond either end of the clip): [batch, outFrames, taps·channels].
 * A temporal conv is then one matMul of these columns with its weights (temporal-conv.ts).
 *
 * Where our wasm kernels run this is one kernel of our own (wasm-im2col.ts): one copy per output frame, because
 * its taps are neighbouring frames, which lie next to each other in memory. As tensor ops it is
 * a pad, a slice per tap and a concat: ~0.2 ms for a [16, 64, 64] clip, of which the concat's
 * row-by-row copy is half. Elsewhere, and for the gradient, it is those tensor ops.
 */
import { kernelPaths } from './kernel-paths.js';
import type * as TF from './tf.js';

type Tf = typeof TF;

/** The kernel's name in the TF.js registry (registered for wasm, with our kernels only). */
export const IM2COL = 'StagecraftTemporalIm2Col';

export interface Im2ColAttrs {
  /** Input frames per output frame; a multiple of `stride`. */
  taps: number;
  stride: number;
  /** Zero frames before the clip (the rest of the padding goes after it). */
  padBefore: number;
  outFrames: number;
}

/** Tap groups of `stride` frames, and the padded frame count they span. */
function layout(frames: number, { taps, stride, padBefore, outFrames }: Im2ColAttrs) {
  if (taps % stride !== 0) throw new Error(`im2col: ${taps} taps is not a multiple of stride ${stride}`);
  const groups = taps / stride;
  const padded = stride * (outFrames + groups - 1);
  const padAfter = padded - frames - padBefore;
  if (padAfter < 0) throw new Error(`im2col: ${frames} frames do not fit ${outFrames} output frames of stride ${stride}`);
  return { groups, padded, padAfter };
}

/** [batch, frames, channels] → [batch, outFrames, taps·channels]. */
export function im2col(tf: Tf, x: TF.Tensor3D, attrs: Im2ColAttrs): TF.Tensor3D {
  layout(x.shape[1], attrs);
  if (kernelPaths().custom && x.dtype === 'float32') {
    return tf.engine().runKernel(IM2COL, { x }, attrs as unknown as TF.NamedAttrMap) as TF.Tensor3D;
  }
  return im2colOps(tf, x, attrs);
}

/**
 * The same as tensor ops: pad, view the frames in groups of `stride` (a reshape), and concat
 * the `taps / stride` shifted views of the groups.
 */
export function im2colOps(tf: Tf, x: TF.Tensor3D, attrs: Im2ColAttrs): TF.Tensor3D {
  const [batch, frames, channels] = x.shape;
  const { stride, padBefore, outFrames } = attrs;
  const { groups, padAfter } = layout(frames, attrs);
  const grouped = tf.reshape(tf.pad(x, [[0, 0], [padBefore, padAfter], [0, 0]]), [batch, outFrames + groups - 1, stride * channels]);
  const views = Array.from({ length: groups }, (_, j) => tf.slice(grouped, [0, j, 0], [batch, outFrames, stride * channels]));
  return (groups === 1 ? views[0] : tf.concat(views, 2)) as TF.Tensor3D;
}

/** The gradient of the im2col kernel: each view's gradient padded back into place and summed. */
export function im2colGradient(tf: Tf): TF.GradConfig {
  return {
    kernelName: IM2COL,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, rawAttrs) => {
      const [x] = saved as [TF.Tensor3D];
      const attrs = rawAttrs as unknown as Im2ColAttrs;
      const [batch, frames, channels] = x.shape;
      const { groups, padded } = layout(frames, attrs);
      return {
        x: () => {
          const views = groups === 1 ? [dy as TF.Tensor] : tf.split(dy as TF.Tensor, groups, 2);
          const placed = views.map((view, j) => tf.pad(view, [[0, 0], [j, groups - 1 - j], [0, 0]]));
          const grouped = placed.length === 1 ? (placed[0] as TF.Tensor) : tf.addN(placed);
          return tf.slice(tf.reshape(grouped, [batch, padded, channels]), [0, attrs.padBefore, 0], [batch, frames, channels]);
        },
      };
    },
  };
}
