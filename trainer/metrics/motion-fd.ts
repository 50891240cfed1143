/**
 * Audio2Photoreal-style realism metrics on joint positions:
 * - FD_g (geometric): Fréchet distance between the distributions of single poses;
 * - FD_k (kinetic): the same on frame-to-frame pose changes (velocities).
 * Every frame of every clip is one sample (clips pooled), so the metrics judge what poses
 * and movements occur, not when — timing is BeatAlign's job. Features: pose-features.ts.
 *
 * Raw FD has no natural scale, so the studio also shows "likeness": how much of the gap
 * between "stand still in the average pose" and "the real data" a model has closed.
 */
import { frechetDistance } from './frechet.js';
import { frameCount, poseFeatures, velocityFeatures } from './pose-features.js';

/** Geometric FD: generated vs real pose distributions. */
export function fdG(generated: readonly Float32Array[], real: readonly Float32Array[], joints: number): number {
  return frechetDistance(poseFeatures(generated, joints), poseFeatures(real, joints));
}

/** Kinetic FD: generated vs real distributions of per-frame pose velocity. */
export function fdK(generated: readonly Float32Array[], real: readonly Float32Array[], joints: number): number {
  return frechetDistance(velocityFeatures(generated, joints), velocityFeatures(real, joints));
}

/**
 * Likeness in percent: 100·(1 − fdModel/fdMeanPose), clamped to [0, 100].
 * 0% = no closer to the real data than holding the mean pose still; 100% = FD of 0.
 * A model worse than the mean pose also reads 0%: the UI shows progress, not a penalty.
 * If the baseline itself is 0 (the real data never moves) only a perfect model scores.
 */
export function likenessFromFd(fdModel: number, fdMeanPose: number): number {
  if (!Number.isFinite(fdModel) || Number.isNaN(fdMeanPose)) return 0;
  if (fdMeanPose <= 0) return fdModel <= 0 ? 100 : 0;
  return Math.min(100, Math.max(0, 100 * (1 - fdModel / fdMeanPose)));
}

/**
 * The "did nothing" baseline: one clip per real clip, same length, every frame the dataset's
 * mean pose (per-joint world position averaged over all frames of all clips).
 * Its FD_g equals the trace of the real pose covariance; its FD_k is the real velocity
 * spread plus the (near-zero) mean velocity — exactly what a frozen model would score.
 */
export function meanPoseBaseline(real: readonly Float32Array[], joints: number): Float32Array[] {
  const stride = joints * 3;
  const sum = new Float64Array(stride);
  let frames = 0;
  for (const clip of real) {
    const count = frameCount(clip, joints);
    for (let f = 0; f < count; f++) {
      for (let k = 0; k < stride; k++) sum[k]! += clip[f * stride + k]!;
    }
    frames += count;
  }
  const mean = Float32Array.from(sum, (s) => (frames > 0 ? s / frames : 0));
  return real.map((clip) => {
    const out = new Float32Array(clip.length);
    for (let o = 0; o < out.length; o += stride) out.set(mean, o);
    return out;
  });
}
