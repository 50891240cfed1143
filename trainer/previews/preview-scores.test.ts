/** A tile's numbers on motions whose answers are known: the truth itself, the mean pose, a wobble. */
import { describe, expect, it } from 'vitest';
import { clipScores } from './preview-scores.js';

const FPS = 30;
const JOINTS = 3;
const FRAMES = 120;

/** Joints 1 and 2 swing on x by `offset(f)` around a standing pose; the root stays. */
function motion(offset: (f: number) => number): Float32Array {
  const out = new Float32Array(FRAMES * JOINTS * 3);
  for (let f = 0; f < FRAMES; f++) {
    for (let j = 1; j < JOINTS; j++) {
      out[f * JOINTS * 3 + j * 3] = offset(f) * j;
      out[f * JOINTS * 3 + j * 3 + 1] = 0.5 * j;
    }
  }
  return out;
}

const truth = motion((f) => 0.1 * Math.sin((2 * Math.PI * f) / FPS)); // a 1 Hz gesture
const still = motion(() => 0); // its mean pose, held
const wobbly = motion((f) => 0.1 * Math.sin((2 * Math.PI * f) / FPS) + 0.004 * (f % 2 ? 1 : -1)); // plus 15 Hz shake

describe('clip scores', () => {
  it('reads 100% for the truth itself, as smooth as the truth', () => {
    const scores = clipScores(truth, truth, JOINTS, FPS);
    expect(scores.likeness).toBe(100);
    expect(scores.wobble).toBe(scores.truthWobble);
    expect(scores.jerk).toBe(scores.truthJerk);
  });

  it('reads 0% for the mean pose held still, whether the dataset’s mean pose is given or the clip’s own stands in', () => {
    const meanFrame = still.subarray(0, JOINTS * 3);
    expect(clipScores(still, truth, JOINTS, FPS, meanFrame).likeness).toBe(0);
    expect(clipScores(still, truth, JOINTS, FPS).likeness).toBe(0);
    // Nothing moves: no velocity power to share out, so no wobble number.
    expect(clipScores(still, truth, JOINTS, FPS).wobble).toBeNull();
  });

  it('sees a small shake as many times the truth’s high-frequency share while likeness stays high', () => {
    const scores = clipScores(wobbly, truth, JOINTS, FPS);
    expect(scores.likeness).toBeGreaterThan(95);
    expect(scores.wobble!).toBeGreaterThan(20 * scores.truthWobble!);
    expect(scores.jerk!).toBeGreaterThan(10 * scores.truthJerk!);
  });

  it('measures against the dataset’s mean pose when given: a model standing in it reads 0%, not below', () => {
    // A mean pose farther from this clip than the clip's own mean: the same motion reads higher against it.
    const farMean = new Float32Array(JOINTS * 3).map((_, k) => (k % 3 === 0 ? 0.3 : 0.5 * Math.floor(k / 3)));
    const half = motion((f) => 0.05 * Math.sin((2 * Math.PI * f) / FPS));
    expect(clipScores(half, truth, JOINTS, FPS, farMean).likeness).toBeGreaterThan(clipScores(half, truth, JOINTS, FPS).likeness);
  });

  it('travels as JSON: a diverged model’s numbers are null, not NaN', () => {
    const diverged = new Float32Array(truth.length).fill(Number.NaN);
    const scores = clipScores(diverged, truth, JOINTS, FPS);
    expect(scores.likeness).toBe(0);
    expect(JSON.parse(JSON.stringify(scores))).toEqual(scores);
  });
});
