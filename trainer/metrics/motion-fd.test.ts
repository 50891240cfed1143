import { describe, expect, it } from 'vitest';
import { fdG, fdK, likenessFromFd, meanPoseBaseline } from './motion-fd.js';
import { meanAndCovariance, trace } from './linear-algebra.js';
import { poseFeatures } from './pose-features.js';
import { mulberry32 } from '../data/seeded-random.js';

const JOINTS = 5;

/** Clips of a root that drifts plus limbs that swing with seeded phases and amplitudes. */
function swingingClips(count: number, frames: number, seed: number): Float32Array[] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const phase = Array.from({ length: JOINTS * 3 }, () => rng() * 2 * Math.PI);
    const amp = Array.from({ length: JOINTS * 3 }, () => 0.02 + 0.1 * rng());
    const clip = new Float32Array(frames * JOINTS * 3);
    for (let f = 0; f < frames; f++) {
      for (let k = 0; k < JOINTS * 3; k++) {
        clip[f * JOINTS * 3 + k] = 0.3 * (k % 3) + amp[k]! * Math.sin(f / 7 + phase[k]!) + 0.01 * f * (k % 3 === 0 ? 1 : 0);
      }
    }
    return clip;
  });
}

function moveJoint(clips: Float32Array[], joint: number, v: [number, number, number]): Float32Array[] {
  return clips.map((clip) => {
    const out = Float32Array.from(clip);
    for (let o = joint * 3; o < out.length; o += JOINTS * 3) for (let a = 0; a < 3; a++) out[o + a]! += v[a]!;
    return out;
  });
}

describe('fdG / fdK', () => {
  const real = swingingClips(6, 90, 1);

  it('are zero when the generated clips are the real ones', () => {
    expect(fdG(real, real, JOINTS)).toBeLessThan(1e-9);
    expect(fdK(real, real, JOINTS)).toBeLessThan(1e-9);
  });

  it('ignore where the body stands: a whole-body offset changes neither', () => {
    const shifted = real.map((clip) => clip.map((x, i) => x + (i % 3 === 0 ? 2 : 0)));
    expect(fdG(shifted, real, JOINTS)).toBeLessThan(1e-9);
    expect(fdK(shifted, real, JOINTS)).toBeLessThan(1e-9);
  });

  it('separate pose from movement: a constantly displaced joint costs |v|² in FD_g and nothing in FD_k', () => {
    const displaced = moveJoint(real, 3, [0.1, -0.2, 0]);
    expect(fdG(displaced, real, JOINTS)).toBeCloseTo(0.05, 6);
    expect(fdK(displaced, real, JOINTS)).toBeLessThan(1e-9);
  });

  it('give the mean-pose baseline an FD_g equal to the real pose spread', () => {
    const baseline = meanPoseBaseline(real, JOINTS);
    expect(baseline.map((c) => c.length)).toEqual(real.map((c) => c.length));
    const spread = meanAndCovariance(poseFeatures(real, JOINTS));
    expect(fdG(baseline, real, JOINTS)).toBeCloseTo(trace(spread.cov, spread.dim), 6);
    expect(fdK(baseline, real, JOINTS)).toBeGreaterThan(0);
  });

  it('rank a slightly perturbed model between the real data and the baseline', () => {
    const model = swingingClips(6, 90, 2);
    const baseline = meanPoseBaseline(real, JOINTS);
    expect(fdG(model, real, JOINTS)).toBeLessThan(fdG(baseline, real, JOINTS));
    expect(fdK(model, real, JOINTS)).toBeLessThan(fdK(baseline, real, JOINTS));
  });
});

describe('likenessFromFd', () => {
  it('reads 0% for the baseline, 100% for a perfect model, linear in between', () => {
    expect(likenessFromFd(4, 4)).toBe(0);
    expect(likenessFromFd(0, 4)).toBe(100);
    expect(likenessFromFd(1, 4)).toBe(75);
  });

  it('clamps a model worse than standing still to 0%, and survives a zero baseline', () => {
    expect(likenessFromFd(9, 4)).toBe(0);
    expect(likenessFromFd(0, 0)).toBe(100);
    expect(likenessFromFd(1, 0)).toBe(0);
    expect(likenessFromFd(Number.NaN, 4)).toBe(0);
  });
});
