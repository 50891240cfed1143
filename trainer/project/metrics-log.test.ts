import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { MetricsLog, readMetricsLog, truncateMetricsLog } from './metrics-log.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-metrics-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const point = (step: number): MetricPoint => ({ step, time: 1000 + step, values: { loss: 1 / (step + 1) } });

describe('the metrics log', () => {
  it('ignores a torn last line when read, and cuts it off before appending so the next point is whole', () => {
    const file = join(dir, 'metrics.jsonl');
    writeFileSync(file, [point(1), point(2), point(3)].map((p) => JSON.stringify(p) + '\n').join(''));
    appendFileSync(file, JSON.stringify(point(4)).slice(0, 17)); // a crash mid-append
    expect(readMetricsLog(file).map((p) => p.step)).toEqual([1, 2, 3]);

    const log = MetricsLog.open(file);
    log.append([point(4), point(5)]);
    log.close();
    expect(readMetricsLog(file)).toEqual([point(1), point(2), point(3), point(4), point(5)]);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('treats a log that is all torn line as empty, and keeps working', () => {
    const file = join(dir, 'metrics.jsonl');
    writeFileSync(file, '{"step":1,"ti');
    const log = MetricsLog.open(file);
    log.append([point(2)]);
    log.close();
    expect(readMetricsLog(file)).toEqual([point(2)]);
  });

  it('forces appended points to disk within a second, even when no more points come', () => {
    vi.useFakeTimers();
    const log = MetricsLog.open(join(dir, 'metrics.jsonl'));
    let syncs = 0;
    const sync = log.sync.bind(log);
    log.sync = () => {
      syncs++;
      sync();
    };
    log.append([point(1)]);
    vi.advanceTimersByTime(999);
    expect(syncs).toBe(0);
    vi.advanceTimersByTime(1);
    expect(syncs).toBe(1);
    // Steady logging every 200 ms: a sync at least once per second, not one per append.
    for (let i = 2; i < 17; i++) {
      log.append([point(i)]);
      vi.advanceTimersByTime(200);
    }
    expect(syncs).toBeGreaterThanOrEqual(1 + 3);
    expect(syncs).toBeLessThanOrEqual(1 + 4);
    log.close();
  });

  it('drops the points after a step when a rollback discards them', () => {
    const file = join(dir, 'metrics.jsonl');
    writeFileSync(file, [1, 2, 3, 4].map((s) => JSON.stringify(point(s)) + '\n').join(''));
    truncateMetricsLog(file, 2);
    expect(readMetricsLog(file).map((p) => p.step)).toEqual([1, 2]);
  });
});
