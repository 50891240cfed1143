/** How strength sets the warp's ranges, and what the warp refuses. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../nn/rng.js';
import { drawWarpParams, MAX_ANGLE, MAX_SCALE_CHANGE, MAX_SPEED_CHANGE, timeMap, warpWindow } from './motion-warp.js';

const J = 13;
const FRAMES = 64;

/** The widest angle, scale and speed change drawn over many windows at one strength. */
function ranges(s: number): { angle: number; scale: number; speed: number } {
  const r = { angle: 0, scale: 0, speed: 0 };
  for (let seed = 0; seed < 2000; seed++) {
    const p = drawWarpParams(new Rng(seed), J, s);
    r.angle = Math.max(r.angle, Math.abs(p.angle));
    r.scale = Math.max(r.scale, Math.abs(p.scale - 1));
    for (const v of timeMap(p, 1000, 400, FRAMES).speed) r.speed = Math.max(r.speed, Math.abs(v - 1));
  }
  return r;
}

describe('warp strength', () => {
  it('widens the angle, scale and speed ranges: s=1 within the defaults, s=0.5 within half, s=2 beyond', () => {
    const one = ranges(1);
    const half = ranges(0.5);
    const two = ranges(2);
    expect(one.angle).toBeLessThanOrEqual(MAX_ANGLE);
    expect(one.scale).toBeLessThanOrEqual(MAX_SCALE_CHANGE);
    expect(one.speed).toBeLessThanOrEqual(MAX_SPEED_CHANGE);
    // Over 2000 windows the defaults are actually reached, or "within" would be vacuous.
    expect(one.angle).toBeGreaterThan(0.95 * MAX_ANGLE);
    expect(one.scale).toBeGreaterThan(0.95 * MAX_SCALE_CHANGE);
    expect(one.speed).toBeGreaterThan(0.75 * MAX_SPEED_CHANGE);

    expect(half.angle).toBeLessThanOrEqual(MAX_ANGLE / 2);
    expect(half.scale).toBeLessThanOrEqual(MAX_SCALE_CHANGE / 2);
    expect(half.speed).toBeLessThanOrEqual(MAX_SPEED_CHANGE / 2);

    expect(two.angle).toBeGreaterThan(MAX_ANGLE);
    expect(two.scale).toBeGreaterThan(MAX_SCALE_CHANGE);
    expect(two.speed).toBeGreaterThan(MAX_SPEED_CHANGE);
    expect(two.angle).toBeLessThanOrEqual(2 * MAX_ANGLE);
  });

  it('refuses strengths outside 0..2 and windows outside the clip', () => {
    const dim = J * 3 + 3;
    const clip = new Float32Array(100 * dim);
    const run = (start: number, s: number) => () => warpWindow(clip, 100, start, FRAMES, J, new Rng(1), s);
    expect(run(0, 2.5)).toThrow(RangeError);
    expect(run(0, -0.1)).toThrow(RangeError);
    expect(run(0, Number.NaN)).toThrow(RangeError);
    expect(run(37, 1)).toThrow(RangeError);
    expect(run(-1, 1)).toThrow(RangeError);
    expect(run(36, 1)).not.toThrow();
  });
});
