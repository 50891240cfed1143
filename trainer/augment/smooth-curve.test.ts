import { describe, expect, it } from 'vitest';
import { Rng } from '../nn/rng.js';
import { addCurve, curvePrimitive, curveValue, drawSmoothCurve } from './smooth-curve.js';

describe('smooth random curves', () => {
  it('stay within [-1, 1] and draw a fixed count of numbers', () => {
    let largest = 0;
    for (let seed = 0; seed < 200; seed++) {
      const rng = new Rng(seed);
      const before = new Rng(seed);
      const c = drawSmoothCurve(rng, 3, 30, 120);
      for (let i = 0; i < 9; i++) before.next();
      expect(rng.state).toBe(before.state);
      for (let t = -200; t < 200; t += 0.7) largest = Math.max(largest, Math.abs(curveValue(c, t)));
    }
    expect(largest).toBeLessThanOrEqual(1 + 1e-12);
    expect(largest).toBeGreaterThan(0.9); // normalised, not squashed
  });

  it('have a closed-form antiderivative (matches a fine Riemann sum)', () => {
    const c = drawSmoothCurve(new Rng(5), 3, 30, 120);
    const steps = 20000;
    let sum = 0;
    for (let i = 0; i < steps; i++) sum += curveValue(c, 10 + ((i + 0.5) * 40) / steps) * (40 / steps);
    expect(curvePrimitive(c, 50) - curvePrimitive(c, 10)).toBeCloseTo(sum, 6);
  });

  it('the fast strided evaluation matches the direct one', () => {
    const c = drawSmoothCurve(new Rng(9), 2, 30, 120);
    const out = new Float32Array(64 * 4).fill(0.5);
    addCurve(c, 64, out, 1, 4, 0.01);
    for (let t = 0; t < 64; t++) {
      expect(out[t * 4 + 1]).toBeCloseTo(0.5 + 0.01 * curveValue(c, t), 6);
      expect(out[t * 4]).toBe(0.5);
    }
  });
});
