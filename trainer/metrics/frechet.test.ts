import { describe, expect, it } from 'vitest';
import { frechetDistance } from './frechet.js';
import type { FeatureMatrix } from './linear-algebra.js';
import { mulberry32 } from '../data/seeded-random.js';

function gaussianRows(count: number, dim: number, seed: number, mean = 0, scale = 1): Float64Array[] {
  const rng = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Array.from({ length: count }, () => Float64Array.from({ length: dim }, () => mean + scale * normal()));
}

/**
 * 2·dim points μ ± c·sᵢ·eᵢ: their sample mean is exactly μ and their sample covariance is
 * exactly diagonal, varᵢ = 2c²sᵢ²/(2·dim − 1) — a Gaussian summary known in closed form.
 */
function axisCross(mu: number[], s: number[]): { rows: Float64Array[]; std: number[] } {
  const dim = mu.length;
  const rows: Float64Array[] = [];
  for (let i = 0; i < dim; i++) {
    for (const sign of [1, -1]) {
      const row = Float64Array.from(mu);
      row[i]! += sign * s[i]!;
      rows.push(row);
    }
  }
  const std = s.map((x) => Math.sqrt((2 * x * x) / (2 * dim - 1)));
  return { rows, std };
}

function traceCov(rows: Float64Array[]): number {
  const dim = rows[0]!.length;
  let sum = 0;
  for (let i = 0; i < dim; i++) {
    const m = rows.reduce((acc, r) => acc + r[i]!, 0) / rows.length;
    sum += rows.reduce((acc, r) => acc + (r[i]! - m) ** 2, 0) / (rows.length - 1);
  }
  return sum;
}

describe('frechetDistance', () => {
  it('is zero for identical sets', () => {
    const rows = gaussianRows(500, 42, 1);
    const fd = frechetDistance(rows, rows);
    expect(fd).toBeLessThanOrEqual(1e-9 * 2 * traceCov(rows));
  });

  it('matches the closed form for Gaussians with diagonal covariances', () => {
    // For diagonal Σ the formula reduces to |μa−μb|² + Σᵢ (σaᵢ − σbᵢ)².
    const a = axisCross([0, 1, 2, 3], [1, 2, 0.5, 3]);
    const b = axisCross([1, -1, 2, 5], [2, 2, 1.5, 0.25]);
    const meanTerm = 1 + 4 + 0 + 4;
    const covTerm = a.std.reduce((acc, sa, i) => acc + (sa - b.std[i]!) ** 2, 0);
    expect(frechetDistance(a.rows, b.rows)).toBeCloseTo(meanTerm + covTerm, 10);
  });

  it('approaches the population closed form for large Gaussian samples', () => {
    // N(0, I) vs N(2, 9·I) in 3-D: 3·2² + 3·(1 − 3)² = 24.
    const fd = frechetDistance(gaussianRows(20000, 3, 2), gaussianRows(20000, 3, 3, 2, 3));
    expect(fd).toBeGreaterThan(24 * 0.95);
    expect(fd).toBeLessThan(24 * 1.05);
  });

  it('is exactly |v|² between a set and its own translate by v', () => {
    const a = gaussianRows(400, 6, 14);
    const v = [0.5, -1, 2, 0, 0.25, 3];
    const moved = a.map((row) => row.map((x, i) => x + v[i]!));
    expect(frechetDistance(a, moved)).toBeCloseTo(14.3125, 9);
  });

  it('changes only through the mean term when one of two different sets is translated', () => {
    const a = gaussianRows(400, 6, 4);
    const b = gaussianRows(300, 6, 5, 0.3, 1.5);
    const v = [0.5, -1, 2, 0, 0.25, 3];
    const shifted = b.map((row) => row.map((x, i) => x + v[i]!));
    const vv = v.reduce((acc, x) => acc + x * x, 0);
    expect(frechetDistance(a, shifted) - frechetDistance(a, b)).toBeCloseTo(
      vv + 2 * meanDot(a, b, v),
      8,
    );
  });

  it('is symmetric and does not depend on a shared rotation of the feature axes', () => {
    const a = gaussianRows(400, 5, 6);
    const b = gaussianRows(350, 5, 7, 0.5, 2).map((r) => r.map((x, i) => x * (i + 1)));
    const ab = frechetDistance(a, b);
    expect(frechetDistance(b, a)).toBeCloseTo(ab, 9);
    // A rotation in the (0, 1) plane makes both covariances non-diagonal.
    const rotate = (r: Float64Array): Float64Array => {
      const out = Float64Array.from(r);
      out[0] = 0.6 * r[0]! - 0.8 * r[1]!;
      out[1] = 0.8 * r[0]! + 0.6 * r[1]!;
      return out;
    };
    expect(frechetDistance(a.map(rotate), b.map(rotate))).toBeCloseTo(ab, 9);
  });

  it('accepts a flat matrix and agrees with the array form', () => {
    const rows = gaussianRows(100, 4, 8);
    const other = gaussianRows(100, 4, 9, 1);
    const flat: FeatureMatrix = { rows: 100, dim: 4, data: new Float64Array(400) };
    other.forEach((r, i) => (flat.data as Float64Array).set(r, i * 4));
    expect(frechetDistance(rows, flat)).toBeCloseTo(frechetDistance(rows, other), 12);
  });

  it('handles rank-deficient covariances (a feature that never moves)', () => {
    const a = gaussianRows(200, 3, 10).map((r) => Float64Array.of(r[0]!, r[1]!, 0));
    const b = gaussianRows(200, 3, 11).map((r) => Float64Array.of(r[0]!, r[1]!, 0));
    const fd = frechetDistance(a, b);
    expect(Number.isFinite(fd)).toBe(true);
    expect(frechetDistance(a, a)).toBeLessThan(1e-9);
  });

});

/** The cross term the translation adds: |μa − μb − v|² − |μa − μb|² = |v|² − 2(μa−μb)·v. */
function meanDot(a: Float64Array[], b: Float64Array[], v: number[]): number {
  let dot = 0;
  for (let i = 0; i < v.length; i++) {
    const ma = a.reduce((acc, r) => acc + r[i]!, 0) / a.length;
    const mb = b.reduce((acc, r) => acc + r[i]!, 0) / b.length;
    dot -= (ma - mb) * v[i]!;
  }
  return dot;
}
