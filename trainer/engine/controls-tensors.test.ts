/**
 * Every live control proven on tensors, not flags: real steps of the demo autoencoder on the
 * wasm backend, comparing weights, optimizer state and gradients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../nn/tf.js';
import type { MotionDatasetLike } from '../recipes/motion-autoencoder/windows.js';
import { demoData, StepHarness } from '../testing/step-harness.js';
import { selectBackend } from './backend.js';
import { Rng } from '../nn/rng.js';
import { batchGradients, trainableParams, unlockedGroups } from './train-step.js';

let data: MotionDatasetLike;
let remove: () => void;
beforeAll(async () => {
  await selectBackend('wasm');
  ({ data, remove } = await demoData({ trainClips: 12, validationClips: 3 }));
});
afterAll(() => remove());

const changedFraction = (a: Float32Array, b: Float32Array) => a.reduce((n, v, i) => n + (v !== b[i] ? 1 : 0), 0) / a.length;
const identical = (a: Map<string, Float32Array>, b: Map<string, Float32Array>) =>
  [...a].every(([name, values]) => Buffer.from(values.buffer).equals(Buffer.from((b.get(name) as Float32Array).buffer)));

describe('layer-group locks', () => {
  it('keep a locked group bit-identical for 50 steps while the rest trains, and keep its optimizer state for the unlock', () => {
    const h = new StepHarness(data, 11);
    h.run(3);
    const moments = () => new Map([...h.optimizer.moments()].filter(([n]) => n.startsWith('encoder.')).map(([n, v]) => [n, v.dataSync().slice() as Float32Array]));
    const encoderBefore = h.weights('encoder');
    const decoderBefore = h.weights('decoder');
    const momentsBefore = moments();
    const stepsBefore = h.optimizer.stepCounts();

    h.set({ locks: { encoder: true } });
    h.run(50);
    expect(identical(h.weights('encoder'), encoderBefore)).toBe(true);
    expect(identical(h.weights('decoder'), decoderBefore)).toBe(false);
    expect(identical(moments(), momentsBefore)).toBe(true);
    expect(h.optimizer.stepCounts()['encoder.in.w']).toBe(stepsBefore['encoder.in.w']);

    h.set({ locks: { encoder: false } });
    h.run(1);
    // Training resumes from the kept moments: the step count continues, it does not restart.
    expect(h.optimizer.stepCounts()['encoder.in.w']).toBe((stepsBefore['encoder.in.w'] as number) + 1);
    expect(identical(h.weights('encoder'), encoderBefore)).toBe(false);
    h.dispose();
  });
});

describe('everything locked', () => {
  it('reports the losses and changes no weight', () => {
    const h = new StepHarness(data, 19, { locks: { encoder: true, decoder: true, discriminator: true } });
    const before = h.weights();
    const result = h.run(3);
    expect(Number.isFinite(result.values.loss)).toBe(true);
    expect(identical(h.weights(), before)).toBe(true);
    h.dispose();
  });
});

describe('learning-rate dropout', () => {
  it('updates a fraction p of the weight elements each step', () => {
    const h = new StepHarness(data, 12);
    h.run(3);
    for (const keep of [0.3, 0.7]) {
      h.set({ lrd: { enabled: true, keep } });
      const fractions: number[] = [];
      for (let i = 0; i < 3; i++) {
        const before = h.weights('decoder').get('decoder.up1.w') as Float32Array;
        h.run(1);
        fractions.push(changedFraction(before, h.weights('decoder').get('decoder.up1.w') as Float32Array));
      }
      // 8,192 elements: the standard error of the fraction is under 0.006.
      for (const f of fractions) expect(f).toBeCloseTo(keep, 1);
    }
    h.set({ lrd: { enabled: false } });
    const before = h.weights('decoder').get('decoder.up1.w') as Float32Array;
    h.run(1);
    expect(changedFraction(before, h.weights('decoder').get('decoder.up1.w') as Float32Array)).toBeGreaterThan(0.95);
    h.dispose();
  });
});

describe('GAN', () => {
  it('trains the discriminator and reports D and G-adversarial losses only when on', () => {
    const h = new StepHarness(data, 13);
    const dBefore = h.weights('discriminator');
    const off = h.run(3);
    expect(identical(h.weights('discriminator'), dBefore)).toBe(true);
    expect(off.values).not.toHaveProperty('gan/d_loss');
    expect(off.values).not.toHaveProperty('gan/g_adv');

    h.set({ gan: { enabled: true, power: 0.5 } });
    const on = h.run(2);
    expect(identical(h.weights('discriminator'), dBefore)).toBe(false);
    expect(Number.isFinite(on.values['gan/d_loss'])).toBe(true);
    expect(Number.isFinite(on.values['gan/g_adv'])).toBe(true);
    h.dispose();
  });
});

describe('precision', () => {
  it('BF16 and FP16 change the numbers a step computes (emulated rounding), FP32 does not', () => {
    const losses = (['fp32', 'fp32', 'bf16', 'fp16'] as const).map((precision) => {
      const h = new StepHarness(data, 14, { precision });
      const loss = h.run(1).values.loss as number;
      h.dispose();
      return loss;
    });
    expect(losses[1]).toBe(losses[0]);
    expect(losses[2]).not.toBe(losses[0]);
    expect(losses[3]).not.toBe(losses[0]);
    expect(Math.abs((losses[2] as number) - (losses[0] as number)) / (losses[0] as number)).toBeLessThan(0.05);
  });

  it('skips an FP16 overflow step, leaves the weights unchanged, halves the loss scale and counts it', () => {
    const h = new StepHarness(data, 15, { precision: 'fp16' });
    h.run(1);
    const scaler = h.numerics.scaler;
    if (!scaler) throw new Error('FP16 must have a loss scaler');
    expect(scaler.scale).toBe(2 ** 15);
    scaler.scale = 2 ** 40; // far past 65504 once multiplied into the gradients
    const before = h.weights();
    const result = h.run(1);
    expect(result).toMatchObject({ applied: false, skipped: 'overflow' });
    expect(identical(h.weights(), before)).toBe(true);
    expect(scaler.state()).toMatchObject({ scale: 2 ** 39, skipped: 1 });
    expect(h.numerics.report()).toEqual({ lossScale: 2 ** 39, skippedSteps: 1 });
    h.dispose();
  });
});

describe('gradients under memory settings', () => {
  const gradsFor = (h: StepHarness) => {
    const batch = h.model.nextBatch(new Rng(99), { batchSize: 16, warpStrength: 0 });
    const ctx = { quantize: (x: tf.Tensor) => x, recompute: h.controls.recompute, adversarialWeight: 0, trainable: unlockedGroups(h.model, h.controls) };
    const out = tf.tidy(() => batchGradients(h.model, batch, trainableParams(h.model, h.controls), ctx, h.controls, 1));
    // Keyed by parameter name: TF.js variable names differ between two models.
    const names = new Map(h.model.params.all().map((p) => [p.variable.name, p.name]));
    const values = Object.fromEntries(Object.entries(out.grads).map(([k, g]) => [names.get(k) as string, g.dataSync().slice() as Float32Array]));
    tf.dispose([batch.inputs, batch.targets, ...Object.values(out.grads), ...Object.values(out.terms), out.checks]);
    return values;
  };
  const expectClose = (a: Record<string, Float32Array>, b: Record<string, Float32Array>) => {
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const [k, values] of Object.entries(a)) {
      const other = b[k] as Float32Array;
      let worst = 0;
      values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (other[i] as number)))));
      expect(worst, k).toBeLessThan(1e-5);
    }
  };

  it('gradient accumulation: 4 micro-batches of 4 equal one batch of 16 to 1e-5', () => {
    const one = new StepHarness(data, 16, { batchSize: 16, accumulation: 1 });
    const four = new StepHarness(data, 16, { batchSize: 16, accumulation: 4 });
    expectClose(gradsFor(four), gradsFor(one));
    one.dispose();
    four.dispose();
  });

  it('activation recomputation gives the same gradients to 1e-5', () => {
    const kept = new StepHarness(data, 17, { recompute: false });
    const recomputed = new StepHarness(data, 17, { recompute: true });
    expectClose(gradsFor(recomputed), gradsFor(kept));
    kept.dispose();
    recomputed.dispose();
  });
});

describe('random warp', () => {
  it('warps the inputs only: with it on inputs differ from targets, with it off they are the same', () => {
    const h = new StepHarness(data, 18);
    const on = h.model.nextBatch(new Rng(5), { batchSize: 4, warpStrength: 1 });
    const off = h.model.nextBatch(new Rng(5), { batchSize: 4, warpStrength: 0 });
    expect(tf.max(tf.abs(tf.sub(on.inputs, on.targets))).dataSync()[0]).toBeGreaterThan(0.01);
    expect([...off.inputs.dataSync()]).toEqual([...off.targets.dataSync()]);
    // The clean targets are the same windows either way: the warp never touches them.
    expect([...on.targets.dataSync()]).toEqual([...off.targets.dataSync()]);
    tf.dispose([on.inputs, on.targets, off.inputs, off.targets]);
    h.dispose();
  });
});
