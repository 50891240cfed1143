/**
 * Random warp for motion windows: the model INPUT gets a warped copy of the training window
 * and the target stays clean (DESIGN.md, as in DeepFaceLab), so the model learns to undo
 * small timing, pose and framing differences instead of memorising exact trajectories.
 *
 * Works on raw features (body heights, before normalisation) so every amplitude below means
 * what it says. Per frame: jointCount × 3 root-relative positions, then root velocity x/y/z.
 *
 * At strength s (0..2, the range protocol.ts allows; 1 = default):
 * - time: τ(t) = start + t + d(t) with |d'| ≤ 0.2·s and d(frames/2) = 0, so speed varies by
 *   at most ±20 %·s and input and target agree in the middle of the window;
 * - jitter: smooth per-joint, per-axis offsets of at most 0.01·s body heights (not the root);
 * - a turn about Y within ±15°·s and a scale within 1 ± 0.05·s, on positions and velocity.
 *
 * Every call draws the same number of values from `rng` whatever the strength (including 0),
 * so changing the strength never shifts the draws that follow it (batch order, offsets).
 */
import type { Rng } from '../nn/rng.js';
import { addCurve, curvePrimitive, curveValue, drawSmoothCurve, type SmoothCurve } from './smooth-curve.js';

/** The features' frame rate; the curve periods below are chosen in seconds. */
const FPS = 30;
/** Periods of 1–4 s: slower than a beat gesture (~0.5 s), so the warp never invents one. */
const MIN_PERIOD = 1 * FPS;
const MAX_PERIOD = 4 * FPS;
/** Three terms make the speed curve irregular; two suffice for the tiny jitter offsets. */
const SPEED_TERMS = 3;
const JITTER_TERMS = 2;

/** Per unit of strength. */
export const MAX_SPEED_CHANGE = 0.2;
export const MAX_ANGLE = (15 * Math.PI) / 180;
export const MAX_SCALE_CHANGE = 0.05;
export const JITTER_AMPLITUDE = 0.01;
export const MAX_STRENGTH = 2;

/** One window's draw; the strength is applied when the warp is, so ranges are exactly linear in it. */
export interface WarpParams {
  strength: number;
  /** Radians about +Y. */
  angle: number;
  scale: number;
  /** d'(t) = MAX_SPEED_CHANGE · s · speed(t). */
  speed: SmoothCurve;
  /** (jointCount − 1) × 3 curves: joint 1's x, y, z, then joint 2's, … */
  jitter: SmoothCurve[];
}

export function drawWarpParams(rng: Rng, jointCount: number, strength: number): WarpParams {
  if (!(strength >= 0 && strength <= MAX_STRENGTH)) {
    throw new RangeError(`Warp strength must be within 0..${MAX_STRENGTH}, got ${strength}.`);
  }
  const angle = (2 * rng.next() - 1) * MAX_ANGLE * strength;
  const scale = 1 + (2 * rng.next() - 1) * MAX_SCALE_CHANGE * strength;
  const speed = drawSmoothCurve(rng, SPEED_TERMS, MIN_PERIOD, MAX_PERIOD);
  const jitter: SmoothCurve[] = [];
  for (let i = 0; i < (jointCount - 1) * 3; i++) jitter.push(drawSmoothCurve(rng, JITTER_TERMS, MIN_PERIOD, MAX_PERIOD));
  return { strength, angle, scale, speed, jitter };
}

export interface TimeMap {
  /** Source frame (fractional, in clip frames) for each output frame. */
  tau: Float64Array;
  /** Local playback speed 1 + d'(t), which the root velocity is multiplied by. */
  speed: Float64Array;
}

/**
 * τ(t) = start + t + d(t), with d the exact integral of the speed curve from frames/2, so
 * d(frames/2) = 0 and |τ(t+1) − τ(t) − 1| ≤ 0.2·s. Clamping to [0, clipFrames − 1] can only
 * flatten the map at the clip's ends (the drift is at most 0.2·s·frames/2), never reverse it.
 */
export function timeMap(params: WarpParams, clipFrames: number, start: number, frames: number): TimeMap {
  const tau = new Float64Array(frames);
  const speed = new Float64Array(frames);
  const gain = MAX_SPEED_CHANGE * params.strength;
  // Subtracting the same float P(mid) makes d(frames/2) exactly 0, not merely close.
  const anchor = curvePrimitive(params.speed, frames / 2);
  const last = clipFrames - 1;
  for (let t = 0; t < frames; t++) {
    const at = start + t + gain * (curvePrimitive(params.speed, t) - anchor);
    tau[t] = at < 0 ? 0 : at > last ? last : at;
    speed[t] = 1 + gain * curveValue(params.speed, t);
  }
  return { tau, speed };
}

/** The warped input for window [start, start + frames) of `clip`, under given parameters. */
export function applyWarp(
  clip: Float32Array,
  clipFrames: number,
  start: number,
  frames: number,
  jointCount: number,
  params: WarpParams,
): Float32Array {
  const dim = jointCount * 3 + 3;
  const vel = jointCount * 3;
  if (!Number.isInteger(start) || start < 0 || start + frames > clipFrames || clip.length < clipFrames * dim) {
    throw new RangeError(`Window [${start}, ${start + frames}) does not fit a clip of ${clipFrames} frames × ${dim}.`);
  }
  // Off means off: the exact bytes of the clean window, not a warp that rounds to it.
  if (params.strength === 0) return clip.slice(start * dim, (start + frames) * dim);

  const out = new Float32Array(frames * dim);
  const { tau, speed } = timeMap(params, clipFrames, start, frames);
  for (let t = 0; t < frames; t++) {
    const at = tau[t]!;
    const i0 = Math.floor(at);
    const w = at - i0;
    const a = i0 * dim;
    // At the last frame w is 0, so reading frame i0 twice is exact and stays in bounds.
    const b = Math.min(i0 + 1, clipFrames - 1) * dim;
    const o = t * dim;
    for (let k = 0; k < dim; k++) {
      const x = clip[a + k]!;
      out[o + k] = x + w * (clip[b + k]! - x);
    }
    // Velocity is per output frame: playing faster covers more ground each frame. At a
    // clamped end the positions freeze but the velocity keeps this smooth factor; a jump to
    // zero there would be a discontinuity the model has no way to undo.
    const v = speed[t]!;
    out[o + vel] = out[o + vel]! * v;
    out[o + vel + 1] = out[o + vel + 1]! * v;
    out[o + vel + 2] = out[o + vel + 2]! * v;
  }

  // Joint 0 is the root: its root-relative slot is identically zero and must stay so.
  const jitterAmp = JITTER_AMPLITUDE * params.strength;
  for (let j = 1; j < jointCount; j++) {
    for (let axis = 0; axis < 3; axis++) {
      addCurve(params.jitter[(j - 1) * 3 + axis]!, frames, out, j * 3 + axis, dim, jitterAmp);
    }
  }

  // Turn and scale together: every (x, y, z) triple, the velocity included, since a turned
  // speaker walks in a turned direction. Root-relative positions turn about the root, i.e.
  // about the vertical through the body, which is the turn a camera change would show.
  const k = params.scale;
  const c = Math.cos(params.angle) * k;
  const s = Math.sin(params.angle) * k;
  for (let i = 0; i < out.length; i += 3) {
    const x = out[i]!;
    const z = out[i + 2]!;
    out[i] = c * x + s * z;
    out[i + 1] = k * out[i + 1]!;
    out[i + 2] = c * z - s * x;
  }
  return out;
}

/**
 * The warped input for the training window [start, start + frames) of a raw feature clip
 * (clipFrames × (jointCount·3 + 3)). The caller takes the clean target from the same window.
 */
export function warpWindow(
  clip: Float32Array,
  clipFrames: number,
  start: number,
  frames: number,
  jointCount: number,
  rng: Rng,
  strength: number,
): Float32Array {
  return applyWarp(clip, clipFrames, start, frames, jointCount, drawWarpParams(rng, jointCount, strength));
}
