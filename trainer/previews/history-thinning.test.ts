import { describe, expect, it } from 'vitest';
import { previewsToThin, previewsToThinPerBranch } from './history-thinning.js';

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

  it('thins each branch on its own: a branch forked from an early step keeps its previews beside a long main branch', () => {
    const main = entries(300).map((e) => ({ ...e, branch: 'main' }));
    // Restored from step 6,000 while main is at 14,950: every branch step is older than main's newest 20.
    const branch = Array.from({ length: 30 }, (_, i) => ({ id: `${6000 + i * 50}-branch-1`, step: 6000 + i * 50, branch: 'branch-1' }));
    const all = [...main, ...branch].sort((a, b) => a.step - b.step);
    const dropped = new Set(previewsToThinPerBranch(all));
    expect(branch.filter((e) => dropped.has(e.id))).toEqual([]);
    expect(dropped.size).toBe(100);
    expect(previewsToThinPerBranch(all.filter((e) => !dropped.has(e.id)))).toEqual([]);
    // Thinned against main (the old rule), the branch lost its previews.
    expect(previewsToThin(all).some((id) => id.endsWith('branch-1'))).toBe(true);
  });

  it('bounds every branch at the limit, each with its own first and newest previews', () => {
    const of = (branch: string, from: number) => Array.from({ length: 250 }, (_, i) => ({ id: `${from + i}-${branch}`, step: from + i, branch }));
    const all = [...of('main', 0), ...of('branch-1', 100)].sort((a, b) => a.step - b.step);
    const dropped = new Set(previewsToThinPerBranch(all));
    for (const [branch, first] of [['main', 0], ['branch-1', 100]] as const) {
      const kept = all.filter((e) => e.branch === branch && !dropped.has(e.id));
      expect(kept).toHaveLength(200);
      expect(kept[0]!.step).toBe(first);
      expect(kept.slice(-20).map((e) => e.step)).toEqual(of(branch, first).slice(-20).map((e) => e.step));
    }
  });
});
