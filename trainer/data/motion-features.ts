/**
 * The motion representation models train on, and its inverse for previews.
 *
 * Per frame, featureDim = joints × 3 + 3 values, all in body heights:
 * - slots 0..joints×3-1: each joint's position relative to the root joint (joint 0), so
 *   the root's own slot is always zero (kept so slot j·3 is joint j, which is what the
 *   recipes' preview code indexes by);
 * - last 3: root velocity (x, y, z) in body heights per frame, i.e. p_root[f] − p_root[f−1].
 *   Frame 0 repeats frame 1's velocity so the feature has no artificial zero at clip starts.
 * The root's absolute placement is therefore only known up to where it starts: decoding
 * integrates the velocity from a chosen start (the origin by default).
 * No heading canonicalisation: the speaker faces the camera in our data, and it keeps the
 * inverse exact.
 *
 * Body height (the unit) comes from the REST POSE, not the first frame: every channel at
 * zero, the vertical (Y) extent of the joints and End Sites. It depends only on the
 * skeleton, so every clip of one actor shares the same unit however its first frame is
 * posed (a clip that starts crouched or mid-jump would otherwise shrink or stretch). For
 * the upper-body demo it is the hands-to-head-top extent, not a standing height — it is a
 * unit, and it is consistent. A skeleton whose rest pose is not Y-up falls back to its
 * largest extent along any axis.
 */
import { forwardKinematics, fpsOf, resampleFrames, restPose } from './bvh-kinematics.js';
import type { BvhMotion, BvhSkeleton } from './bvh-parse.js';

export interface MotionFeatures {
  frames: number;
  jointCount: number;
  /** jointCount × 3 + 3. */
  featureDim: number;
  fps: number;
  /** The unit the features are in, in the file's units (cm for the demo). */
  bodyHeight: number;
  /** Skeleton topology, so positions decoded from features can be drawn as bones. */
  jointNames: string[];
  parents: number[];
  /** frames × featureDim. */
  data: Float32Array;
}

export function featureDimFor(jointCount: number): number {
  return jointCount * 3 + 3;
}

/** Rest-pose body height in the file's units; see the module comment for the choice. */
export function estimateBodyHeight(skeleton: BvhSkeleton): number {
  const { joints, endSites } = restPose(skeleton);
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  const add = (x: number, y: number, z: number): void => {
    [x, y, z].forEach((v, a) => {
      min[a] = Math.min(min[a]!, v);
      max[a] = Math.max(max[a]!, v);
    });
  };
  for (let j = 0; j < joints.length; j += 3) add(joints[j]!, joints[j + 1]!, joints[j + 2]!);
  for (const e of endSites) add(e[0]!, e[1]!, e[2]!);
  const extents = [0, 1, 2].map((a) => max[a]! - min[a]!);
  const largest = Math.max(...extents);
  const vertical = extents[1]!;
  // A lying-down or Z-up rest pose has little Y extent; a single joint has none at all.
  if (vertical >= 0.25 * largest && vertical > 1e-9) return vertical;
  return largest > 1e-9 ? largest : 1;
}

/** World positions (frames × joints × 3) → features (frames × featureDim). */
export function positionsToFeatures(positions: Float32Array, jointCount: number, bodyHeight: number): Float32Array {
  const stride = jointCount * 3;
  const dim = featureDimFor(jointCount);
  const frames = stride === 0 ? 0 : positions.length / stride;
  const out = new Float32Array(frames * dim);
  const inv = 1 / bodyHeight;
  for (let f = 0; f < frames; f++) {
    const p = f * stride;
    const o = f * dim;
    const rx = positions[p]!;
    const ry = positions[p + 1]!;
    const rz = positions[p + 2]!;
    for (let k = 0; k < stride; k += 3) {
      out[o + k] = (positions[p + k]! - rx) * inv;
      out[o + k + 1] = (positions[p + k + 1]! - ry) * inv;
      out[o + k + 2] = (positions[p + k + 2]! - rz) * inv;
    }
    if (f > 0) {
      const q = p - stride;
      out[o + stride] = (rx - positions[q]!) * inv;
      out[o + stride + 1] = (ry - positions[q + 1]!) * inv;
      out[o + stride + 2] = (rz - positions[q + 2]!) * inv;
    }
  }
  if (frames > 1) out.copyWithin(stride, dim + stride, dim + stride + 3);
  return out;
}

/**
 * Features → world positions (frames × joints × 3) in units of `bodyHeight` (1 = body
 * heights, what previews draw). The root starts at `start` (in body heights) and moves by
 * the velocity features; frame 0's velocity is not applied (it copies frame 1's).
 */
export function featuresToPositions(
  features: Float32Array,
  jointCount: number,
  bodyHeight = 1,
  start: readonly [number, number, number] = [0, 0, 0],
): Float32Array {
  const stride = jointCount * 3;
  const dim = featureDimFor(jointCount);
  const frames = features.length / dim;
  const out = new Float32Array(frames * stride);
  let [rx, ry, rz] = start;
  for (let f = 0; f < frames; f++) {
    const o = f * dim;
    if (f > 0) {
      rx += features[o + stride]!;
      ry += features[o + stride + 1]!;
      rz += features[o + stride + 2]!;
    }
    const p = f * stride;
    for (let k = 0; k < stride; k += 3) {
      out[p + k] = (features[o + k]! + rx) * bodyHeight;
      out[p + k + 1] = (features[o + k + 1]! + ry) * bodyHeight;
      out[p + k + 2] = (features[o + k + 2]! + rz) * bodyHeight;
    }
  }
  return out;
}

/** A parsed clip → FK → resampled to `fps` → features, with the skeleton attached. */
export function motionToFeatures(motion: BvhMotion, fps = 30): MotionFeatures {
  const { skeleton } = motion;
  const jointCount = skeleton.names.length;
  const positions = resampleFrames(forwardKinematics(motion), jointCount * 3, fpsOf(motion.frameTime), fps);
  const bodyHeight = estimateBodyHeight(skeleton);
  const data = positionsToFeatures(positions, jointCount, bodyHeight);
  return {
    frames: data.length / featureDimFor(jointCount),
    jointCount,
    featureDim: featureDimFor(jointCount),
    fps,
    bodyHeight,
    jointNames: [...skeleton.names],
    parents: [...skeleton.parents],
    data,
  };
}
