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
import { RunTensorBoard, tensorboardDirOf } from './run-tensorboard.js';

// --- The independent reader -------------------------------------------------------------

/** CRC-32C bit by bit (Castagnoli, reflected polynomial 0x82F63B78), then TensorFlow's mask. */
function maskedCrc(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  crc = (crc ^ 0xffffffff) >>> 0;
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** The records of a TFRecord file whose framing and both CRCs check; reading stops at the first that does not (a torn tail). */
function readRecords(file: Buffer): { records: Buffer[]; torn: boolean } {
  const records: Buffer[] = [];
  let at = 0;
  while (at < file.length) {
    if (at + 12 > file.length) return { records, torn: true };
    const length = Number(file.readBigUInt64LE(at));
    if (maskedCrc(file.subarray(at, at + 8)) !== file.readUInt32LE(at + 8) || at + 12 + length + 4 > file.length) return { records, torn: true };
    const data = file.subarray(at + 12, at + 12 + length);
    if (maskedCrc(data) !== file.readUInt32LE(at + 12 + length)) return { records, torn: true };
    records.push(data);
    at += 12 + length + 4;
  }
  return { records, torn: false };
}

type Field = { no: number; varint?: bigint; fixed64?: Buffer; fixed32?: Buffer; bytes?: Buffer };

/** Protobuf wire format: (field << 3 | type) keys, varints, 64- and 32-bit fixed, length-delimited. */
function fields(buffer: Buffer): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = () => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = buffer[at++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < buffer.length) {
    const key = Number(varint());
    const no = key >> 3;
    switch (key & 7) {
      case 0:
        out.push({ no, varint: varint() });
        break;
      case 1:
        out.push({ no, fixed64: buffer.subarray(at, (at += 8)) });
        break;
      case 2: {
        const length = Number(varint());
        out.push({ no, bytes: buffer.subarray(at, (at += length)) });
        break;
      }
      case 5:
        out.push({ no, fixed32: buffer.subarray(at, (at += 4)) });
        break;
      default:
        throw new Error(`wire type ${key & 7}`);
    }
  }
  return out;
}

interface ReadEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  scalars: Record<string, number>;
  texts: Record<string, string>;
  sessionStatus?: number;
}

/** event.proto: wall_time 1, step 2, file_version 3, summary 5 (value 1: tag 1, simple_value 2, tensor 8 → string_val 8), session_log 7 (status 1). */
function readEvent(record: Buffer): ReadEvent {
  const event: ReadEvent = { wallTime: NaN, step: 0, scalars: {}, texts: {} };
  for (const f of fields(record)) {
    if (f.no === 1) event.wallTime = f.fixed64!.readDoubleLE(0);
    if (f.no === 2) event.step = Number(f.varint);
    if (f.no === 3) event.fileVersion = f.bytes!.toString('utf8');
    if (f.no === 7) event.sessionStatus = Number(fields(f.bytes!).find((s) => s.no === 1)?.varint ?? 0n);
    if (f.no !== 5) continue;
    for (const value of fields(f.bytes!).filter((v) => v.no === 1).map((v) => fields(v.bytes!))) {
      const tag = value.find((v) => v.no === 1)!.bytes!.toString('utf8');
      const simple = value.find((v) => v.no === 2);
      if (simple) event.scalars[tag] = simple.fixed32!.readFloatLE(0);
      const tensor = value.find((v) => v.no === 8);
      if (tensor) event.texts[tag] = fields(tensor.bytes!).find((t) => t.no === 8)!.bytes!.toString('utf8');
    }
  }
  return event;
}

function readBranch(runDir: string, branch: string): { events: ReadEvent[]; torn: boolean } {
  const dir = join(tensorboardDirOf(runDir), branch);
  const files = readdirSync(dir).filter((f) => f.includes('tfevents')).sort();
  const read = files.map((f) => readRecords(readFileSync(join(dir, f))));
  return { events: read.flatMap((r) => r.records.map(readEvent)), torn: read.some((r) => r.torn) };
}

// --- The tests ----------------------------------------------------------------------------

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
