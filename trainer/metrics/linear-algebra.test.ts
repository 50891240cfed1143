import { describe, expect, it } from 'vitest';
import { matMul, meanAndCovariance, symmetricEigen, symmetricSqrt } from './linear-algebra.js';
import { mulberry32 } from '../data/seeded-random.js';

function randomSymmetricPsd(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const g = Float64Array.from({ length: n * n }, () => rng() - 0.5);
  const gt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) gt[j * n + i] = g[i * n + j]!;
  return matMul(g, gt, n);
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
}

describe('meanAndCovariance', () => {
  it('gives the unbiased sample covariance', () => {
    const rows = [Float64Array.of(1, 2), Float64Array.of(3, 6), Float64Array.of(5, 10)];
    const { mean, cov } = meanAndCovariance(rows);
    expect([...mean]).toEqual([3, 6]);
    // x: var 4, y = 2x: var 16, cov 8.
    expect([...cov]).toEqual([4, 8, 8, 16]);
  });

  it('stays accurate for features far from the origin', () => {
    const rows = [1e8 + 1, 1e8 + 2, 1e8 + 3].map((x) => Float64Array.of(x));
    expect(meanAndCovariance(rows).cov[0]).toBeCloseTo(1, 9);
  });

  it('refuses a single sample', () => {
    expect(() => meanAndCovariance([Float64Array.of(1)])).toThrow(/at least 2/);
  });
});

describe('symmetricEigen', () => {
  it('finds known eigenvalues and unit eigenvectors', () => {
    // [[2,1],[1,2]] has eigenvalues 3 (along (1,1)) and 1 (along (1,−1)).
    const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0]!)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0]! * vectors[2]!).toBeGreaterThan(0);
  });

  it('reconstructs a 60×60 matrix as V·diag(λ)·Vᵀ', () => {
    const n = 60;
    const a = randomSymmetricPsd(n, 1);
    const { values, vectors } = symmetricEigen(a, n);
    const back = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
        back[i * n + j] = s;
      }
    }
    expect(maxAbsDiff(back, a)).toBeLessThan(1e-12);
    for (let k = 1; k < n; k++) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]!);
  });
});

describe('symmetricSqrt', () => {
  it('squares back to the matrix', () => {
    const n = 42;
    const a = randomSymmetricPsd(n, 2);
    const root = symmetricSqrt(a, n);
    expect(maxAbsDiff(matMul(root, root, n), a)).toBeLessThan(1e-12);
  });

  it('clamps eigenvalues rounding pushed below zero', () => {
    // Rank-1 PSD matrix: eigenvalues 2 and 0, the 0 may come out as −ε.
    const root = symmetricSqrt(Float64Array.of(1, 1, 1, 1), 2);
    expect(root.every(Number.isFinite)).toBe(true);
    expect(root[0]).toBeCloseTo(Math.SQRT1_2, 12);
  });
});
