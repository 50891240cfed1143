/**
 * Reconstruction likeness, calibrated like the generator's: 0% = no closer to the ground truth
 * than holding the mean pose (what an untrained or collapsed model gives), 100% = the ground
 * truth itself. It is the share of the motion's squared deviation from the mean pose that the
 * model reproduces:
 *
 *   likeness = 100 · (1 − Σ‖generated − truth‖² / Σ‖meanPose − truth‖²), clamped to [0, 100]
 *
 * summed over every joint-frame (world positions, in body heights). The squared scale matches
 * FD_g's, which the generator likeness is calibrated on (FD_g of the mean pose is the pose
 * variance), so the two series read alike. A raw PCK would not do: on the demo the mean pose
 * alone keeps 87.6% of joints within 5% of body height, so an untrained model read 87.6%.
 */
import { meanPoseBaseline } from './motion-fd.js';

export function poseLikeness(generated: readonly Float32Array[], truth: readonly Float32Array[], joints: number, meanPose: readonly Float32Array[] = meanPoseBaseline(truth, joints)): number {
  if (generated.length !== truth.length) throw new Error(`poseLikeness: ${generated.length} generated clips vs ${truth.length} truth clips`);
  const error = squaredDistance(generated, truth);
  const baseline = squaredDistance(meanPose, truth);
  if (!Number.isFinite(error)) return 0;
  if (baseline <= 0) return error <= 0 ? 100 : 0;
  return Math.min(100, Math.max(0, 100 * (1 - error / baseline)));
}

function squaredDistance(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let sum = 0;
  a.forEach((clip, c) => {
    const other = b[c]!;
    if (clip.length !== other.length) throw new Error(`poseLikeness: clip ${c} has ${clip.length} vs ${other.length} values`);
    for (let k = 0; k < clip.length; k++) sum += (clip[k]! - other[k]!) ** 2;
  });
  return sum;
}
