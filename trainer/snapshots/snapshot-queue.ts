/**
 * Snapshot writes of one run, one after another in the background: training goes on while
 * they are written, and two snapshots never compete for the disk or double the memory held.
 */
import type { SnapshotInfo } from '../protocol.js';
import { writeSnapshot, type CapturedSnapshot } from './snapshot-writer.js';

export class SnapshotQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly snapshotsDir: string) {}

  /** Starts writing after every earlier snapshot; resolves with it on disk, or rejects with a SnapshotWriteError. */
  write(captured: CapturedSnapshot): Promise<SnapshotInfo> {
    this.pending += 1;
    const written = this.tail.then(() => writeSnapshot(this.snapshotsDir, captured));
    this.tail = written.then(
      () => (this.pending -= 1),
      () => (this.pending -= 1),
    );
    return written;
  }

  /** Snapshots still being written. */
  get busy(): number {
    return this.pending;
  }

  /** Resolves when every snapshot asked for so far is written or has failed. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
