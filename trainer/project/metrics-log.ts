/**
 * A run's append-only metrics log (one JSON point per line). Appends are written at once and
 * fsynced at least once a second, so a killed trainer loses at most the last second of
 * points, never the file. An append that fails (a full disk) is cut back to where it began, so
 * the log never holds half a line; the caller keeps the points and tries again. A crash
 * mid-append can still tear the last line: readers skip it, and opening the log for appending
 * cuts it off first (and says how much) so the next point starts on a line of its own.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, rmSync, fstatSync, ftruncateSync, writeSync } from 'node:fs';
import type { MetricPoint } from '../protocol.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { IndexAppender, indexFileOf } from './metrics-file-index.js';

/** The longest a logged point waits in the page cache before it is forced to disk. */
export const SYNC_EVERY_MS = 1000;

export class MetricsLog {
  private lastSync = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    /** Bytes of a torn last line cut off on open (a crash mid-append); 0 when the log ended whole. */
    readonly tornBytes: number,
    /** The index beside the log (metrics-file-index.ts), while it matches it. */
    private index: IndexAppender | null,
  ) {}

  /** Opens (creating) a log for appending, cutting off a torn last line if a crash left one. */
  static open(file: string): MetricsLog {
    const fd = openSync(file, existsSync(file) ? 'r+' : 'w+');
    try {
      const torn = cutTornTail(fd);
      return new MetricsLog(file, fd, torn, IndexAppender.open(file, fstatSync(fd).size));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Appends whole lines or nothing: on failure the file is cut back and the error thrown. */
  append(points: readonly MetricPoint[]): void {
    if (points.length === 0 || this.closed) return;
    const lines = points.map((p) => JSON.stringify(p) + '\n');
    const bytes = Buffer.from(lines.join(''));
    const size = fstatSync(this.fd).size;
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, size + done);
    } catch (error) {
      // Cutting a file back needs no free space: the log ends on its last whole line again.
      ftruncateSync(this.fd, size);
      throw error;
    }
    this.index?.append(points, lines.map((l) => Buffer.byteLength(l)), size);
    if (Date.now() - this.lastSync >= SYNC_EVERY_MS) this.sync();
    else this.timer ??= setTimeout(() => this.sync(), SYNC_EVERY_MS - (Date.now() - this.lastSync)).unref();
  }

  sync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    fsyncSync(this.fd);
    this.lastSync = Date.now();
  }

  close(): void {
    if (this.closed) return;
    this.sync();
    this.closed = true;
    closeSync(this.fd);
    this.index?.close();
  }
}

/** Truncates the file after its last newline (a line without one is a torn append); returns the bytes cut. */
function cutTornTail(fd: number): number {
  const size = fstatSync(fd).size;
  if (size === 0) return 0;
  const chunk = Buffer.alloc(Math.min(size, 1 << 16));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const read = readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline >= 0) {
      const keep = start + newline + 1;
      if (keep < size) {
        ftruncateSync(fd, keep);
        fsyncSync(fd);
      }
      return size - keep;
    }
    end = start;
  }
  ftruncateSync(fd, 0);
  fsyncSync(fd);
  return size;
}

/** Every whole point in a log; a torn or unreadable line (only ever the last) is skipped, not fatal. */
export function readMetricsLog(file: string): MetricPoint[] {
  if (!existsSync(file)) return [];
  const points: MetricPoint[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      points.push(JSON.parse(line) as MetricPoint);
    } catch {
      // A crash mid-append tears the last line; it is left out.
    }
  }
  return points;
}

/** Drops the points after `step` (a rollback that discards what came after), replacing the file atomically. */
export function truncateMetricsLog(file: string, step: number): void {
  const kept = readMetricsLog(file).filter((p) => p.step <= step);
  // Its index described the lines that go: the next reader rebuilds it.
  rmSync(indexFileOf(file), { force: true });
  writeFileAtomic(file, kept.map((p) => JSON.stringify(p) + '\n').join(''));
}
