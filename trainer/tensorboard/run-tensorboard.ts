/**
 * A run's TensorBoard log, written as it trains: one directory per branch under
 * `<run>/tensorboard/`, so `tensorboard --logdir <run>/tensorboard` shows the branches as runs.
 * Every logged scalar goes in with its step and wall time; timeline marks (stage changes,
 * control changes, snapshots, warnings) as text; a rollback as a session start, so TensorBoard
 * drops the orphaned points after it, as it does for PyTorch's SummaryWriter(purge_step).
 */
import { join } from 'node:path';
import { BranchName, MAIN_BRANCH, type MetricPoint, type TimelineMark } from '../protocol.js';
import { EventFileWriter } from './event-file-writer.js';
import { scalarsEvent, sessionStartEvent, textEvent } from './event-proto.js';

/** Where a run's event files live, beside its metrics log. */
export function tensorboardDirOf(runDir: string): string {
  return join(runDir, 'tensorboard');
}

export class RunTensorBoard {
  private readonly writers = new Map<string, EventFileWriter>();

  constructor(
    private readonly runDir: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Each point's finite values at its step; a value logged as non-finite (null) is left out, as TensorBoard cannot chart it. */
  metrics(branch: string, points: readonly MetricPoint[]): void {
    const writer = this.writer(branch);
    for (const point of points) {
      const finite = Object.fromEntries(Object.entries(point.values).filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1])));
      if (Object.keys(finite).length > 0) writer.add(scalarsEvent(point.time / 1000, point.step, finite));
    }
  }

  /** A timeline mark as text under 'timeline/<kind>' at its step. */
  mark(branch: string, mark: TimelineMark, wallTime = Date.now()): void {
    this.writer(branch).add(textEvent(wallTime / 1000, mark.step, `timeline/${mark.kind}`, mark.label));
  }

  /**
   * The branch's history goes on from `forkStep` (a restore): a session start at the first step
   * after it, so TensorBoard drops what this directory held past the fork and keeps the fork's own point.
   */
  fork(branch: string, forkStep: number, wallTime = Date.now()): void {
    const writer = this.writer(branch);
    writer.add(sessionStartEvent(wallTime / 1000, forkStep + 1));
    writer.flush();
  }

  flush(): void {
    for (const writer of this.writers.values()) writer.flush();
  }

  close(): void {
    for (const writer of this.writers.values()) writer.close();
    this.writers.clear();
  }

  private writer(branch: string): EventFileWriter {
    let writer = this.writers.get(branch);
    if (!writer) {
      // A branch name becomes a folder: checked like every id before it reaches a path.
      if (branch !== MAIN_BRANCH && !BranchName.safeParse(branch).success) throw new Error(`'${branch}' is not a branch name`);
      writer = new EventFileWriter(join(tensorboardDirOf(this.runDir), branch), this.warn);
      this.writers.set(branch, writer);
    }
    return writer;
  }
}
