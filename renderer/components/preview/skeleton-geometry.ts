/**
 * A skeleton as line segments, from the dataset's parent list: one bone per joint that has a
 * parent. Pure arithmetic on typed arrays, so the three.js scene only copies numbers per frame
 * and this part is tested without a GPU.
 */

/** [child, parent] index pairs, one per bone. A parent out of range or equal to the joint is no bone. */
export function bonePairs(parents: readonly number[]): Int32Array {
  const pairs: number[] = [];
  parents.forEach((parent, joint) => {
    if (parent >= 0 && parent < parents.length && parent !== joint) pairs.push(joint, parent);
  });
  return Int32Array.from(pairs);
}

/** Writes both ends of every bone at `frame` into `out` (bones × 2 × xyz), shifted by `offsetX`. */
export function writeBoneSegments(positions: Float32Array, frame: number, joints: number, pairs: Int32Array, offsetX: number, out: Float32Array): void {
  const base = frame * joints * 3;
  for (let b = 0; b < pairs.length; b++) {
    const from = base + (pairs[b] as number) * 3;
    out[b * 3] = (positions[from] as number) + offsetX;
    out[b * 3 + 1] = positions[from + 1] as number;
    out[b * 3 + 2] = positions[from + 2] as number;
  }
}

export interface MotionBounds {
  /** Lowest y over the clip: where the ground grid goes. */
  floor: number;
  height: number;
  /** Extent along x: how far apart side-by-side figures must stand. */
  width: number;
  centre: [number, number, number];
}

/** Extent over every frame of one or more motions (frames × joints × 3 each). */
export function motionBounds(motions: readonly Float32Array[]): MotionBounds {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const values of motions) {
    for (let i = 0; i + 2 < values.length; i += 3) {
      // A joint with any non-finite coordinate (a diverged model) says nothing about where the body is.
      if (!(Number.isFinite(values[i]) && Number.isFinite(values[i + 1]) && Number.isFinite(values[i + 2]))) continue;
      for (let k = 0; k < 3; k++) {
        const v = values[i + k] as number;
        if (v < (min[k] as number)) min[k] = v;
        if (v > (max[k] as number)) max[k] = v;
      }
    }
  }
  if (!Number.isFinite(min[1])) return { floor: 0, height: 1, width: 0.5, centre: [0, 0.5, 0] };
  const centre = [0, 1, 2].map((k) => ((min[k] as number) + (max[k] as number)) / 2) as [number, number, number];
  return { floor: min[1] as number, height: Math.max(1e-3, (max[1] as number) - (min[1] as number)), width: (max[0] as number) - (min[0] as number), centre };
}
