import { describe, expect, it } from 'vitest';
import { denseLayer, layerFlops, stepFlops } from './flop-count.js';

describe('model FLOPs from layer shapes', () => {
  it('counts 2·m·k·n forward and one more product per gradient needed', () => {
    // [2×3]·[3×4]: 24 multiply-adds = 48 FLOPs.
    expect(layerFlops(denseLayer('hidden', [3, 4], 2, { trained: true, inputGrad: true }))).toEqual({ forward: 48, backward: 96, total: 144 });
    expect(layerFlops(denseLayer('first', [3, 4], 2, { trained: true, inputGrad: false }))).toEqual({ forward: 48, backward: 48, total: 96 });
    expect(layerFlops(denseLayer('frozen', [3, 4], 2, { trained: false, inputGrad: false }))).toEqual({ forward: 48, backward: 0, total: 48 });
  });

  it('sums a toy two-layer MLP and repeats batched products', () => {
    // batch 8: 10 → 16 (first layer) → 5.
    const layers = [denseLayer('l1', [10, 16], 8, { trained: true, inputGrad: false }), denseLayer('l2', [16, 5], 8, { trained: true, inputGrad: true })];
    const l1 = 2 * 8 * 10 * 16;
    const l2 = 2 * 8 * 16 * 5;
    expect(stepFlops(layers)).toEqual({ forward: l1 + l2, backward: l1 + 2 * l2, total: 2 * l1 + 3 * l2 });
    expect(layerFlops({ name: 'heads', rows: 6, inputs: 4, outputs: 6, count: 3, leftGrad: true, rightGrad: true }).forward).toBe(3 * 2 * 6 * 4 * 6);
  });

  it('refuses a weight that is not a matrix, naming the layer', () => {
    expect(() => denseLayer('bias', [4], 2, { trained: true, inputGrad: true })).toThrow(/bias/);
  });
});
