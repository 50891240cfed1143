/**
 * A block is one layer application: weights in, activations out. With recompute on, the
 * block keeps only its input and recomputes its forward during backprop (trading compute
 * for activation memory); the gradients are the same either way.
 */
import * as tf from './tf.js';

export type BlockFn = (x: tf.Tensor, ...weights: tf.Tensor[]) => tf.Tensor;

export function applyBlock(recompute: boolean, fn: BlockFn, x: tf.Tensor, weights: tf.Tensor[]): tf.Tensor {
  if (!recompute) return fn(x, ...weights);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const inputs = args.slice(0, -1) as tf.Tensor[];
    save(inputs);
    const value = fn(inputs[0] as tf.Tensor, ...inputs.slice(1));
    return {
      value,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const grad = tf.grads((...xs: tf.Tensor[]) => fn(xs[0] as tf.Tensor, ...xs.slice(1)));
        return withOuterTapeKept(() => grad(saved, dy as tf.Tensor));
      },
    };
  });
  return (op as unknown as (...t: tf.Tensor[]) => tf.Tensor)(x, ...weights);
}

/**
 * TF.js runs one gradient tape per engine: a tf.grads started while an outer backward pass is
 * running (gradient depth 0) replaces the outer tape and clears it when done, and the outer
 * pass then fails cleaning up. Recomputing a block needs exactly that nesting, so the outer
 * tape is put back afterwards. (engine.state is TF.js's own bookkeeping, read here only.)
 */
function withOuterTapeKept<T>(fn: () => T): T {
  const state = (tf.engine() as unknown as { state: { activeTape: unknown } }).state;
  const outer = state.activeTape;
  try {
    return fn();
  } finally {
    state.activeTape = outer;
  }
}
