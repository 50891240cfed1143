import { describe, expect, it } from 'vitest';
import { meanPoseBaseline } from './motion-fd.js';
import { poseLikeness } from './pose-likeness.js';

const JOINTS = 2;
const truth = [Float32Array.from({ length: 30 * JOINTS * 3 }, (_, i) => Math.sin(i / 7))];

describe('poseLikeness', () => {
  it('is 100% for the truth, 0% for the mean pose and for anything worse, and calibrated in between', () => {
    const mean = meanPoseBaseline(truth, JOINTS);
    expect(poseLikeness(truth, truth, JOINTS)).toBe(100);
    expect(poseLikeness(mean, truth, JOINTS)).toBeCloseTo(0, 9);
    expect(poseLikeness([truth[0]!.map((v) => -v)], truth, JOINTS)).toBe(0);
    // Half way from the mean pose to the truth leaves a quarter of the squared error: 75%.
    const halfway = [truth[0]!.map((v, i) => (v + mean[0]![i]!) / 2)];
    expect(poseLikeness(halfway, truth, JOINTS)).toBeCloseTo(75, 5);
  });
});
