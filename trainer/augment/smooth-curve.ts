/**
 * Smooth random curves for augmentation: a sum of a few random-phase sinusoids, amplitudes
 * normalised so the sum of |amplitude| is 1. That makes |value| ≤ 1 a guarantee rather than
 * a tendency, which is what lets the warp promise hard bounds (speed within ±20 %·s, jitter
 * within 0.01·s body heights) instead of "usually".
 *
 * Sinusoids rather than filtered noise because both the value and its integral are closed
 * forms: the time warp integrates a speed curve, and an exact integral keeps the speed bound
 * exact and the anchor d(frames/2) = 0 exact too.
 */
import type { Rng } from '../nn/rng.js';

export interface SmoothCurve {
  /** Amplitudes, Σ|a| = 1. */
  amp: number[];
  /** Angular frequency in radians per frame. */
  omega: number[];
  phase: number[];
}

/**
 * Draws `terms` sinusoids with periods uniform in [minPeriod, maxPeriod] frames. Always
 * consumes exactly 3·terms numbers from `rng`, so callers can keep their draw count fixed.
 */
export function drawSmoothCurve(rng: Rng, terms: number, minPeriod: number, maxPeriod: number): SmoothCurve {
  // Plain arrays, not Float64Array: a window draws ~40 curves, and typed-array allocation
  // was most of the warp's cost.
  const amp: number[] = [];
  const omega: number[] = [];
  const phase: number[] = [];
  let total = 0;
  for (let k = 0; k < terms; k++) {
    // A floor on each amplitude keeps every term audible, so no curve degenerates to one
    // sinusoid that happens to be almost flat over a short window.
    const a = 0.5 + 0.5 * rng.next();
    amp.push(a);
    total += a;
    omega.push((2 * Math.PI) / (minPeriod + (maxPeriod - minPeriod) * rng.next()));
    phase.push(2 * Math.PI * rng.next());
  }
  for (let k = 0; k < terms; k++) amp[k] = amp[k]! / total;
  return { amp, omega, phase };
}

/** c(t), in [-1, 1]. */
export function curveValue(c: SmoothCurve, t: number): number {
  let v = 0;
  for (let k = 0; k < c.amp.length; k++) v += c.amp[k]! * Math.sin(c.omega[k]! * t + c.phase[k]!);
  return v;
}

/** An antiderivative of c, in closed form: ∫ c(u) du from a to b is P(b) − P(a). */
export function curvePrimitive(c: SmoothCurve, t: number): number {
  let v = 0;
  for (let k = 0; k < c.amp.length; k++) v -= (c.amp[k]! * Math.cos(c.omega[k]! * t + c.phase[k]!)) / c.omega[k]!;
  return v;
}

/**
 * out[offset + t·stride] += scale · c(t) for t = 0..frames-1. Uses the angle-addition
 * recurrence (two multiply-adds per term and frame) instead of Math.sin per sample: the
 * jitter evaluates dozens of curves per window, and this is the hot loop of the warp. In
 * float64 the recurrence drifts by ~1e-15 per step, far below float32 resolution.
 */
export function addCurve(
  c: SmoothCurve,
  frames: number,
  out: Float32Array,
  offset: number,
  stride: number,
  scale: number,
): void {
  for (let k = 0; k < c.amp.length; k++) {
    const a = scale * c.amp[k]!;
    const w = c.omega[k]!;
    const cw = Math.cos(w);
    const sw = Math.sin(w);
    let s = Math.sin(c.phase[k]!);
    let co = Math.cos(c.phase[k]!);
    for (let t = 0, i = offset; t < frames; t++, i += stride) {
      out[i] = out[i]! + a * s;
      const next = s * cw + co * sw;
      co = co * cw - s * sw;
      s = next;
    }
  }
}
