import { describe, expect, it } from 'vitest';
import { MARGIN, plotArea, plotScales } from './plot-scales';

describe('plotScales', () => {
  const plot = plotArea(468, 236);

  it('leaves the margins for the axes and maps the domains onto the plot (values grow upwards)', () => {
    expect(plot).toEqual({ x: MARGIN.left, y: MARGIN.top, width: 400, height: 200 });
    const s = plotScales(plot, [1000, 2000], [0, 2], false);
    expect(s.x(1000)).toBe(56);
    expect(s.x(1500)).toBe(256);
    expect(s.x(2000)).toBe(456);
    expect(s.y(0)).toBe(206);
    expect(s.y(2)).toBe(6);
    expect(s.step(s.x(1234))).toBeCloseTo(1234, 9);
  });

  it('spaces decades evenly on a log axis and has no place for zero or below', () => {
    const s = plotScales(plot, [0, 10], [0.01, 100], true);
    expect(s.y(0.01)).toBeCloseTo(206, 9);
    expect(s.y(1)).toBeCloseTo(106, 9);
    expect(s.y(100)).toBeCloseTo(6, 9);
    expect(s.y(0)).toBeNaN();
    expect(s.y(-1)).toBeNaN();
  });

  it('draws a one-step range and a flat domain without dividing by zero', () => {
    const s = plotScales(plot, [5, 5], [1, 1], false);
    expect(Number.isFinite(s.x(5))).toBe(true);
    expect(Number.isFinite(s.y(1))).toBe(true);
  });

  it('has an empty plot, not a negative one, in a box smaller than its margins', () => {
    expect(plotArea(20, 10)).toMatchObject({ width: 0, height: 0 });
  });
});
