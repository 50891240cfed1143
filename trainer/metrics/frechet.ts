/**
 * Fréchet distance between two sets of feature vectors, each summarised as a Gaussian:
 *
 *   FD = |μa − μb|² + Tr(Σa + Σb − 2·(Σa^½ Σb Σa^½)^½)
 *
 * This is the FID/FD formula written in its symmetric form. The textbook (ΣaΣb)^½ needs a
 * general (non-symmetric) matrix square root, which is what makes scipy's sqrtm return
 * complex noise; Σa^½ Σb Σa^½ is symmetric PSD and similar to ΣaΣb, so it has the same
 * eigenvalues and only symmetric square roots are needed. And since only the trace of the
 * outer root is used, that root is never formed: Tr(M^½) = Σ √λ(M).
 */
import {
  type FeatureSet,
  type MeanCovariance,
  matMul,
  meanAndCovariance,
  symmetricEigen,
  symmetricSqrt,
  trace,
} from './linear-algebra.js';

/** Fréchet distance between the Gaussian summaries of two feature sets (rows = samples). */
export function frechetDistance(a: FeatureSet, b: FeatureSet): number {
  return frechetFromStats(meanAndCovariance(a), meanAndCovariance(b));
}

/**
 * Same, from precomputed statistics — so an evaluation loop can summarise the real
 * validation set once and reuse it for every checkpoint.
 */
export function frechetFromStats(a: MeanCovariance, b: MeanCovariance): number {
  const n = a.dim;
  if (b.dim !== n) throw new Error(`feature dims differ: ${a.dim} vs ${b.dim}`);
  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (a.mean[i]! - b.mean[i]!) ** 2;

  const rootA = symmetricSqrt(a.cov, n);
  const middle = matMul(matMul(rootA, b.cov, n), rootA, n);
  const { values } = symmetricEigen(middle, n, { vectors: false });
  let traceRoot = 0;
  // Tiny negative eigenvalues are rounding on a PSD matrix; they have no real root.
  for (const lambda of values) traceRoot += Math.sqrt(Math.max(0, lambda));

  const fd = meanTerm + trace(a.cov, n) + trace(b.cov, n) - 2 * traceRoot;
  // FD is a squared distance; a result a few ulps below zero (identical sets) is rounding.
  return Math.max(0, fd);
}
