import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import { testRunFile } from '../testing/run-file.js';
import { branchPage, branchSeries, forkBranch, metricsFileOf } from './branches.js';
import { historyPage, historyRange, keepTier } from './history-cap.js';
import { buildIndex, logIndex, readLines } from './metrics-file-index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-log-index-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (p: MetricPoint) => JSON.stringify(p) + '\n';
/** A log shaped like a long run's: a point per step, an evaluation every 250, a non-finite loss now and then, late evaluation points. */
function longLog(steps: number, from = 1): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let step = from; step < from + steps; step++) {
    points.push({ step, time: step / 6, values: { loss: step % 777 === 0 ? null : 1 / step, lr: 1e-3 } });
    if (step % 250 === 0) points.push({ step: step - 3, time: step / 6, values: { 'val/recon': 1 / step }, late: true });
    if (step % 500 === 0) points.push({ step, time: step / 6, values: { 'val/likeness': step % 100 } });
  }
  return points;
}

describe('a metrics log served a page at a time', () => {
  it('indexes each whole line’s step and what a page keeps it for, as history-cap decides from the parsed point', () => {
    const points = longLog(3000);
    const index = buildIndex(Buffer.from(points.map(line).join('')));
    expect(index.count).toBe(points.length);
    expect(Array.from(index.steps)).toEqual(points.map((p) => p.step));
    expect(Array.from(index.tiers)).toEqual(points.map(keepTier));
  });

  it('reads a line written by another tool (keys in another order) and leaves out what is not a point, and a torn last line', () => {
    const file = join(dir, 'metrics.jsonl');
    const good = { step: 7, time: 1, values: { loss: 0.5 } };
    writeFileSync(file, [line({ step: 5, time: 0, values: { loss: 1 } }), '{"time":1,"values":{"loss":0.5},"step":7}\n', 'not json\n', '{"step":"8"}\n', '{"step":9,"time":2,"values":{"loss":0.4}'].join(''));
    const index = logIndex(file);
    expect(index.count).toBe(4);
    expect(Array.from(index.steps)).toEqual([5, 7, NaN, NaN]);
    expect(readLines(file, index, [0, 1, 2, 3])).toEqual([{ step: 5, time: 0, values: { loss: 1 } }, good]);
  });

  it('serves the same page as the whole history cut down, for every branch and range, and sees a log that grew', () => {
    const run = forkBranch(testRunFile({ step: 30_000, plan: motionAutoencoder.defaultPlan }), { id: 'step-00020000-a', step: 20_000, reason: 'manual', label: '', createdAt: '', bytes: 1, branch: 'main' });
    writeFileSync(metricsFileOf(dir, 'main'), longLog(30_000).map(line).join(''));
    writeFileSync(metricsFileOf(dir, 'branch-1'), longLog(5_000, 20_001).map(line).join(''));
    for (const branch of ['main', 'branch-1']) {
      const all = branchSeries(dir, run, branch);
      for (const [from, to] of [[0, Infinity], [10_000, 22_000], [19_990, 20_010], [24_000, 24_999]] as const) {
        expect(branchPage(dir, run, branch, from, to), `${branch} ${from}-${to}`).toEqual(historyPage(historyRange(all, from, to)));
      }
    }
    appendFileSync(metricsFileOf(dir, 'main'), line({ step: 30_001, time: 0, values: { loss: 0.01 } }));
    expect(branchPage(dir, run, 'main').points.at(-1)?.step).toBe(30_001);
  });
});
