/**
 * Per-frame features the distribution metrics (FD, diversity) compare.
 *
 * Input clips are world joint positions, frames × joints × 3, in body heights.
 * Pose feature = every non-root joint's position minus the root's (joint 0), flattened:
 * (joints − 1) × 3 values. The root is dropped because its root-relative slot is always
 * zero — a dead dimension that adds nothing but a singular direction to every covariance.
 * Root translation is left out on purpose: a seated or standing speaker barely travels,
 * and wandering would otherwise dominate a metric meant to judge gesture.
 */
import type { FeatureMatrix } from './linear-algebra.js';

export function frameCount(clip: Float32Array, joints: number): number {
  const stride = joints * 3;
  if (joints < 1 || clip.length % stride !== 0) {
    throw new Error(`clip of ${clip.length} values is not frames × ${joints} joints × 3`);
  }
  return clip.length / stride;
}

export function poseFeatureDim(joints: number): number {
  return (joints - 1) * 3;
}

/** One row per frame of every clip, all clips pooled in order. */
export function poseFeatures(clips: readonly Float32Array[], joints: number): FeatureMatrix {
  const dim = poseFeatureDim(joints);
  const rows = clips.reduce((n, c) => n + frameCount(c, joints), 0);
  const data = new Float64Array(rows * dim);
  let row = 0;
  for (const clip of clips) {
    const frames = frameCount(clip, joints);
    for (let f = 0; f < frames; f++, row++) writePose(clip, joints, f, data, row * dim);
  }
  return { rows, dim, data };
}

/**
 * Frame-to-frame differences of the pose features (body heights per frame), one row per
 * consecutive frame pair; a clip of F frames gives F − 1 rows and clips are never bridged.
 * Per frame rather than per second so the numbers do not silently change with fps.
 */
export function velocityFeatures(clips: readonly Float32Array[], joints: number): FeatureMatrix {
  const dim = poseFeatureDim(joints);
  const rows = clips.reduce((n, c) => n + Math.max(0, frameCount(c, joints) - 1), 0);
  const data = new Float64Array(rows * dim);
  const previous = new Float64Array(dim);
  const current = new Float64Array(dim);
  let row = 0;
  for (const clip of clips) {
    const frames = frameCount(clip, joints);
    for (let f = 0; f < frames; f++) {
      writePose(clip, joints, f, current, 0);
      if (f > 0) {
        const o = row * dim;
        for (let i = 0; i < dim; i++) data[o + i] = current[i]! - previous[i]!;
        row++;
      }
      previous.set(current);
    }
  }
  return { rows, dim, data };
}

function writePose(clip: Float32Array, joints: number, frame: number, out: Float64Array, offset: number): void {
  const p = frame * joints * 3;
  const rx = clip[p]!;
  const ry = clip[p + 1]!;
  const rz = clip[p + 2]!;
  for (let j = 1; j < joints; j++) {
    const src = p + j * 3;
    const dst = offset + (j - 1) * 3;
    out[dst] = clip[src]! - rx;
    out[dst + 1] = clip[src + 1]! - ry;
    out[dst + 2] = clip[src + 2]! - rz;
  }
}
