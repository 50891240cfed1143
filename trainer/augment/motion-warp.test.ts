/**
 * Random warp on the real demo speaker (procedural generator → FK → features), so the
 * bounds are checked against motion with real beat strokes, not a synthetic sine.
 */
import { describe, expect, it } from 'vitest';
import { generateGestureClip } from '../data/demo-gestures.js';
import { motionToFeatures } from '../data/motion-features.js';
import { Rng } from '../nn/rng.js';
import {
  applyWarp,
  drawWarpParams,
  JITTER_AMPLITUDE,
  MAX_SCALE_CHANGE,
  MAX_SPEED_CHANGE,
  timeMap,
  warpWindow,
  type WarpParams,
} from './motion-warp.js';

const clip = motionToFeatures(generateGestureClip({ seed: 7, seconds: 12 }));
const J = clip.jointCount;
const D = clip.featureDim;
const FRAMES = 64;
/** Mid-clip, with room for the largest drift (0.2·2·32 ≈ 13 frames) on both sides. */
const START = 150;

const window = (start = START): Float32Array => clip.data.slice(start * D, (start + FRAMES) * D);
const bytes = (a: Float32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const warp = (seed: number, s: number, start = START): Float32Array =>
  warpWindow(clip.data, clip.frames, start, FRAMES, J, new Rng(seed), s);

/** The clean clip read at the warp's time map: what the input would be with time warp only. */
function retimed(p: WarpParams, start = START): Float32Array {
  const { tau } = timeMap(p, clip.frames, start, FRAMES);
  const out = new Float32Array(FRAMES * D);
  tau.forEach((at, t) => {
    const i0 = Math.floor(at);
    const i1 = Math.min(i0 + 1, clip.frames - 1);
    for (let k = 0; k < D; k++) {
      const a = clip.data[i0 * D + k]!;
      out[t * D + k] = a + (at - i0) * (clip.data[i1 * D + k]! - a);
    }
  });
  return out;
}

function maxStep(x: Float32Array, from = 0, to = FRAMES): number {
  let m = 0;
  for (let t = from + 1; t < to; t++) for (let k = 0; k < D; k++) m = Math.max(m, Math.abs(x[t * D + k]! - x[(t - 1) * D + k]!));
  return m;
}

describe('random warp of a motion window', () => {
  it('warps the input when on, and is the clean window byte for byte when off', () => {
    const on = warp(1, 1);
    expect(Buffer.from(bytes(on)).equals(Buffer.from(bytes(window())))).toBe(false);
    let largest = 0;
    on.forEach((v, i) => (largest = Math.max(largest, Math.abs(v - window()[i]!))));
    expect(largest).toBeGreaterThan(0.005); // a real warp, not float noise

    const off = warp(1, 0);
    expect(Buffer.from(bytes(off)).equals(Buffer.from(bytes(window())))).toBe(true);
    expect(off.buffer).not.toBe(clip.data.buffer); // a copy: the caller may normalise it in place
  });

  it('is reproducible from the RNG state, and draws the same count at any strength', () => {
    expect(Buffer.from(bytes(warp(42, 1))).equals(Buffer.from(bytes(warp(42, 1))))).toBe(true);
    expect(Buffer.from(bytes(warp(42, 1))).equals(Buffer.from(bytes(warp(43, 1))))).toBe(false);
    const states = [0, 0.5, 1, 2].map((s) => {
      const rng = new Rng(42);
      warpWindow(clip.data, clip.frames, START, FRAMES, J, rng, s);
      return rng.state;
    });
    expect(new Set(states).size).toBe(1); // turning warp off does not reshuffle later batches
  });

  it('time map is monotone, aligned mid-window, and its speed stays within ±20%·s', () => {
    for (const s of [0.5, 1, 2]) {
      let stepOff = 0;
      let speedOff = 0;
      for (let seed = 0; seed < 200; seed++) {
        const { tau, speed } = timeMap(drawWarpParams(new Rng(seed), J, s), clip.frames, START, FRAMES);
        expect(tau[FRAMES / 2]).toBe(START + FRAMES / 2);
        for (let t = 1; t < FRAMES; t++) {
          stepOff = Math.max(stepOff, Math.abs(tau[t]! - tau[t - 1]! - 1));
          speedOff = Math.max(speedOff, Math.abs(speed[t]! - 1));
        }
      }
      expect(stepOff).toBeLessThanOrEqual(MAX_SPEED_CHANGE * s + 1e-12);
      expect(speedOff).toBeLessThanOrEqual(MAX_SPEED_CHANGE * s + 1e-12);
      expect(stepOff).toBeGreaterThan(0.5 * MAX_SPEED_CHANGE * s); // the range is used
    }
    // At the clip's start the map clamps to frame 0: flat there, never backwards.
    const { tau } = timeMap(drawWarpParams(new Rng(3), J, 2), clip.frames, 0, FRAMES);
    for (let t = 1; t < FRAMES; t++) expect(tau[t]!).toBeGreaterThanOrEqual(tau[t - 1]!);
    expect(Math.min(...tau)).toBeGreaterThanOrEqual(0);
    expect(() => warp(3, 2, 0)).not.toThrow();
    expect(() => warp(3, 2, clip.frames - FRAMES)).not.toThrow();
  });

  it('is smooth: no frame-to-frame step beyond what speed, turn and scale can explain', () => {
    // Linear interpolation of the clean motion has slopes ≤ M (the clean frames' largest
    // step), so a step of τ ≤ 1.2 frames moves a feature ≤ 1.2·M; the turn mixes x and z,
    // (cos 15° + sin 15°) ≤ 1.225; the scale adds 1.05: 1.2 · 1.225 · 1.05 ≈ 1.544. The jitter
    // adds at most 0.01 · 1.05 · 1.225 · (2π / 30 frames) ≈ 0.0027 per frame. Root velocity
    // also gets the (1 + d') factor, but its steps are ~300× smaller than joints' here, so it
    // cannot set the maximum. Any indexing slip (a wrong stride, a wrapped frame) would
    // step by a sizeable fraction of a body height and fail this by far.
    const bound = (M: number): number => 1.55 * M + 0.003;
    let worstRatio = 0;
    for (let seed = 0; seed < 100; seed++) {
      for (const start of [0, START, 200, clip.frames - FRAMES]) {
        const p = drawWarpParams(new Rng(seed), J, 1);
        const { tau } = timeMap(p, clip.frames, start, FRAMES);
        // "Clean largest step" over the clean frames the warp actually reads.
        const from = Math.floor(tau[0]!);
        const to = Math.min(clip.frames, Math.ceil(tau[FRAMES - 1]!) + 1);
        const M = maxStep(clip.data.subarray(from * D, to * D), 0, to - from);
        const w = maxStep(applyWarp(clip.data, clip.frames, start, FRAMES, J, p));
        expect(w).toBeLessThanOrEqual(bound(M));
        worstRatio = Math.max(worstRatio, w / M);
      }
    }
    expect(worstRatio).toBeGreaterThan(1); // the test can see speed-ups at all
  });

  it('turns about Y: heights and horizontal distances from the root only see scale and jitter', () => {
    const s = 1;
    const jitter = JITTER_AMPLITUDE * s * (1 + MAX_SCALE_CHANGE * s);
    let turned = 0;
    let excess = -Infinity;
    let rootSlot = 0;
    for (let seed = 0; seed < 50; seed++) {
      const p = drawWarpParams(new Rng(seed), J, s);
      const out = applyWarp(clip.data, clip.frames, START, FRAMES, J, p);
      const ref = retimed(p);
      let angleSum = 0;
      for (let t = 0; t < FRAMES; t++) {
        const o = t * D;
        rootSlot = Math.max(rootSlot, Math.abs(out[o]!), Math.abs(out[o + 1]!), Math.abs(out[o + 2]!));
        for (let j = 1; j < J; j++) {
          const [x, y, z] = [out[o + j * 3]!, out[o + j * 3 + 1]!, out[o + j * 3 + 2]!];
          const [rx, ry, rz] = [ref[o + j * 3]!, ref[o + j * 3 + 1]!, ref[o + j * 3 + 2]!];
          // Worst excess over the tolerance, asserted once (per-sample expects are slow).
          excess = Math.max(excess, Math.abs(y - ry) - (MAX_SCALE_CHANGE * s * Math.abs(ry) + jitter));
          const [r, rr] = [Math.hypot(x, z), Math.hypot(rx, rz)];
          excess = Math.max(excess, Math.abs(r - rr) - (MAX_SCALE_CHANGE * s * rr + Math.SQRT2 * jitter));
          // Heading change of the joint, seen from above (+Y): atan2(x, z) grows by the angle.
          if (j === J - 1) angleSum += Math.atan2(x, z) - Math.atan2(rx, rz);
        }
      }
      // The hand is ~0.3 body heights out, so 0.01 of jitter moves its heading by < 2°.
      expect(angleSum / FRAMES).toBeCloseTo(p.angle, 1);
      if (Math.abs(p.angle) > (5 * Math.PI) / 180) turned++;
    }
    expect(excess).toBeLessThanOrEqual(1e-6);
    expect(turned).toBeGreaterThan(20);
    expect(rootSlot).toBe(0); // the root's own slot stays exactly zero
  });

  it('jitters joints smoothly by at most 0.01·s body heights, never the root', () => {
    for (const s of [0.5, 1, 2]) {
      const p = { ...drawWarpParams(new Rng(11), J, s), angle: 0, scale: 1 };
      const out = applyWarp(clip.data, clip.frames, START, FRAMES, J, p);
      const ref = retimed(p);
      let largest = 0;
      for (let t = 0; t < FRAMES; t++) {
        for (let k = 0; k < J * 3; k++) largest = Math.max(largest, Math.abs(out[t * D + k]! - ref[t * D + k]!));
        for (let k = 0; k < 3; k++) expect(out[t * D + k]).toBe(0);
      }
      expect(largest).toBeLessThanOrEqual(JITTER_AMPLITUDE * s + 1e-6);
      expect(largest).toBeGreaterThan(0.3 * JITTER_AMPLITUDE * s);
    }
  });

  it('scales root velocity with local speed, turn and scale', () => {
    const p = drawWarpParams(new Rng(21), J, 1);
    const out = applyWarp(clip.data, clip.frames, START, FRAMES, J, p);
    const ref = retimed(p);
    const { speed } = timeMap(p, clip.frames, START, FRAMES);
    const v = J * 3;
    for (let t = 0; t < FRAMES; t++) {
      const o = t * D + v;
      const gain = p.scale * speed[t]!;
      expect(out[o + 1]).toBeCloseTo(gain * ref[o + 1]!, 7);
      expect(Math.hypot(out[o]!, out[o + 2]!)).toBeCloseTo(gain * Math.hypot(ref[o]!, ref[o + 2]!), 7);
    }
  });
});
