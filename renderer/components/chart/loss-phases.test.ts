import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../../trainer/protocol';
import { initialChartSettings } from '../../store/chart-settings';
import { ChartData } from './chart-data';
import { PhaseTracker, phaseKey } from './loss-phases';

const tokenizer = (step: number): MetricPoint => ({ step, time: step, values: { loss: 0.05, 'loss/recon': 0.03, 'loss/velocity': 0.015, 'loss/commit': 0.005, lr: 1e-3 } });
const generator = (step: number): MetricPoint => ({ step, time: step, values: { loss: 3 - step / 1e4, 'loss/tokens': 3 - step / 1e4, lr: 1e-3 } });

describe('loss phases', () => {
  it("names a phase by the terms logged with the total, in the recipe's order", () => {
    expect(phaseKey(['loss/recon', 'loss/velocity', 'loss/commit'])).toBe('loss (recon, velocity, commit)');
    expect(phaseKey([])).toBe('loss');
    const tracker = new PhaseTracker();
    const a = tracker.phaseOf(['loss/recon', 'loss/velocity']);
    expect(tracker.phaseOf(['loss/velocity', 'loss/recon'])).toBe(a);
    expect(tracker.phaseOf(['loss/tokens']).key).toBe('loss (tokens)');
    expect(tracker.phases.map((p) => p.key)).toEqual(['loss (recon, velocity)', 'loss (tokens)']);
  });

  it("draws the total as one series per phase, so the generator's ~3 never joins the tokenizer's ~0.05", () => {
    const metrics = [...Array.from({ length: 3000 }, (_, i) => tokenizer(i + 1)), ...Array.from({ length: 2000 }, (_, i) => generator(3001 + i))];
    const frame = new ChartData().frame(metrics, [], initialChartSettings, 'r');
    const loss = frame.primary!;
    expect(loss.series.map((s) => s.key)).toEqual(['loss (recon, velocity, commit)', 'loss (tokens)', 'loss/recon', 'loss/velocity', 'loss/commit', 'loss/tokens']);
    const [first, second] = loss.series;
    expect(first!.points.at(-1)!.step).toBe(3000);
    expect(Math.max(...first!.points.map((p) => p.y!))).toBeCloseTo(0.05);
    expect(second!.points[0]!.step).toBe(3001);

    // Each phase again on its own scale, in the loss group, with its own terms.
    const phases = frame.groups.find((g) => g.id === 'loss')!;
    expect(phases.charts.map((c) => [c.spec.title, c.series.map((s) => s.key)])).toEqual([
      ['Phase 1: loss (recon, velocity, commit)', ['loss (recon, velocity, commit)', 'loss/recon', 'loss/velocity', 'loss/commit']],
      ['Phase 2: loss (tokens)', ['loss (tokens)', 'loss/tokens']],
    ]);
  });

  it('has no phase charts while the run has one phase: the loss chart says it all', () => {
    const frame = new ChartData().frame(Array.from({ length: 100 }, (_, i) => tokenizer(i + 1)), [], initialChartSettings, 'r');
    expect(frame.primary!.series[0]!.key).toBe('loss (recon, velocity, commit)');
    expect(frame.groups.map((g) => g.id)).toEqual(['optimizer']);
  });
});
