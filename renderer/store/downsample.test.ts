import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../trainer/protocol';
import { buildChartSeries, chartedKeys, minMaxDownsample, type ChartPoint } from './downsample';

const series = (n: number, y: (i: number) => number | null = (i) => Math.sin(i / 50)): ChartPoint[] =>
  Array.from({ length: n }, (_, i) => ({ step: i, y: y(i) }));

describe('chart downsampling', () => {
  it('draws short runs exactly as logged', () => {
    expect(minMaxDownsample(series(10), 100)).toEqual(series(10));
  });

  it('draws a long run with a bounded number of points in step order', () => {
    const out = minMaxDownsample(series(200_000), 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out.length).toBeGreaterThan(900);
    expect(out.every((p, i) => i === 0 || p.step > out[i - 1]!.step)).toBe(true);
  });

  it('keeps a one-step spike visible', () => {
    const out = minMaxDownsample(series(100_000, (i) => (i === 54_321 ? 99 : 1)), 500);
    expect(out.some((p) => p.step === 54_321 && p.y === 99)).toBe(true);
  });

  it('keeps a non-finite step as a gap', () => {
    const out = minMaxDownsample(series(100_000, (i) => (i === 777 ? null : 1)), 500);
    expect(out.some((p) => p.step === 777 && p.y === null)).toBe(true);
  });

  it('charts the GAN’s discriminator and adversarial losses once they are logged', () => {
    const metrics: MetricPoint[] = [
      { step: 1, time: 1, values: { loss: 2, lossScale: 1024 } },
      { step: 2, time: 2, values: { loss: 2, 'gan/d_loss': 0.7, 'gan/g_adv': 0.6, 'mem/rssMB': 400 } },
    ];
    expect(chartedKeys(metrics)).toEqual(['loss', 'gan/d_loss', 'gan/g_adv']);
  });

  it('charts loss curves and validation loss, loss first, and bounds the total', () => {
    const metrics: MetricPoint[] = Array.from({ length: 50_000 }, (_, step) => ({
      step,
      time: step,
      values: { 'loss/velocity': 1, loss: 2, 'loss/recon': 1, lr: 1e-4, stepsPerSec: 6, ...(step % 100 === 0 ? { 'val/recon': 3 } : {}) },
    }));
    const keys = chartedKeys(metrics);
    expect(keys).toEqual(['loss', 'loss/recon', 'loss/velocity', 'val/recon']);
    const drawn = buildChartSeries(metrics, keys);
    expect(drawn.reduce((n, s) => n + s.points.length, 0)).toBeLessThanOrEqual(2000);
    // Validation is logged every 100 steps: its absent steps are not gaps.
    expect(drawn[3]!.points.every((p) => p.y === 3)).toBe(true);
  });
});
