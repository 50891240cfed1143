import { describe, expect, it } from 'vitest';
import { metricsCsv } from './metrics-export.js';

describe('metrics as CSV', () => {
  it('has a column for every metric any point logged, step and time first; empty where a point did not log it, NaN where it was not finite', () => {
    const csv = metricsCsv([
      { step: 1, time: Date.UTC(2026, 11, 8), values: { loss: 2.5, lr: 0.001 } },
      { step: 2, time: Date.UTC(2026, 11, 8, 0, 0, 1), values: { loss: null, 'val/a,b': 3 }, late: true },
    ]);
    expect(csv.split('\n')).toEqual(['step,time,loss,lr,"val/a,b"', '1,2026-12-08T00:00:00.000Z,2.5,0.001,', '2,2026-12-08T00:00:01.000Z,NaN,,3', '']);
  });

  it('is a header alone for a branch with no points', () => {
    expect(metricsCsv([])).toBe('step,time\n');
  });
});
