/**
 * One optimizer step under the live controls: draw a batch (warped inputs if random warp is
 * on), sum gradients over the accumulation micro-batches, check them, clip, and update only
 * the unlocked groups; then, with GAN on, a discriminator step of its own. All values the
 * step reports are read back from the device in one go.
 */
import type { AdamW } from '../nn/adamw.js';
import type { Param } from '../nn/params.js';
import * as tf from '../nn/tf.js';
import type { DynamicLossScaler } from '../precision/loss-scaler.js';
import type { Controls } from '../protocol.js';
import type { Batch, RecipeModel, StepContext } from '../recipes/recipe.js';
import type { Rng } from '../nn/rng.js';

export interface StepInput {
  model: RecipeModel;
  optimizer: AdamW;
  rng: Rng;
  controls: Controls;
  learningRate: number;
  ctx: StepContext;
  /** Present in FP16: scales the loss so small gradients survive the format. */
  scaler: DynamicLossScaler | null;
}

/** Loss terms and step diagnostics as plain numbers (NaN stays NaN: reported as a gap). */
export type StepValues = Record<string, number>;

export interface StepResult {
  values: StepValues;
  /** False when the update was skipped: FP16 overflow, or a non-finite loss or gradient. */
  applied: boolean;
  /** Why it was skipped. */
  skipped: 'overflow' | 'non-finite' | null;
}

export function trainStep(input: StepInput): StepResult {
  const { model, controls, ctx, scaler } = input;
  const trainable = trainableParams(model, controls);
  const scale = scaler?.scale ?? 1;
  const batch = model.nextBatch(input.rng, {
    batchSize: controls.batchSize,
    warpStrength: controls.randomWarp.enabled ? controls.randomWarp.strength : 0,
    trainable: ctx.trainable,
  });
  const { grads, terms, checks } = tf.tidy(() => batchGradients(model, batch, trainable, ctx, controls, scale));
  const names = Object.keys(terms);
  const read = tf.tidy(() => tf.concat([tf.stack(names.map((n) => terms[n] as tf.Scalar)), checks]).dataSync());
  const values: StepValues = {};
  names.forEach((name, i) => (values[name] = read[i] ?? NaN));
  const [finite, gradNorm] = [read[names.length] === 1, read[names.length + 1] ?? NaN];
  values.gradNorm = gradNorm;

  let skipped: StepResult['skipped'] = null;
  if (scaler) {
    // At the smallest scale an "overflow" is no longer the format's fault: the model diverged.
    const atMinimum = scaler.scale <= scaler.minimum;
    if (scaler.update(finite).skip) skipped = atMinimum ? 'non-finite' : 'overflow';
  } else if (!finite || !Number.isFinite(values.loss ?? NaN)) skipped = 'non-finite';

  if (!skipped) {
    const clip = clipFactor(gradNorm, controls.optimizer.clipNorm);
    const clipped = tf.tidy(() => Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, clip === 1 ? g.clone() : tf.mul(g, clip)])));
    input.optimizer.apply(trainable, clipped, updateOptions(input));
    tf.dispose(Object.values(clipped));
    if (model.afterStep) model.afterStep(batch, ctx, input.rng);
    if (controls.gan.enabled && model.discriminatorLoss) Object.assign(values, discriminatorStep(input, batch));
  }
  tf.dispose([...Object.values(batch), ...Object.values(grads), ...Object.values(terms), checks]);
  return { values, applied: skipped === null, skipped };
}

/** Global-norm clipping: the factor that brings the gradient norm down to `maxNorm` (0 = off). */
export function clipFactor(gradNorm: number, maxNorm: number): number {
  return maxNorm > 0 && gradNorm > maxNorm ? maxNorm / gradNorm : 1;
}

/** The layer groups the controls leave unlocked. */
export function unlockedGroups(model: RecipeModel, controls: Controls): Set<string> {
  return new Set(model.params.all().map((p) => p.group).filter((group) => !controls.locks[group]));
}

/** Every parameter the generator step may move: not locked, and not the discriminator's. */
export function trainableParams(model: RecipeModel, controls: Controls): Param[] {
  return model.params.all().filter((p) => p.trainable && !controls.locks[p.group] && p.group !== model.discriminatorGroup);
}

/**
 * Gradients of the batch's mean loss, summed over `controls.accumulation` micro-batches, plus
 * the loss terms and [finite?, global norm]. Exported for the tests that compare settings.
 */
export function batchGradients(model: RecipeModel, batch: Batch, trainable: Param[], ctx: StepContext, controls: Controls, scale: number) {
  const parts = controls.accumulation;
  const micros = splitBatch(batch, parts);
  let sums: Record<string, tf.Tensor> = {};
  let termSums: Record<string, tf.Tensor> = {};
  const kept: tf.Tensor[] = [];
  for (let i = 0; i < parts; i++) {
    const micro = micros[i] as Batch;
    let named: Record<string, tf.Scalar> = {};
    if (trainable.length === 0) {
      // Everything is locked: report the losses, learn nothing (buffers like an EMA codebook
      // may still move in afterStep if their group is unlocked).
      named = model.losses(micro, ctx);
      termSums = addInto(termSums, named);
      continue;
    }
    const { value, grads } = tf.variableGrads(() => {
      named = model.losses(micro, ctx);
      // variableGrads frees what its function made except the returned loss: keep the terms.
      for (const [name, term] of Object.entries(named)) if (name !== 'loss') kept.push(tf.keep(term));
      return tf.mul(named.loss as tf.Scalar, scale) as tf.Scalar;
    }, trainable.map((p) => p.variable));
    sums = addInto(sums, grads);
    termSums = addInto(termSums, { ...named, loss: tf.div(value, scale) });
  }
  // Mean over micro-batches (each loss is already a batch mean), and undo the loss scale; a
  // division by 1 (one micro-batch, no loss scale) would only copy every gradient.
  const divisor = parts * scale;
  const grads = divisor === 1 ? sums : mapValues(sums, (g) => tf.div(g, divisor));
  const terms = mapValues(termSums, (t) => tf.div(t, parts) as tf.Scalar);
  tf.dispose(kept); // kept tensors escape tidy: release them by hand once summed
  // The global norm over all gradients as one vector: three ops, not three per parameter.
  const all = Object.values(grads).map((g) => tf.reshape(g, [g.size]));
  const sumSquares = all.length > 0 ? tf.sum(tf.square(all.length === 1 ? (all[0] as tf.Tensor) : tf.concat(all))) : tf.scalar(0);
  const finite = tf.cast(tf.isFinite(sumSquares), 'float32');
  return { grads, terms, checks: tf.stack([finite, tf.sqrt(sumSquares)]) as tf.Tensor1D };
}

/** The discriminator's own step, with the same guards as the generator's: finite check and clipping. */
function discriminatorStep(input: StepInput, batch: Batch): StepValues {
  const { model, controls, ctx } = input;
  const params = model.params.all().filter((p) => p.trainable && p.group === model.discriminatorGroup && !controls.locks[p.group]);
  if (params.length === 0 || !model.discriminatorLoss) return {};
  const lossFn = model.discriminatorLoss.bind(model);
  const { value, grads } = tf.variableGrads(() => lossFn(batch, ctx), params.map((p) => p.variable));
  const norm = tf.tidy(() => tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))));
  const [dLoss, gradNorm] = [value.dataSync()[0] ?? NaN, norm.dataSync()[0] ?? NaN];
  if (Number.isFinite(dLoss) && Number.isFinite(gradNorm)) {
    const clip = clipFactor(gradNorm, controls.optimizer.clipNorm);
    const clipped = tf.tidy(() => Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, clip)])));
    input.optimizer.apply(params, clipped, updateOptions(input));
    tf.dispose(Object.values(clipped));
  }
  tf.dispose([value, norm, ...Object.values(grads)]);
  return { 'gan/d_loss': dLoss };
}

function updateOptions(input: StepInput) {
  const { lrd, optimizer } = input.controls;
  return { learningRate: input.learningRate, weightDecay: optimizer.weightDecay, keep: lrd.enabled ? lrd.keep : null, maskSeed: input.rng.int(2 ** 30) };
}

/** `parts` equal micro-batches; a tensor that appears twice (inputs = targets) is split once. */
function splitBatch(batch: Batch, parts: number): Batch[] {
  if (parts === 1) return [batch];
  const pieces = new Map<tf.Tensor, tf.Tensor[]>();
  for (const tensor of Object.values(batch)) if (!pieces.has(tensor)) pieces.set(tensor, tf.split(tensor, parts));
  return Array.from({ length: parts }, (_, i) => {
    const micro: Record<string, tf.Tensor> = {};
    for (const [key, tensor] of Object.entries(batch)) micro[key] = (pieces.get(tensor) as tf.Tensor[])[i] as tf.Tensor;
    return micro as Batch;
  });
}

/**
 * Sums `more` into `sums`. The replaced sum and the added tensor are freed at once: inside the
 * step's tidy they would otherwise live until the step ends, two gradient-sized copies per
 * accumulation micro-batch on top of the next micro-batch's activations.
 */
function addInto<T extends tf.Tensor>(sums: Record<string, T>, more: Record<string, T>): Record<string, T> {
  const out = { ...sums };
  for (const [k, t] of Object.entries(more)) {
    const old = out[k];
    if (!old) {
      out[k] = t;
      continue;
    }
    out[k] = tf.add(old, t) as T;
    tf.dispose([old, t]);
  }
  return out;
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}
