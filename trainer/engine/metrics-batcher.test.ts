import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { MetricsBatcher } from './metrics-batcher.js';

describe('metrics batching', () => {
  it('sends many fast steps as a few messages, not one per step', () => {
    const batches: MetricPoint[][] = [];
    let now = 0;
    const batcher = new MetricsBatcher((points) => batches.push(points) > 0, { maxDelayMs: 200, maxPoints: 500 }, () => now);
    for (let step = 1; step <= 1000; step++) {
      now += 1; // 1 ms per step: 1,000 steps/s
      batcher.add(step, { loss: 1 / step });
    }
    batcher.flush();
    expect(batches.length).toBeLessThanOrEqual(6);
    expect(batches.flat().map((p) => p.step)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });

  it('does not hold a slow step back longer than the delay', () => {
    const batches: MetricPoint[][] = [];
    let now = 0;
    const batcher = new MetricsBatcher((points) => batches.push(points) > 0, { maxDelayMs: 200, maxPoints: 500 }, () => now);
    batcher.add(1, { loss: 1 });
    now = 250;
    batcher.add(2, { loss: 0.5 });
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(2);
  });

  it('turns non-finite values into null so JSON keeps them as gaps', () => {
    const batches: MetricPoint[][] = [];
    const batcher = new MetricsBatcher((points) => batches.push(points) > 0);
    batcher.add(1, { loss: NaN, 'loss/recon': Infinity, 'loss/velocity': 0.5 });
    batcher.flush();
    expect(JSON.parse(JSON.stringify(batches[0]![0]!.values))).toEqual({ loss: null, 'loss/recon': null, 'loss/velocity': 0.5 });
  });

  it('keeps a batch that could not be written and sends it first, in order, with the next', () => {
    const batches: number[][] = [];
    let writable = false;
    const batcher = new MetricsBatcher((points) => writable && batches.push(points.map((p) => p.step)) > 0);
    batcher.add(1, { loss: 1 });
    batcher.flush();
    batcher.add(2, { loss: 1 });
    batcher.flush();
    expect(batcher.waiting).toBe(2);
    writable = true;
    batcher.add(3, { loss: 1 });
    batcher.flush();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(batcher.waiting).toBe(0);
  });
});
