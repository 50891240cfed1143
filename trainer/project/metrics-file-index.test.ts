import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import { testRunFile } from '../testing/run-file.js';
import { branchPage, branchSeries, forkBranch, metricsFileOf } from './branches.js';
import { historyPage, keepTier } from './history-cap.js';
import { buildIndex, indexFileOf, logIndex, readLines } from './metrics-file-index.js';
import { MetricsLog, truncateMetricsLog } from './metrics-log.js';

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
        expect(branchPage(dir, run, branch, from, to), `${branch} ${from}-${to}`).toEqual(historyPage(all, from, to));
      }
    }
    appendFileSync(metricsFileOf(dir, 'main'), line({ step: 30_001, time: 0, values: { loss: 0.01 } }));
    expect(branchPage(dir, run, 'main').points.at(-1)?.step).toBe(30_001);
  });
});

/** A new modification time, so the in-memory cache does not answer for the file. */
const touch = (file: string, seconds: number) => utimesSync(file, new Date(), new Date(Date.now() + seconds * 1000));

describe('the index the trainer writes beside a log', () => {
  const logFile = () => join(dir, 'metrics.jsonl');

  it('is written as the log is appended and read instead of the log', () => {
    const points = longLog(2000);
    const log = MetricsLog.open(logFile());
    log.append(points.slice(0, 700));
    log.append(points.slice(700));
    log.close();
    expect(existsSync(indexFileOf(logFile()))).toBe(true);
    expect(logIndex(logFile())).toEqual(buildIndex(readFileSync(logFile())));
    // The index is read, not the log: a step changed in the log's text (same length) still indexes as written.
    writeFileSync(logFile(), readFileSync(logFile(), 'utf8').replace('{"step":1,', '{"step":9,'));
    touch(logFile(), 1);
    expect(logIndex(logFile()).steps[0]).toBe(1);
  });

  it('is rebuilt from the log when it does not match it: torn, behind, from elsewhere, or after a rollback', () => {
    const points = longLog(600);
    const log = MetricsLog.open(logFile());
    log.append(points);
    log.close();
    const good = buildIndex(readFileSync(logFile()));
    const side = indexFileOf(logFile());
    const bytes = readFileSync(side);
    [bytes.subarray(0, bytes.length - 5), bytes.subarray(0, bytes.length - 24), Buffer.alloc(bytes.length, 7)].forEach((broken, k) => {
      writeFileSync(side, broken);
      touch(logFile(), k + 1);
      expect(logIndex(logFile()), `broken index ${k}`).toEqual(good);
    });
    // A log appended without its index (another writer): its tail is found by scanning.
    appendFileSync(logFile(), line({ step: 601, time: 0, values: { loss: 1 } }));
    expect(logIndex(logFile()).steps.at(-1)).toBe(601);
    // A writer that reopens a log whose index does not match rebuilds it first, then keeps it in step.
    writeFileSync(side, bytes.subarray(0, 24));
    const again = MetricsLog.open(logFile());
    again.append([{ step: 602, time: 0, values: { loss: 1 } }]);
    again.close();
    const scanned = buildIndex(readFileSync(logFile()));
    expect(scanned.steps.at(-1)).toBe(602);
    expect(readFileSync(side).length, 'a record for every line').toBe(24 * scanned.count);
    touch(logFile(), 9);
    expect(logIndex(logFile())).toEqual(scanned);
    // A rollback rewrites the log and drops the index.
    truncateMetricsLog(logFile(), 100);
    expect(existsSync(side)).toBe(false);
    expect(logIndex(logFile()).count).toBe(longLog(100).length);
  });
});
