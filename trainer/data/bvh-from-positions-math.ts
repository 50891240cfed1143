/**
 * Rotation math for turning joint positions back into BVH rotations: fitting a rotation to
 * bone directions, and converting between matrices and BVH Euler angles.
 *
 * Conventions match bvh-kinematics.ts: 3×3 matrices are row-major, column vectors
 * (v' = R·v), right-handed; a BVH rotation list [a, b, c] is intrinsic, R = Ra · Rb · Rc.
 * Angles here are radians; the caller converts to the degrees BVH stores.
 */

export type Vec3 = [number, number, number];
/** Row-major 3×3. */
export type Mat3 = number[];
/** 0 = X, 1 = Y, 2 = Z. */
export type Axis = 0 | 1 | 2;

export const IDENTITY: readonly number[] = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function axisRotation(axis: Axis, angle: number): Mat3 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  if (axis === 0) return [1, 0, 0, 0, c, -s, 0, s, c];
  if (axis === 1) return [c, 0, s, 0, 1, 0, -s, 0, c];
  return [c, -s, 0, s, c, 0, 0, 0, 1];
}

export function multiply(a: readonly number[], b: readonly number[]): Mat3 {
  const out: Mat3 = new Array<number>(9);
  for (let i = 0; i < 3; i++) {
    for (let k = 0; k < 3; k++) {
      out[i * 3 + k] = a[i * 3]! * b[k]! + a[i * 3 + 1]! * b[3 + k]! + a[i * 3 + 2]! * b[6 + k]!;
    }
  }
  return out;
}

/** Rᵀ·v: a world vector expressed in the frame whose world rotation is R. */
export function transposeApply(r: readonly number[], v: Vec3): Vec3 {
  return [
    r[0]! * v[0] + r[3]! * v[1] + r[6]! * v[2],
    r[1]! * v[0] + r[4]! * v[1] + r[7]! * v[2],
    r[2]! * v[0] + r[5]! * v[1] + r[8]! * v[2],
  ];
}

/** Intrinsic rotation sequence: R = R_axes[0](angles[0]) · R_axes[1](angles[1]) · … */
export function eulerToMatrix(axes: readonly Axis[], angles: readonly number[]): Mat3 {
  let m: Mat3 = [...IDENTITY];
  axes.forEach((axis, i) => {
    m = multiply(m, axisRotation(axis, angles[i]!));
  });
  return m;
}

/** +1 when (i, j, k) is a cyclic order of (X, Y, Z), i.e. e_i × e_j = +e_k; else -1. */
function parity(i: Axis, j: Axis): number {
  return (j - i + 3) % 3 === 1 ? 1 : -1;
}

/**
 * Angles [α, β, γ] with R = R_a(α)·R_b(β)·R_c(γ), for any sequence with a ≠ b ≠ c:
 * Tait–Bryan (three distinct axes, e.g. ZXY, ZYX as CMU writes) and proper Euler (a = c,
 * e.g. ZXZ), since the BVH reader accepts any channel list. At gimbal lock the split
 * between α and γ is arbitrary, so γ is 0 and α takes the whole turn.
 */
export function matrixToEuler(r: readonly number[], axes: readonly [Axis, Axis, Axis]): Vec3 {
  const [i, j, k] = axes;
  if (i === j || j === k) throw new Error(`matrixToEuler: consecutive axes must differ, got ${axes.join(',')}`);
  const at = (row: number, col: number): number => r[row * 3 + col]!;
  if (i !== k) {
    const s = parity(i, j);
    // atan2 of (sin, cos) rather than asin keeps β accurate near ±90°.
    const cosB = Math.hypot(at(i, i), at(i, j));
    const beta = Math.atan2(s * at(i, k), cosB);
    if (cosB < 1e-12) return [Math.atan2(s * at(k, j), at(j, j)), beta, 0];
    return [Math.atan2(-s * at(j, k), at(k, k)), beta, Math.atan2(-s * at(i, j), at(i, i))];
  }
  const m = (3 - i - j) as Axis;
  const s = parity(i, j);
  const sinB = Math.hypot(at(i, j), at(i, m));
  const beta = Math.atan2(sinB, at(i, i));
  if (sinB < 1e-12) return [Math.atan2(s * at(m, j), at(j, j)), beta, 0];
  return [Math.atan2(at(j, i), -s * at(m, i)), beta, Math.atan2(at(i, j), s * at(i, m))];
}

function quaternionToMatrix(w: number, x: number, y: number, z: number): Mat3 {
  const n = Math.hypot(w, x, y, z);
  w /= n;
  x /= n;
  y /= n;
  z /= n;
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
    2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
    2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
  ];
}

/**
 * The smallest rotation taking direction `from` to direction `to` (a swing with no twist
 * about the bone), so a one-child joint turns only as much as the generated bone asks.
 */
export function swingBetween(from: Vec3, to: Vec3): Mat3 {
  const a = normalize(from);
  const b = normalize(to);
  const dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  if (dot < -1 + 1e-12) {
    // Opposite directions: any axis perpendicular to the bone gives a minimal 180° turn.
    const helper: Vec3 = Math.abs(a[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
    const axis = normalize(cross(a, helper));
    return quaternionToMatrix(0, axis[0], axis[1], axis[2]);
  }
  const c = cross(a, b);
  return quaternionToMatrix(1 + dot, c[0], c[1], c[2]);
}

/**
 * The rotation R minimising Σ |R·rest_i − target_i|² (Horn's quaternion method: the top
 * eigenvector of a 4×4 symmetric matrix). Chosen over an SVD-based Kabsch because it always
 * yields a proper rotation, with no reflection case to patch. The caller scales each target
 * to its rest length, so long bones (whose direction errors move joints most) weigh most.
 */
export function fitRotation(rest: readonly Vec3[], target: readonly Vec3[]): Mat3 {
  const S: number[] = new Array<number>(9).fill(0);
  rest.forEach((a, n) => {
    const b = target[n]!;
    for (let p = 0; p < 3; p++) for (let q = 0; q < 3; q++) S[p * 3 + q] = S[p * 3 + q]! + a[p]! * b[q]!;
  });
  const [xx, xy, xz, yx, yy, yz, zx, zy, zz] = S as [number, number, number, number, number, number, number, number, number];
  const N = [
    [xx + yy + zz, yz - zy, zx - xz, xy - yx],
    [yz - zy, xx - yy - zz, xy + yx, zx + xz],
    [zx - xz, xy + yx, -xx + yy - zz, yz + zy],
    [xy - yx, zx + xz, yz + zy, -xx - yy + zz],
  ];
  const q = topEigenvector(N);
  return quaternionToMatrix(q[0]!, q[1]!, q[2]!, q[3]!);
}

/** Cyclic Jacobi on a small symmetric matrix; returns the eigenvector of the largest eigenvalue. */
function topEigenvector(input: number[][]): number[] {
  const n = input.length;
  const a = input.map((row) => [...row]);
  const v: number[][] = a.map((_, r) => a.map((__, c) => (r === c ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let best = 0;
  for (let k = 1; k < n; k++) if (a[k]![k]! > a[best]![best]!) best = k;
  return v.map((row) => row[best]!);
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function length(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}

export function normalize(v: Vec3): Vec3 {
  const n = length(v);
  return n === 0 ? [0, 0, 0] : [v[0] / n, v[1] / n, v[2] / n];
}
