/**
 * Our wasm kernels change how a step is computed, not what it computes: the demo autoencoder
 * trained 20 steps on TF.js's stock kernels and 20 steps on ours, from the same seed, follows
 * the same loss curve up to float32 rounding (our products and fused layers sum in another
 * order than XNNPACK and matMul + add, and the differences compound over the steps).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import type { ControlsPatch } from '../protocol.js';
import { demoData, StepHarness } from '../testing/step-harness.js';
import type { MotionDatasetLike } from '../recipes/motion-autoencoder/windows.js';
import { kernelPaths } from './kernel-paths.js';
import { installKernels } from './kernels.js';

const STEPS = 20;

/**
 * The controls each pair of curves trains under, and the largest relative gap allowed between
 * their losses at any step. float32 differs by rounding only (measured: 4e-7). BF16 rounds every
 * layer boundary to 8 mantissa bits, so a last-bit difference in float32 sometimes flips a value
 * to the neighbouring BF16 step (a relative 4e-3) and the curves drift further apart (measured:
 * 4.4e-4 by step 20); its rounding kernel is checked bit for bit in round-simd.test.ts.
 */
const CASES: { name: string; patch: ControlsPatch; tolerance: number }[] = [
  { name: 'fp32', patch: {}, tolerance: 1e-5 },
  { name: 'bf16', patch: { precision: 'bf16' }, tolerance: 2e-3 },
];

let data: MotionDatasetLike;
let remove: () => void;

beforeAll(async () => {
  ({ data, remove } = await demoData());
});
afterAll(() => remove());

function lossCurve(seed: number, patch: ControlsPatch): number[] {
  const harness = new StepHarness(data, seed, patch);
  const losses = Array.from({ length: STEPS }, () => harness.run(1).values.loss as number);
  harness.dispose();
  return losses;
}

const relativeGap = (a: number[], b: number[]): number => Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number)) / Math.abs(b[i] as number)));

describe('20 training steps with and without our wasm kernels', () => {
  it('follow the same loss curve, in float32 and in BF16', async () => {
    // Stock first: TF.js keeps no copy of the kernels ours replace, so ours cannot be taken out again.
    expect((await selectBackend('wasm', 'stock')).kernels.kind).toBe('stock');
    const stock = CASES.map(({ patch }) => lossCurve(3, patch));
    expect(installKernels('wasm', 'custom')).toEqual({ kind: 'custom' });
    expect(kernelPaths().custom).toBe(true);
    const custom = CASES.map(({ patch }) => lossCurve(3, patch));
    CASES.forEach(({ name, tolerance }, i) => {
      const [ours, theirs] = [custom[i] as number[], stock[i] as number[]];
      expect(relativeGap(ours, theirs), `${name}: largest relative loss gap`).toBeLessThan(tolerance);
      expect(ours[STEPS - 1]).toBeLessThan(ours[0] as number); // it trained at all
    });
  });
});
