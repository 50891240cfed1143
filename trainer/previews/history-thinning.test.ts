import { describe, expect, it } from 'vitest';
import { previewsToThin } from './history-thinning.js';

const entries = (n: number, every = 50) => Array.from({ length: n }, (_, i) => ({ id: String(i * every).padStart(8, '0'), step: i * every }));

describe('sample history thinning', () => {
  it('keeps every preview up to the limit', () => {
    expect(previewsToThin(entries(200))).toEqual([]);
  });

  it('on a long run stays bounded, keeps the first and the newest, and still covers the whole run', () => {
    let kept: { id: string; step: number }[] = [];
    // Appended one at a time, thinned after each, as the store does.
    for (const entry of entries(5000)) {
      kept.push(entry);
      const dropped = new Set(previewsToThin(kept));
      kept = kept.filter((k) => !dropped.has(k.id));
      expect(kept.length).toBeLessThanOrEqual(200);
    }
    const steps = kept.map((k) => k.step);
    expect(steps[0]).toBe(0);
    expect(steps.slice(-20)).toEqual(entries(5000).slice(-20).map((e) => e.step));
    // Spread evenly: no gap between kept previews is more than 1/80 of the run (even spacing would be 1/200).
    const gaps = steps.slice(1).map((s, i) => s - (steps[i] as number));
    expect(Math.max(...gaps)).toBeLessThan((5000 * 50) / 80);
    expect(kept).toHaveLength(200);
  });
});
