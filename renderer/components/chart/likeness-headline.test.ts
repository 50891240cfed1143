import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../../trainer/protocol';
import { MetricLog } from '../../store/metric-log';
import { headlineLikeness } from './likeness-headline';
import { seriesLabel, seriesTitle } from './series-labels';

const step = (s: number): MetricPoint => ({ step: s, time: s, values: { loss: 1 } });
const evaluation = (s: number, tokenizer: number, generator: number, headline: number): MetricPoint => ({
  step: s,
  time: s,
  values: { likeness: headline, 'val/tokenizer_likeness': tokenizer, 'val/generator_likeness': generator },
  late: true,
});

describe('the headline likeness', () => {
  it('names the series the newest evaluation copied, and follows it when the generator starts training', () => {
    let log = MetricLog.of([step(1), evaluation(1, 71, 3, 71), step(2)]);
    expect(headlineLikeness(log)).toEqual({ series: 'val/tokenizer_likeness', label: 'Tokenizer likeness', meaning: 'reconstruction', value: 71 });
    log = log.append([step(3), evaluation(3, 72, 62, 62), step(4)]);
    expect(headlineLikeness(log)).toMatchObject({ series: 'val/generator_likeness', label: 'Generator likeness', meaning: 'from audio alone', value: 62 });
    // Many batches later, with no evaluation among them, it still knows the last one.
    log = log.append(Array.from({ length: 1000 }, (_, i) => step(5 + i)));
    expect(headlineLikeness(log)?.value).toBe(62);
  });

  it('is plain "Likeness" for a recipe that names no series, and null before any evaluation', () => {
    expect(headlineLikeness([step(1)])).toBeNull();
    expect(headlineLikeness([step(1), { step: 2, time: 2, values: { likeness: 40 } }])).toMatchObject({ series: 'likeness', label: 'Likeness', value: 40 });
    expect(headlineLikeness([{ step: 2, time: 2, values: { likeness: null } }])).toMatchObject({ value: null });
  });
});

describe('series labels', () => {
  it('names a series by whose it is within its chart, and keeps the logged key in the tooltip', () => {
    expect(['smooth/recon_jerk', 'smooth/generated_jerk', 'smooth/truth_jerk'].map(seriesLabel)).toEqual(['reconstruction', 'generated', 'ground truth']);
    expect(['beat/align', 'beat/align_shifted', 'beat/truth_align_shifted', 'beat/truth_align_gain'].map(seriesLabel)).toEqual([
      'generated',
      'generated, shifted audio',
      'ground truth, shifted audio',
      'ground truth',
    ]);
    expect(seriesLabel('val/generator_likeness')).toBe('Generator likeness');
    expect(seriesTitle('val/generator_likeness')).toBe('val/generator_likeness: from audio alone');
    expect(seriesLabel('probe/dead_units')).toBe('probe/dead_units');
  });
});
