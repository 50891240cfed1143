import { describe, expect, it } from 'vitest';
import type { MetricPoint, TimelineMark } from '../../../trainer/protocol';
import { initialChartSettings } from '../../store/chart-settings';
import { ChartData } from './chart-data';

const point = (step: number, extra: Record<string, number | null> = {}): MetricPoint => ({
  step,
  time: step,
  values: { loss: 1 / (1 + step), 'loss/recon': 0.5, lr: 1e-3, stepsPerSec: 6, ...(step % 10 === 0 ? { 'mem/rssMB': 400, 'mem/tensorMB': 20 } : {}), ...extra },
});

const ids = (frame: ReturnType<ChartData['frame']>) => frame.charts.map((c) => c.spec.id);
const raw = { ...initialChartSettings, smoothing: 0 };

describe('chart data', () => {
  it('charts loss, learning rate, speed and memory; GAN and loss scale only once logged', () => {
    const data = new ChartData();
    const metrics = Array.from({ length: 100 }, (_, i) => point(i + 1));
    expect(ids(data.frame(metrics, [], initialChartSettings, 'r'))).toEqual(['loss', 'lr', 'speed', 'memory']);
    const withGan = [...metrics, point(101, { 'gan/d_loss': 0.7, 'gan/g_adv': 0.6, lossScale: 32768 })];
    const frame = data.frame(withGan, [], initialChartSettings, 'r');
    expect(ids(frame)).toEqual(['loss', 'gan', 'lr', 'loss-scale', 'speed', 'memory']);
    expect(frame.groups.map((g) => g.title)).toEqual(['GAN', 'Optimizer', 'Numerics', 'Speed', 'Memory']);
    expect(frame.charts[0]!.series.map((s) => s.key)).toEqual(['loss (recon)', 'loss/recon']);
  });

  it('shows likeness when the recipe reports it, the validation joint error otherwise', () => {
    const data = new ChartData();
    const auto = [point(1), point(2, { 'val/joint_error_pct': 12, 'val/recon': 0.4 })];
    const frame = data.frame(auto, [], initialChartSettings, 'r');
    expect(frame.charts.find((c) => c.spec.id === 'likeness')!.series.map((s) => s.key)).toEqual(['val/joint_error_pct']);
    expect(frame.charts[0]!.series.map((s) => s.key)).toEqual(['loss (recon)', 'loss/recon', 'val/recon']);
    // The headline is a copy of a named series: the chart draws the named series, never a line that changes meaning.
    const a2m = [point(1), point(2, { likeness: 90, 'val/tokenizer_likeness': 90, 'val/generator_likeness': 10 })];
    expect(new ChartData().frame(a2m, [], initialChartSettings, 'r').charts.find((c) => c.spec.id === 'likeness')!.series.map((s) => s.key)).toEqual([
      'val/tokenizer_likeness',
      'val/generator_likeness',
    ]);
  });

  it('lists non-finite steps as gaps and never throws on them', () => {
    const metrics = [point(1), point(2, { loss: null }), point(3)];
    const loss = new ChartData().frame(metrics, [], raw, 'r').charts[0]!.series[0]!;
    expect(loss.gaps).toEqual([2]);
    expect(loss.points.map((p) => p.y === null)).toEqual([false, true, false]);
  });

  it('keeps marks inside the window and widens the axis for a mark past the newest point', () => {
    const metrics = Array.from({ length: 20_000 }, (_, i) => point(i + 1));
    const timeline: TimelineMark[] = [
      { step: 0, kind: 'stage', label: 'stage 1' },
      { step: 19_000, kind: 'snapshot', label: 'auto' },
      { step: 20_001, kind: 'controls', label: 'random warp off' },
    ];
    const data = new ChartData();
    const all = data.frame(metrics, timeline, initialChartSettings, 'r');
    expect(all.range).toEqual([0, 21_000]);
    expect(all.marks).toHaveLength(3);
    const last5k = data.frame(metrics, timeline, { ...initialChartSettings, chartWindow: 5000 }, 'r');
    expect(last5k.range).toEqual([15_200, 20_200]);
    expect(last5k.marks.map((m) => m.label)).toEqual(['auto', 'random warp off']);
  });

  it('hands back the same chart while its series did not move, and draws nothing of a folded group', () => {
    const data = new ChartData();
    const evaluated = (step: number) => point(step, step % 250 === 0 ? { 'val/codebook_usage': 0.5 } : {});
    const metrics = Array.from({ length: 1010 }, (_, i) => evaluated(i + 1));
    const before = data.frame(metrics, [], initialChartSettings, 'r');
    const after = data.frame(metrics.concat([evaluated(1011)]), [], initialChartSettings, 'r');
    const codebook = (f: typeof before) => f.groups.find((g) => g.id === 'codebook')!.charts[0];
    expect(after.range).toBe(before.range);
    expect(codebook(after)).toBe(codebook(before));
    expect(after.primary).not.toBe(before.primary);

    const folded = data.frame(metrics, [], { ...initialChartSettings, foldedGroups: ['codebook', 'memory'] }, 'r');
    const group = folded.groups.find((g) => g.id === 'codebook')!;
    expect(group).toMatchObject({ folded: true, charts: [] });
    expect(group.specs.map((s) => s.title)).toEqual(['Codebook usage']);
    expect(ids(folded)).toEqual(['loss', 'lr', 'speed']);
    expect(folded.drawnPoints).toBeLessThan(before.drawnPoints);
  });

  it('follows the store as it appends, and starts over when the log is replaced', () => {
    const data = new ChartData();
    const first = Array.from({ length: 1000 }, (_, i) => point(i + 1));
    data.frame(first, [], initialChartSettings, 'r');
    const appended = first.concat([point(1001)]);
    expect(data.frame(appended, [], initialChartSettings, 'r').charts[0]!.series[0]!.points.at(-1)!.step).toBe(1001);
    // A resync hands over fresh objects, possibly a shorter log: nothing of the old one may linger.
    const replaced = [point(5), point(6)];
    const frame = data.frame(replaced, [], raw, 'r');
    expect(frame.range).toEqual([5, 6]);
    expect(frame.charts[0]!.series[0]!.points.map((p) => p.step)).toEqual([5, 6]);
  });
});
