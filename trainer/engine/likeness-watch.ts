/**
 * The likeness guard wired to a live run: a new best of a phase is kept as a snapshot; a drop
 * below the phase's best is a warning that names that snapshot (and, as the run's guard settings
 * say, pauses the run); likeness back within the margin clears the warning.
 */
import { guardSettingsOf, snapshotKindOf, type SnapshotInfo, type TimelineMark, type TrainerEvent } from '../protocol.js';
import type { RunFile } from '../project/project-store.js';
import { LikenessGuard, likenessReading } from './likeness-guard.js';
import type { SnapshotRequest } from './snapshot-taker.js';

export interface LikenessWatchContext {
  run: RunFile;
  /** The run's snapshots on disk, oldest first. */
  snapshots(): SnapshotInfo[];
  /** Takes an automatic snapshot at the run's current step (failures are reported, not thrown). */
  snapshot(request: SnapshotRequest): void;
  emit(event: TrainerEvent): void;
  mark(mark: TimelineMark): void;
  pause(reason: string): void;
}

export class LikenessWatch {
  private guard: LikenessGuard;
  /** Bests before this step are not compared with (a layer group was re-initialised there). */
  private since = 0;

  constructor(private readonly ctx: LikenessWatchContext) {
    this.guard = this.fresh();
  }

  /** The run moved to another point of its history (a restore): its bests are that branch's. */
  reset(): void {
    this.since = 0;
    this.guard = this.fresh();
  }

  /** The model was partly started afresh at `step`: likeness is judged against what it reaches from there. */
  restartAt(step: number): void {
    this.since = step;
    this.guard = this.fresh();
  }

  /** An evaluation of the weights of `step` landed. */
  observe(step: number, values: Record<string, number>): void {
    const reading = likenessReading(values);
    if (!reading) return;
    const { run } = this.ctx;
    const settings = guardSettingsOf(run);
    const verdict = this.guard.observe(step, reading, settings);
    if (verdict.kind === 'best') {
      const label = `best ${reading.phase.replace(/^val\//, '').replace(/_/g, ' ')} ${reading.value.toFixed(1)}% (scored at step ${step.toLocaleString('en')})`;
      this.ctx.snapshot({ kind: 'best', reason: 'best likeness', label, phase: reading.phase });
    }
    const cleared = verdict.kind === 'best' ? verdict.cleared : verdict.kind === 'recovered' ? verdict.message : undefined;
    if (cleared) this.ctx.emit({ type: 'warning/cleared', runId: run.id, step, code: 'likeness-drop', message: cleared });
    if (verdict.kind !== 'drop') return;
    const best = this.bests().filter((s) => s.phase === verdict.phase).at(-1);
    const pause = settings.pauseOnDrop && run.state === 'running';
    const named = best ? ` The best is in snapshot "${best.label}" (step ${best.step.toLocaleString('en')}).` : '';
    const message = `${verdict.message}${named}${pause ? ' The run was paused: restore the best, lock the encoder, or resume.' : ''}`;
    this.ctx.mark({ step, kind: 'warning', label: message });
    this.ctx.emit({ type: 'warning', runId: run.id, step, code: 'likeness-drop', message, ...(best ? { snapshotId: best.id } : {}) });
    if (pause) this.ctx.pause('collapse guard: likeness dropped');
  }

  /** The best-likeness snapshots in the current branch's history up to now. */
  private bests(): SnapshotInfo[] {
    const branch = this.ctx.run.branch;
    return this.ctx.snapshots().filter((s) => snapshotKindOf(s) === 'best' && s.branch === branch && s.step >= this.since && s.step <= this.ctx.run.step);
  }

  /** Starts from the bests the run's 'best' snapshots hold, so a continued run does not forget them. */
  private fresh(): LikenessGuard {
    const known = this.bests().filter((s) => s.phase && typeof s.likeness === 'number');
    return new LikenessGuard(known.map((s) => ({ phase: s.phase!, value: s.likeness!, step: s.step })));
  }
}
