/**
 * The numbers under a preview tile: how one clip's generated motion measures against its own
 * ground truth, with the repository's metrics (not a second copy of them), so the tile reads
 * like the charts. Worked out once, where the preview is made; windows only show them.
 */
import { meanPoseBaseline } from '../metrics/motion-fd.js';
import { poseLikeness } from '../metrics/pose-likeness.js';
import { highFrequencyShare, meanJerk } from '../metrics/smoothness.js';
import type { PreviewScores } from '../protocol.js';

/**
 * `generated` and `truth` are frames × joints × 3. `meanPose` (joints × 3, one frame) is the
 * training data's mean pose: likeness 0% means "no closer than standing in the dataset's
 * average pose", as the charts' likeness does. Without it the clip's own mean pose stands in
 * (meanPoseBaseline of the truth), a stricter zero: a model that only learned the dataset's
 * average pose but not this speaker's can then read below 0 (clamped to 0%).
 */
export function clipScores(generated: Float32Array, truth: Float32Array, joints: number, fps: number, meanPose?: Float32Array): PreviewScores {
  const baseline = meanPose && meanPose.length === joints * 3 ? [repeatFrame(meanPose, truth.length)] : meanPoseBaseline([truth], joints);
  return {
    likeness: poseLikeness([generated], [truth], joints, baseline),
    wobble: finite(highFrequencyShare([generated], joints, fps)),
    truthWobble: finite(highFrequencyShare([truth], joints, fps)),
    jerk: finite(meanJerk([generated], joints, fps)),
    truthJerk: finite(meanJerk([truth], joints, fps)),
  };
}

/** One frame repeated to `length` values: the mean pose held for the whole clip. */
function repeatFrame(frame: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let o = 0; o + frame.length <= length; o += frame.length) out.set(frame, o);
  return out;
}

/** JSON has no NaN or Infinity: an undefined number (nothing moves, a diverged model) travels as null. */
function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
