/**
 * A run's TensorBoard files read back by an independent reader written here from the format
 * description (TFRecord framing with masked CRC-32C, the Event protobuf's wire format), not by
 * the code that wrote them: every scalar, step and tag comes back; a torn last record (a crash
 * mid-write) is skipped; a fork writes the session start TensorBoard purges orphaned points by.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import { readBranch } from '../testing/tfevents-reader.js';
import { RunTensorBoard, tensorboardDirOf } from './run-tensorboard.js';

let runDir: string;
beforeEach(() => {
  runDir = mkdtempSync(join(tmpdir(), 'stagecraft-tb-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(runDir, { recursive: true, force: true });
});

const points: MetricPoint[] = [
  { step: 1, time: 1_765_000_000_000, values: { loss: 2.5, lr: 1e-4, 'loss/recon': 1.25 } },
  { step: 2, time: 1_765_000_000_500, values: { loss: 2.25, lr: 1e-4, 'loss/recon': null } },
  { step: 250, time: 1_765_000_100_000, values: { 'val/tokenizer_likeness': 71.5, 'val/fd_g': 0.0021 }, late: true },
];

describe("a run's TensorBoard files", () => {
  it('hold every scalar with its step, tag and wall time, and the timeline as text, behind the file version', () => {
    const tb = new RunTensorBoard(runDir, () => undefined);
    tb.metrics('main', points);
    tb.mark('main', { step: 2, kind: 'controls', label: 'random warp off' });
    tb.close();
    const { events, torn } = readBranch(runDir, 'main');
    expect(torn).toBe(false);
    expect(events[0]?.fileVersion).toBe('brain.Event:2');
    const scalars = events.filter((e) => Object.keys(e.scalars).length > 0);
    expect(scalars.map((e) => e.step)).toEqual([1, 2, 250]);
    points.forEach((point, i) => {
      const written = Object.fromEntries(Object.entries(point.values).filter(([, v]) => v !== null).map(([k, v]) => [k, Math.fround(v!)]));
      expect(scalars[i]!.scalars).toEqual(written);
      expect(scalars[i]!.wallTime).toBe(point.time / 1000);
    });
    expect(events.find((e) => e.texts['timeline/controls'])).toMatchObject({ step: 2, texts: { 'timeline/controls': 'random warp off' } });
  });

  it('are appended within a second without being asked to flush', async () => {
    vi.useFakeTimers();
    const tb = new RunTensorBoard(runDir, () => undefined);
    tb.metrics('main', points.slice(0, 1));
    expect(readBranch(runDir, 'main').events).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(readBranch(runDir, 'main').events.map((e) => e.step)).toEqual([0, 1]);
    tb.close();
  });

  it('lose only a torn last record to a crash: the reader skips it and keeps every whole one', () => {
    const tb = new RunTensorBoard(runDir, () => undefined);
    tb.metrics('main', points);
    tb.close();
    const dir = join(tensorboardDirOf(runDir), 'main');
    const file = join(dir, readdirSync(dir)[0]!);
    const whole = readFileSync(file);
    // Half of a copy of the last record, as a crash mid-append leaves it.
    appendFileSync(file, whole.subarray(whole.length - 40, whole.length - 15));
    const { events, torn } = readBranch(runDir, 'main');
    expect(torn).toBe(true);
    expect(events.filter((e) => Object.keys(e.scalars).length > 0).map((e) => e.step)).toEqual([1, 2, 250]);
  });

  it('mark a fork with a session start just past the fork step, in the branch’s own directory', () => {
    const tb = new RunTensorBoard(runDir, () => undefined);
    tb.metrics('main', points);
    tb.fork('b-1', 2);
    tb.metrics('b-1', [{ step: 3, time: 1_765_000_200_000, values: { loss: 1.5 } }]);
    tb.close();
    const branch = readBranch(runDir, 'b-1').events;
    expect(branch[0]?.fileVersion).toBe('brain.Event:2');
    expect(branch[1]).toMatchObject({ step: 3, sessionStatus: 1 });
    expect(branch[2]).toMatchObject({ step: 3, scalars: { loss: 1.5 } });
    expect(readBranch(runDir, 'main').events.some((e) => e.sessionStatus !== undefined)).toBe(false);
  });
});
