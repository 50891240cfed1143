/**
 * The small dense linear algebra the evaluation metrics need, on plain Float64Arrays.
 *
 * Matrices are row-major n×n Float64Arrays. Everything here is sized for feature
 * covariances (dims ≲ 200): simple, exact-enough O(n³) code beats pulling TF.js into an
 * evaluation path that must give the same number on every backend.
 */

/** A set of feature vectors stored flat, row-major: row r is data[r·dim … r·dim+dim). */
export interface FeatureMatrix {
  rows: number;
  dim: number;
  data: Float64Array | Float32Array;
}

/** Either one array per sample, or one flat matrix (cheaper when pooling thousands of frames). */
export type FeatureSet = readonly Float64Array[] | FeatureMatrix;

export interface MeanCovariance {
  dim: number;
  count: number;
  mean: Float64Array;
  /** dim×dim, row-major, unbiased (÷ count−1) to match numpy's np.cov used by FID/FD code. */
  cov: Float64Array;
}

export function asFeatureMatrix(set: FeatureSet): FeatureMatrix {
  if (!Array.isArray(set)) return set as FeatureMatrix;
  const rows = set as readonly Float64Array[];
  const dim = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * dim);
  rows.forEach((row, r) => {
    if (row.length !== dim) throw new Error(`feature row ${r} has ${row.length} values, expected ${dim}`);
    data.set(row, r * dim);
  });
  return { rows: rows.length, dim, data };
}

/** Sample mean and unbiased covariance of the rows. Needs ≥ 2 rows for a covariance. */
export function meanAndCovariance(set: FeatureSet): MeanCovariance {
  const { rows, dim, data } = asFeatureMatrix(set);
  if (rows < 2) throw new Error(`covariance needs at least 2 samples, got ${rows}`);
  // Centre first (two-pass) rather than E[xxᵀ] − μμᵀ: the one-pass form cancels
  // catastrophically when features sit far from the origin relative to their spread.
  // Stored transposed (one contiguous column per feature) so each covariance entry is a
  // contiguous dot product — ~1.5× faster in V8 than accumulating row outer products.
  const mean = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const o = r * dim;
    for (let i = 0; i < dim; i++) mean[i]! += data[o + i]!;
  }
  for (let i = 0; i < dim; i++) mean[i]! /= rows;
  const columns = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const o = r * dim;
    for (let i = 0; i < dim; i++) columns[i * rows + r] = data[o + i]! - mean[i]!;
  }
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    const ci = i * rows;
    for (let j = i; j < dim; j++) {
      const cj = j * rows;
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += columns[ci + r]! * columns[cj + r]!;
      cov[i * dim + j] = sum;
    }
  }
  const scale = 1 / (rows - 1);
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const v = cov[i * dim + j]! * scale;
      cov[i * dim + j] = v;
      cov[j * dim + i] = v;
    }
  }
  return { dim, count: rows, mean, cov };
}

export interface EigenOptions {
  /** Stop when ‖offdiag(A)‖_F ≤ tolerance · ‖A‖_F. */
  tolerance?: number;
  maxSweeps?: number;
  /** Skip accumulating eigenvectors when only eigenvalues are needed (about 2× faster). */
  vectors?: boolean;
}

export interface SymmetricEigen {
  /** Descending. */
  values: Float64Array;
  /** n×n row-major; column k is the unit eigenvector for values[k]. Empty if not requested. */
  vectors: Float64Array;
}

/**
 * Cyclic Jacobi eigendecomposition of a symmetric matrix (only the symmetric part is used).
 *
 * Why Jacobi: it is short, unconditionally stable, and (unlike tridiagonal QR) computes the
 * small eigenvalues of a positive semi-definite matrix to high relative accuracy — exactly
 * the ones a covariance square root is sensitive to. Cost is ~n³ per sweep and it converges
 * quadratically, typically in 6–10 sweeps; for n ≤ ~200 that is milliseconds.
 * Default tolerance 1e-14 relative: rounding floors the off-diagonal near 1e-16·‖A‖, so
 * this is as converged as double precision allows without risking a sweep-limit stall.
 */
export function symmetricEigen(matrix: Float64Array, n: number, options: EigenOptions = {}): SymmetricEigen {
  const tolerance = options.tolerance ?? 1e-14;
  const maxSweeps = options.maxSweeps ?? 60;
  const wantVectors = options.vectors ?? true;
  if (matrix.length !== n * n) throw new Error(`expected ${n}×${n} matrix, got ${matrix.length} values`);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (matrix[i * n + j]! + matrix[j * n + i]!);
  }
  const v = wantVectors ? identity(n) : new Float64Array(0);
  let total = 0;
  for (let k = 0; k < n * n; k++) total += a[k]! * a[k]!;
  const limit = tolerance * tolerance * total;

  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * a[p * n + q]! ** 2;
    if (off <= limit) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        // Rotation angle chosen to zero a[p][q]; t is the smaller root, so |angle| ≤ π/4.
        const theta = (aqq - app) / (2 * apq);
        const t = Math.abs(theta) > 1e150
          ? 1 / (2 * theta)
          : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          const kp = c * akp - s * akq;
          const kq = s * akp + c * akq;
          a[k * n + p] = kp;
          a[p * n + k] = kp;
          a[k * n + q] = kq;
          a[q * n + k] = kq;
        }
        a[p * n + p] = app - t * apq;
        a[q * n + q] = aqq + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        if (!wantVectors) continue;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return sortDescending(a, v, n, wantVectors);
}

/**
 * Principal square root of a symmetric positive semi-definite matrix: V·diag(√λ)·Vᵀ.
 * Eigenvalues that rounding pushed slightly below zero are clamped to 0 (a covariance has
 * none that are truly negative); genuinely indefinite input would be silently projected, so
 * callers should only pass covariances or products of the form S·Σ·S.
 */
export function symmetricSqrt(matrix: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const roots = values.map((x) => Math.sqrt(Math.max(0, x)));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += vectors[i * n + k]! * roots[k]! * vectors[j * n + k]!;
      out[i * n + j] = sum;
      out[j * n + i] = sum;
    }
  }
  return out;
}

/** C = A·B for row-major n×n matrices. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += aik * b[k * n + j]!;
    }
  }
  return out;
}

export function trace(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i * n + i]!;
  return sum;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function sortDescending(a: Float64Array, v: Float64Array, n: number, withVectors: boolean): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  if (!withVectors) return { values, vectors: new Float64Array(0) };
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}
