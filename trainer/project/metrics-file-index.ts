/**
 * A metrics log on disk, served a page at a time without parsing every line. A run that logged
 * a million steps leaves a ~200 MB log: parsing all of it to send 3,000 points took over 5 s.
 * One pass over the bytes finds where each line starts, its step (the `{"step":N,` every line
 * the trainer writes begins with; any other line is parsed to find it) and whether a page must
 * keep it (an evaluation, a non-finite value, a late point: history-cap.ts); then only the lines
 * a page picks are parsed. The index is kept per file while its size and modification time stay
 * the same, so the next page of a log that did not change reads only its own lines.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { MetricPoint } from '../protocol.js';

export interface LogIndex {
  /** Whole lines (a torn last line is left out). */
  count: number;
  /** Byte offset where line i starts; starts[count] is the end of the last whole line + 1. */
  starts: Float64Array;
  /** Line i's step; NaN for a line that is not a metric point (it is never served). */
  steps: Float64Array;
  /** Line i's keepTier (history-cap.ts): 2 non-finite, 1 evaluation or late, 0 a plain step. */
  tiers: Uint8Array;
}

const EMPTY: LogIndex = { count: 0, starts: new Float64Array(1), steps: new Float64Array(0), tiers: new Uint8Array(0) };
const cache = new Map<string, { size: number; mtimeMs: number; index: LogIndex }>();
/** Logs whose index is kept: the run and branches a person looks at. */
const CACHED_FILES = 8;

/** The index of `file` (empty when there is none), from the cache while the file is unchanged. */
export function logIndex(file: string): LogIndex {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return EMPTY;
  }
  const hit = cache.get(file);
  if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.index;
  const index = buildIndex(readFileSync(file));
  cache.delete(file);
  cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, index });
  while (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!);
  return index;
}

const NEWLINE = 0x0a;
const PREFIX = Buffer.from('{"step":');
/**
 * history-cap.ts's keepTier as text: a null (non-finite) value; a `val/` key or a late point. A
 * false match (a key containing "null") only moves a step up a tier.
 */
const TIER_MARKS: [Buffer, 1 | 2][] = [
  [Buffer.from('null'), 2],
  [Buffer.from('"val/'), 1],
  [Buffer.from('"late":true'), 1],
];

export function buildIndex(bytes: Buffer): LogIndex {
  const starts: number[] = [0];
  // A plain loop: a million indexOf calls cost twice what reading every byte here does.
  for (let at = 0, size = bytes.length; at < size; at++) if (bytes[at] === NEWLINE) starts.push(at + 1);
  const count = starts.length - 1;
  const steps = new Float64Array(count);
  for (let i = 0; i < count; i++) steps[i] = stepOf(bytes, starts[i]!, starts[i + 1]! - 1);
  const tiers = new Uint8Array(count);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const end = starts[count]!;
  for (const [mark, tier] of TIER_MARKS) {
    for (let at = bytes.indexOf(mark); at >= 0 && at < end; ) {
      const line = lineAt(at);
      tiers[line] = Math.max(tiers[line]!, tier);
      at = bytes.indexOf(mark, starts[line + 1]!);
    }
  }
  return { count, starts: Float64Array.from(starts), steps, tiers };
}

/** The step of the line in bytes [from, to): read from its `{"step":N,` start, else parsed. */
function stepOf(bytes: Buffer, from: number, to: number): number {
  if (to - from > PREFIX.length && startsWithPrefix(bytes, from)) {
    let step = 0;
    let at = from + PREFIX.length;
    for (; at < to && bytes[at]! >= 0x30 && bytes[at]! <= 0x39; at++) step = step * 10 + (bytes[at]! - 0x30);
    if (at > from + PREFIX.length && (bytes[at] === 0x2c || bytes[at] === 0x7d)) return step;
  }
  const point = parsePoint(bytes.toString('utf8', from, to));
  return point ? point.step : NaN;
}

/** Byte by byte: a native compare per line costs more than the eight bytes it checks. */
function startsWithPrefix(bytes: Buffer, at: number): boolean {
  for (let i = 0; i < PREFIX.length; i++) if (bytes[at + i] !== PREFIX[i]) return false;
  return true;
}

/** A line as a metric point, or null when it is not one (a crash tears only the last line, but a file may be anything). */
function parsePoint(line: string): MetricPoint | null {
  try {
    const point = JSON.parse(line) as MetricPoint;
    return point !== null && typeof point === 'object' && Number.isInteger(point.step) && point.values !== null && typeof point.values === 'object' ? point : null;
  } catch {
    return null;
  }
}

/** Lines `lines` (ascending) of `file` as points; a line that does not parse is left out. */
export function readLines(file: string, index: LogIndex, lines: readonly number[]): MetricPoint[] {
  if (lines.length === 0) return [];
  const fd = openSync(file, 'r');
  try {
    const points: MetricPoint[] = [];
    let buffer = Buffer.alloc(1 << 16);
    for (const line of lines) {
      const from = index.starts[line]!;
      const length = index.starts[line + 1]! - 1 - from;
      if (length > buffer.length) buffer = Buffer.alloc(length);
      const read = readSync(fd, buffer, 0, length, from);
      const point = parsePoint(buffer.toString('utf8', 0, read));
      if (point) points.push(point);
    }
    return points;
  } finally {
    closeSync(fd);
  }
}
