/**
 * Diversity: how different the model's samples are from each other, in body heights.
 *
 * Audio2Photoreal reports the average L2 distance between random pairs of generated
 * samples. We use a deterministic variant so the number does not jitter between two
 * evaluations of the same checkpoint: ALL unordered pairs of clips (i < j), and for each
 * pair the per-frame L2 distance between their pose features (pose-features.ts), averaged
 * over the frames both clips have (the first min(Fi, Fj) frames). The result is the mean
 * over pairs.
 *
 * Why frame-aligned rather than comparing clip-mean poses: samples drawn for the same
 * audio are time-aligned, and two samples that make the same gestures in a different order
 * are diverse — their clip means would call them identical. A collapsed model (every
 * sample the same motion) scores 0 either way.
 * Cost is pairs × frames × dim: 66 pairs × 240 × 42 for 12 clips, well under a millisecond.
 */
import { frameCount, poseFeatures, velocityFeatures } from './pose-features.js';

export interface DiversityOptions {
  /** 'pose' compares poses; 'velocity' compares frame-to-frame movement (kinetic diversity). */
  features?: 'pose' | 'velocity';
}

/** Mean over all clip pairs of the frame-averaged feature distance. Fewer than 2 clips → 0. */
export function diversity(clips: readonly Float32Array[], joints: number, options: DiversityOptions = {}): number {
  if (clips.length < 2) return 0;
  const extract = options.features === 'velocity' ? velocityFeatures : poseFeatures;
  const perClip = clips.map((clip) => {
    frameCount(clip, joints);
    return extract([clip], joints);
  });
  const dim = perClip[0]!.dim;
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < perClip.length; i++) {
    for (let j = i + 1; j < perClip.length; j++) {
      const a = perClip[i]!;
      const b = perClip[j]!;
      const frames = Math.min(a.rows, b.rows);
      pairs++;
      if (frames === 0) continue;
      let sum = 0;
      for (let f = 0; f < frames; f++) {
        let sq = 0;
        for (let k = 0; k < dim; k++) sq += (a.data[f * dim + k]! - b.data[f * dim + k]!) ** 2;
        sum += Math.sqrt(sq);
      }
      total += sum / frames;
    }
  }
  return total / pairs;
}
