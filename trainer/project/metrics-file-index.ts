/**
 * A metrics log on disk, served a page at a time without parsing every line. A run that logged
 * a million steps leaves a ~200 MB log: parsing all of it to send 3,000 points took over 5 s.
 * The index says where each line ends, its step and what a page keeps it for (keepTier:
 * history-cap.ts); then only the lines a page picks are parsed.
 *
 * The trainer writes the index beside the log as it appends (`metrics.jsonl.index`, three
 * float64 per line; IndexAppender), so opening a long run reads 24 bytes a line instead of the
 * log. The index is only a cache: whenever it does not match the log exactly (an older run, a
 * crash between the two writes, a rollback, a file from elsewhere) the log is scanned instead
 * (one pass over the bytes for line ends, each `{"step":N,` prefix and the text that marks a
 * kept line) and the index written anew. Indexes are also kept in memory per file while its
 * size and modification time stay the same.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import type { MetricPoint } from '../protocol.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { keepTier } from './history-cap.js';

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
  const index = readIndexFile(file, stat.size) ?? scanAndSave(file).index;
  cache.delete(file);
  cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, index });
  while (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!);
  return index;
}

/** Where a log's index lives. */
export function indexFileOf(log: string): string {
  return `${log}.index`;
}

/** Doubles per line in the index file: where the line ends (after its newline), its step, its keep tier. */
const RECORD = 3;

/** The index file of `log` when it matches a log of `size` bytes exactly; null otherwise (it is then rebuilt). */
function readIndexFile(log: string, size: number): LogIndex | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(indexFileOf(log));
  } catch {
    return null; // none (yet), or gone meanwhile: the log is scanned
  }
  if (bytes.length % (8 * RECORD) !== 0) return null;
  // Copied: a Buffer's bytes need not sit at an offset a Float64Array can view.
  const records = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const count = records.length / RECORD;
  const starts = new Float64Array(count + 1);
  const steps = new Float64Array(count);
  const tiers = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const end = records[RECORD * i]!;
    const tier = records[RECORD * i + 2]!;
    if (!(end > starts[i]! && end <= size) || !(tier === 0 || tier === 1 || tier === 2)) return null;
    starts[i + 1] = end;
    steps[i] = records[RECORD * i + 1]!;
    tiers[i] = tier;
  }
  // Whole lines only, every one of them: anything else and the log is scanned instead.
  return starts[count] === size ? { count, starts, steps, tiers } : null;
}

/**
 * Scans the log and writes its index for next time (a log on a read-only disk is scanned again
 * then; a log that ends in a torn line is not indexed on disk). `saved`: the index file now
 * matches the log.
 */
function scanAndSave(log: string): { index: LogIndex; saved: boolean } {
  const bytes = readFileSync(log);
  const index = buildIndex(bytes);
  if (index.starts[index.count] !== bytes.length) return { index, saved: false };
  const records = new Float64Array(RECORD * index.count);
  for (let i = 0; i < index.count; i++) records.set([index.starts[i + 1]!, index.steps[i]!, index.tiers[i]!], RECORD * i);
  try {
    writeFileAtomic(indexFileOf(log), new Uint8Array(records.buffer), { syncFolder: false });
    return { index, saved: true };
  } catch {
    return { index, saved: false }; // only a cache: the next look scans again
  }
}

/**
 * The writer's side: appends a record per point to the index as MetricsLog appends the line.
 * On open, an index that does not match the log (an older run's log has none) is rebuilt from
 * the log first, so the log a run trains into is always indexed and its history is served
 * from disk a page at a time. Dropped for good (the file removed) the moment a write fails, so
 * a reader never trusts an index that fell behind; the reader then scans and writes it anew.
 */
export class IndexAppender {
  private constructor(
    private readonly file: string,
    private fd: number | null,
  ) {}

  /** The appender for `log` of `logSize` bytes (its index rebuilt first if it does not match); null if the index cannot be written. */
  static open(log: string, logSize: number): IndexAppender | null {
    const file = indexFileOf(log);
    try {
      if (readIndexFile(log, logSize) === null) {
        rmSync(file, { force: true });
        // An index that could not be written must not be started mid-log: no appender then.
        if (logSize > 0 && !scanAndSave(log).saved) return null;
      }
      const fd = openSync(file, 'a');
      return fstatSync(fd).size % (8 * RECORD) === 0 ? new IndexAppender(file, fd) : (closeSync(fd), null);
    } catch {
      return null;
    }
  }

  /** Records `points`, whose lines of `lineBytes` bytes each were appended to the log at `offset`. */
  append(points: readonly MetricPoint[], lineBytes: readonly number[], offset: number): void {
    if (this.fd === null) return;
    const records = new Float64Array(RECORD * points.length);
    let end = offset;
    points.forEach((p, i) => {
      end += lineBytes[i]!;
      records.set([end, p.step, keepTier(p)], RECORD * i);
    });
    try {
      writeSync(this.fd, new Uint8Array(records.buffer));
    } catch {
      this.drop();
    }
  }

  /** Stops writing and removes the index: it no longer matches the log. */
  drop(): void {
    this.close();
    rmSync(this.file, { force: true });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
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

/** Lines closer than this are read in one go (a page of a short log is one read). */
const READ_GAP = 1 << 16;

/** Lines `lines` (ascending) of `file` as points; a line that does not parse is left out. */
export function readLines(file: string, index: LogIndex, lines: readonly number[]): MetricPoint[] {
  if (lines.length === 0) return [];
  const fd = openSync(file, 'r');
  try {
    const points: MetricPoint[] = [];
    for (let first = 0; first < lines.length; ) {
      // A run of picked lines with small gaps between them: one read for all of them.
      let last = first;
      while (last + 1 < lines.length && index.starts[lines[last + 1]!]! - index.starts[lines[last]! + 1]! < READ_GAP) last++;
      const from = index.starts[lines[first]!]!;
      const bytes = Buffer.alloc(index.starts[lines[last]! + 1]! - from);
      readSync(fd, bytes, 0, bytes.length, from);
      for (let i = first; i <= last; i++) {
        const line = lines[i]!;
        const point = parsePoint(bytes.toString('utf8', index.starts[line]! - from, index.starts[line + 1]! - 1 - from));
        if (point) points.push(point);
      }
      first = last + 1;
    }
    return points;
  } finally {
    closeSync(fd);
  }
}
