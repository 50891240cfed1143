/**
 * One TensorBoard event file, appended to while the run trains. Records are buffered and
 * appended at least once a second (and on close), so a crash loses at most the last second; a
 * record it tears is dropped by TensorBoard's reader, whose CRCs it fails. A write that fails (a
 * full disk) is reported once and training goes on: these files are a view of the metrics log,
 * which stays the record.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileVersionEvent } from './event-proto.js';
import { tfrecord } from './tfrecord.js';

/** How long a record may wait in memory before it is appended. */
const FLUSH_MS = 1000;

export class EventFileWriter {
  readonly path: string;
  private pending: Buffer[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushedAt = 0;
  private failed = false;

  constructor(
    dir: string,
    private readonly warn: (message: string) => void,
    now = Date.now(),
  ) {
    mkdirSync(dir, { recursive: true });
    // TensorBoard finds files by 'tfevents' in the name and reads them in name order (the time first).
    const host = hostname().replace(/[^A-Za-z0-9.-]/g, '_') || 'host';
    this.path = join(dir, `events.out.tfevents.${Math.floor(now / 1000)}.${host}.${process.pid}.stagecraft`);
    this.add(fileVersionEvent(now / 1000));
    this.flush();
  }

  add(event: Uint8Array): void {
    this.pending.push(tfrecord(event));
    // Checked here as well as by the timer: a busy training loop can keep timers from firing.
    if (Date.now() - this.flushedAt >= FLUSH_MS) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushedAt = Date.now();
    if (this.pending.length === 0) return;
    const records = Buffer.concat(this.pending);
    this.pending = [];
    try {
      appendFileSync(this.path, records);
    } catch (error) {
      if (this.failed) return;
      this.failed = true;
      this.warn(`Could not write the TensorBoard file '${this.path}' (${(error as Error).message}); training goes on and the metrics log keeps every value.`);
    }
  }

  close(): void {
    this.flush();
  }
}
