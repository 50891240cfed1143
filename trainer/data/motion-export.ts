/**
 * Exporting generated motion: BVH for animation tools (rotations derived from the
 * positions, see bvh-from-positions.ts) and a small JSON of joint positions for scripts,
 * web viewers and evaluation code that want exactly what the model produced, with no
 * rest-pose fitting in between.
 */
import { positionsToBvh, type PositionsToBvhOptions } from './bvh-from-positions.js';
import type { BvhSkeleton } from './bvh-parse.js';
import { formatFloat32, writeBvh } from './bvh-write.js';

/**
 * The JSON export. Positions are in body heights (the unit models train in) and
 * root-relative as generated; `frames[f][j]` is joint j's [x, y, z] at time f / fps.
 * Y is up, as in the BVH the skeleton came from.
 */
export interface MotionJson {
  format: 'stagecraft-motion';
  version: 1;
  unit: 'body-height';
  fps: number;
  /** In the model's joint order; parent is an index into this list, -1 for a root. */
  joints: { name: string; parent: number }[];
  frames: [number, number, number][][];
}

/** Generated positions (frames × joints × 3, body heights) → MotionJson text, one frame per line. */
export function exportMotionJson(
  positions: Float32Array,
  frames: number,
  jointNames: readonly string[],
  parents: readonly number[],
  fps: number,
): string {
  const n = jointNames.length;
  if (parents.length !== n) throw new Error(`exportMotionJson: ${n} joint names but ${parents.length} parents`);
  if (positions.length !== frames * n * 3) {
    throw new Error(`exportMotionJson: expected ${frames} frames × ${n} joints × 3 = ${frames * n * 3} values, got ${positions.length}`);
  }
  if (!(fps > 0)) throw new Error(`exportMotionJson: fps must be positive, got ${fps}`);
  parents.forEach((p, j) => {
    if (!Number.isInteger(p) || p < -1 || p >= n || p === j) throw new Error(`exportMotionJson: joint ${j} has an invalid parent ${p}`);
  });

  const header = {
    format: 'stagecraft-motion',
    version: 1,
    unit: 'body-height',
    fps,
    joints: jointNames.map((name, j) => ({ name, parent: parents[j]! })),
  };
  const lines: string[] = [];
  for (let f = 0; f < frames; f++) {
    const joints: string[] = [];
    for (let j = 0; j < n; j++) {
      const o = (f * n + j) * 3;
      const xyz = [positions[o]!, positions[o + 1]!, positions[o + 2]!];
      // JSON has no NaN: a diverged model must fail here, not write null into a file.
      if (!xyz.every(Number.isFinite)) throw new Error(`exportMotionJson: frame ${f} joint '${jointNames[j]}' is not finite`);
      // Float32 values printed as float64 carry ~9 digits of noise; these read back as the same float32.
      joints.push(`[${xyz.map((v) => String(Number(formatFloat32(v)))).join(',')}]`);
    }
    lines.push(`[${joints.join(',')}]`);
  }
  const head = JSON.stringify(header);
  return `${head.slice(0, -1)},"frames":[${lines.length === 0 ? '' : `\n${lines.join(',\n')}\n`}]}\n`;
}

/** Generated positions → BVH text on the dataset's skeleton; see positionsToBvh for the options. */
export function exportMotionBvh(
  positions: Float32Array,
  frames: number,
  skeleton: BvhSkeleton,
  options: PositionsToBvhOptions,
): string {
  return writeBvh(positionsToBvh(positions, frames, skeleton, options));
}
