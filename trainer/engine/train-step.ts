/**
 * One optimizer step: draw a batch, compute the losses and their gradients, update the
 * trainable weights. Everything allocated here is released before it returns.
 */
import * as tf from '../nn/tf.js';
import type { Adam } from '../nn/adam.js';
import type { RecipeModel } from '../recipes/recipe.js';
import type { Rng } from './rng.js';

export interface StepSettings {
  learningRate: number;
}

/** Loss terms as plain numbers (NaN stays NaN: the reporter turns it into a gap). */
export type StepValues = Record<string, number>;

export function trainStep(model: RecipeModel, optimizer: Adam, rng: Rng, settings: StepSettings): StepValues {
  const trainable = model.params.all();
  // tidy keeps exactly the tensors it returns: here, the loss terms.
  const terms: Record<string, tf.Scalar> = tf.tidy(() => {
    const batch = model.nextBatch(rng);
    let named: Record<string, tf.Scalar> = {};
    const { value, grads } = tf.variableGrads(() => {
      named = model.losses(batch);
      // variableGrads frees everything its function made except the returned loss: keep
      // the other terms so they can be reported (they are disposed below).
      for (const [name, term] of Object.entries(named)) if (name !== 'loss') tf.keep(term);
      return named.loss as tf.Scalar;
    }, trainable.map((p) => p.variable));
    optimizer.apply(trainable, grads, settings.learningRate);
    return { ...named, loss: value };
  });
  const names = Object.keys(terms);
  // One read for all terms: each separate read is a sync point.
  const stacked = tf.stack(names.map((n) => terms[n] as tf.Scalar));
  const data = stacked.dataSync();
  tf.dispose([stacked, ...Object.values(terms)]);
  const values: StepValues = {};
  names.forEach((name, i) => (values[name] = data[i] ?? NaN));
  return values;
}
