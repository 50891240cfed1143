/** When the next interval snapshot is due: every N steps or N minutes of training, per the run's policy. */
import type { SnapshotPolicy } from '../protocol.js';

export class IntervalTrigger {
  private lastStep: number;
  private lastTime: number;

  constructor(step: number, now: number) {
    this.lastStep = step;
    this.lastTime = now;
  }

  /** True once per interval; any snapshot (a manual one too) restarts the count. */
  due(step: number, now: number, interval: SnapshotPolicy['interval']): boolean {
    if (!(interval.every > 0)) return false;
    const elapsed = interval.unit === 'steps' ? step - this.lastStep : (now - this.lastTime) / 60_000;
    return elapsed >= interval.every;
  }

  restart(step: number, now: number): void {
    this.lastStep = step;
    this.lastTime = now;
  }
}
