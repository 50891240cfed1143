/**
 * Smoothness of motion, as a person sees shaking: how much of the joints' velocity is
 * high-frequency wobble, and how large the jerk (the third derivative of position) is.
 * Both are measured on root-relative joints, so walking across the room is not "shaking",
 * and are meant to be read beside the same number for the ground truth (a ratio of 1 is
 * "as smooth as the data"). Real speech gesture has almost no velocity power above 4 Hz;
 * a decoder that wobbles at the frame-pair or token rate (15 Hz, 7.5 Hz at 30 fps) puts
 * a large share there while its positions stay within a few millimetres of the truth.
 */
import FFT from 'fft.js';

/** The cutoff between gesture and wobble: human gesture velocity sits well below 4 Hz. */
export const WOBBLE_CUTOFF_HZ = 4;

/** Positions with the root joint (joint 0, the hierarchy's root) subtracted in every frame. */
export function rootRelative(positions: Float32Array, joints: number): Float32Array {
  const stride = joints * 3;
  const out = new Float32Array(positions.length);
  for (let o = 0; o < positions.length; o += stride) {
    for (let k = 0; k < stride; k++) out[o + k] = positions[o + k]! - positions[o + (k % 3)]!;
  }
  return out;
}

/**
 * The share (0–1) of joint-velocity power above `cutoffHz`, pooled over every joint
 * coordinate of every clip: the per-frame velocity of each root-relative coordinate, Hann
 * windowed, its power spectrum summed above and below the cutoff. NaN when nothing moves.
 */
export function highFrequencyShare(clips: readonly Float32Array[], joints: number, fps: number, cutoffHz = WOBBLE_CUTOFF_HZ): number {
  let high = 0;
  let total = 0;
  for (const clip of clips) {
    const spectrum = velocityPower(rootRelative(clip, joints), joints, fps);
    if (!spectrum) continue;
    spectrum.power.forEach((p, bin) => {
      total += p;
      if (bin * spectrum.binHz > cutoffHz) high += p;
    });
  }
  return total > 0 ? high / total : Number.NaN;
}

/** Mean jerk magnitude of root-relative joints, body heights per second³, over every joint-frame of every clip. */
export function meanJerk(clips: readonly Float32Array[], joints: number, fps: number): number {
  const stride = joints * 3;
  let sum = 0;
  let count = 0;
  for (const raw of clips) {
    const clip = rootRelative(raw, joints);
    const frames = clip.length / stride;
    for (let f = 0; f + 3 < frames; f++) {
      // Third difference: x[f+3] − 3x[f+2] + 3x[f+1] − x[f], times fps³.
      for (let j = 1; j < joints; j++) {
        let squared = 0;
        for (let c = 0; c < 3; c++) {
          const at = (g: number) => clip[g * stride + j * 3 + c]!;
          const d = at(f + 3) - 3 * at(f + 2) + 3 * at(f + 1) - at(f);
          squared += d * d;
        }
        sum += Math.sqrt(squared);
        count++;
      }
    }
  }
  return count > 0 ? (sum / count) * fps ** 3 : Number.NaN;
}

/** Power per frequency bin of every coordinate's velocity, summed; null for clips under 8 frames. */
function velocityPower(clip: Float32Array, joints: number, fps: number): { power: Float64Array; binHz: number } | null {
  const stride = joints * 3;
  const frames = clip.length / stride;
  if (frames < 8) return null;
  const n = frames - 1; // velocities
  let size = 1;
  while (size < n) size *= 2;
  const fft = new FFT(size);
  const input = new Array<number>(size).fill(0);
  const output = fft.createComplexArray() as number[];
  const power = new Float64Array(size / 2 + 1);
  const window = Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / Math.max(1, n - 1)));
  for (let k = 3; k < stride; k++) {
    // Each coordinate's velocity, mean removed (a steady drift is not wobble), windowed.
    let mean = 0;
    for (let f = 0; f < n; f++) mean += clip[(f + 1) * stride + k]! - clip[f * stride + k]!;
    mean /= n;
    for (let f = 0; f < n; f++) input[f] = (clip[(f + 1) * stride + k]! - clip[f * stride + k]! - mean) * fps * window[f]!;
    fft.realTransform(output, input);
    for (let bin = 0; bin <= size / 2; bin++) power[bin]! += output[2 * bin]! ** 2 + output[2 * bin + 1]! ** 2;
  }
  return { power, binHz: fps / size };
}
