import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { chartSettingsSlice, clampSmoothing, initialChartSettings, nextWindow, visibleRange, type ChartSettingsSlice } from './chart-settings';

const store = () => createStore<ChartSettingsSlice>()((set) => chartSettingsSlice(set));

describe('chart settings', () => {
  it('`l` cycles the window all → 5k → 10k → 50k → all', () => {
    expect([nextWindow('all'), nextWindow(5000), nextWindow(10000), nextWindow(50000)]).toEqual([5000, 10000, 50000, 'all']);
  });

  it('shows the last N steps of a long run, all of a short one', () => {
    const s = { ...initialChartSettings, chartWindow: 5000 as const };
    expect(visibleRange(s, 'r', 0, 1_000_000)).toEqual([995_000, 1_000_000]);
    expect(visibleRange(s, 'r', 10, 3000)).toEqual([10, 3000]);
    expect(visibleRange(initialChartSettings, 'r', 10, 3000)).toEqual([10, 3000]);
    expect(visibleRange(initialChartSettings, 'r', 1, 1)).toEqual([1, 2]);
    expect(visibleRange(initialChartSettings, 'r', null, null)).toBeNull();
  });

  it('moves the right end in round strides, so the axis holds still between batches', () => {
    const all = (last: number) => visibleRange(initialChartSettings, 'r', 1, last);
    expect(all(1_000_001)).toEqual([1, 1_050_000]);
    expect(all(1_005_500)).toEqual([1, 1_050_000]);
    const last5k = (last: number) => visibleRange({ ...initialChartSettings, chartWindow: 5000 }, 'r', 1, last);
    expect(last5k(1_000_120)).toEqual([995_200, 1_000_200]);
    expect(last5k(1_000_190)).toEqual([995_200, 1_000_200]);
    expect(last5k(122)).toEqual([1, 125]);
  });

  it('a zoom holds for its own run only, and a new window replaces it', () => {
    const s = store();
    s.getState().zoomTo({ runId: 'a', from: 900, to: 100 });
    expect(s.getState().zoom).toEqual({ runId: 'a', from: 100, to: 900 });
    expect(visibleRange(s.getState(), 'a', 0, 5000)).toEqual([100, 900]);
    expect(visibleRange(s.getState(), 'b', 0, 5000)).toEqual([0, 5000]);
    s.getState().cycleChartWindow();
    expect(s.getState().zoom).toBeNull();
    expect(s.getState().chartWindow).toBe(5000);
  });

  it('smooths noisy curves like TensorBoard by default (EMA 0.6), still adjustable', () => {
    const s = store();
    expect(s.getState().smoothing).toBe(0.6);
    s.getState().setSmoothing(0);
    expect(s.getState().smoothing).toBe(0);
  });

  it('folds a chart group away and opens it again, one group at a time', () => {
    const s = store();
    s.getState().toggleGroup('memory');
    s.getState().toggleGroup('speed');
    expect(s.getState().foldedGroups).toEqual(['memory', 'speed']);
    s.getState().toggleGroup('memory');
    expect(s.getState().foldedGroups).toEqual(['speed']);
  });

  it('keeps smoothing between raw and 0.99 whatever it is handed', () => {
    expect([clampSmoothing(-1), clampSmoothing(0.5), clampSmoothing(3), clampSmoothing(NaN)]).toEqual([0, 0.5, 0.99, 0]);
  });
});
