/**
 * Where a live run's metric points go: appended to the log of the branch it trains on (which
 * is the history the charts are served from: project/branches.ts branchPage) and to its
 * TensorBoard files, then sent. A full disk pauses the run instead of failing it: the batch is
 * refused (the batcher keeps it and offers it first next time) and the person is told what to
 * do. A torn tail the log had (a crash mid-write) is reported when the log is opened.
 */
import type { MetricPoint, TrainerEvent } from '../protocol.js';
import type { MetricsLog } from '../project/metrics-log.js';
import type { ProjectStore, RunFile } from '../project/project-store.js';
import { isDiskFull } from '../storage/durable-write.js';
import type { RunController } from './run-controller.js';

export class MetricsSink {
  private log: MetricsLog;

  constructor(
    private readonly ctx: { project: ProjectStore; run: RunFile; controller: RunController; emit(event: TrainerEvent): void },
    private current: string,
  ) {
    this.log = this.open(current);
  }

  /** The branch the run trains on: its log is the one written. */
  get branch(): string {
    return this.current;
  }

  /** Takes a batch; false when the disk is full (the run is paused and the points must wait). */
  write(points: MetricPoint[], waiting: number): boolean {
    const { run, controller, emit } = this.ctx;
    try {
      this.log.append(points);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      if (controller.state === 'running') {
        const message = `The disk is full: run '${run.name}' could not write its metrics log ('${this.log.file}'). The run is paused with ${waiting + points.length} points waiting in memory; free some space and press Resume. Nothing logged so far is lost.`;
        emit({ type: 'error', code: 'io', message });
        controller.pauseUnsaved('paused: the disk is full');
      }
      return false;
    }
    controller.tensorboard.metrics(this.branch, points);
    emit({ type: 'metrics/batch', runId: run.id, points, branch: this.branch });
    return true;
  }

  /** Logs to `branch` from now on (the caller has flushed what was meant for the old one). */
  use(branch: string): void {
    this.log.close();
    this.current = branch;
    this.log = this.open(branch);
  }

  close(): void {
    this.log.close();
  }

  private open(branch: string): MetricsLog {
    const { project, run, emit } = this.ctx;
    const opened = project.openMetricsLog(run.id, branch);
    if (opened.tornBytes > 0) {
      const message = `The metrics log '${opened.file}' ended in a torn line (${opened.tornBytes} bytes, from a crash mid-write); it was cut off. Every whole line is kept.`;
      emit({ type: 'warning', runId: run.id, step: run.step, code: 'storage', message });
    }
    return opened;
  }
}
