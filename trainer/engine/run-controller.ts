/**
 * The live side of one run: commands that arrive while it trains wait here and are applied
 * together between two optimizer steps, each reported with the step it took effect at.
 * Risky control changes take a snapshot first. Stage plans advance here too. The training
 * loop calls `betweenSteps` once per step; while paused, that call waits.
 */
import { answering, type ControlsPatch, type ErrorCode, type MetricPoint, type RestoreMode, type RunState, type SnapshotInfo, type SnapshotPolicy, type StagePlan, type TimelineMark, type TrainerEvent } from '../protocol.js';
import { continueFrom, MAIN_BRANCH, restoredRun } from '../project/branches.js';
import { toSummary, type RunFile } from '../project/project-store.js';
import { LiveSnapshots } from '../snapshots/live-snapshots.js';
import { DEFAULT_SNAPSHOT_POLICY } from '../snapshots/retention.js';
import { SnapshotQueue } from '../snapshots/snapshot-queue.js';
import type { CapturedSnapshot } from '../snapshots/snapshot-writer.js';
import { describeChange, mergeControls, validatePlan } from './controls.js';
import { ControlError, guard, type BetweenStepsHooks, type ControllerStorage, type LiveCommand } from './run-hooks.js';
import { StageTracker } from './stage-tracker.js';

/** Snapshots copied but not yet on disk beyond which manual and interval ones are refused. */
const MAX_WAITING_WRITES = 3;

export class RunController {
  timeline: TimelineMark[] = [];
  /** The metrics history of the branch the run is on, as the charts show it. */
  metrics: MetricPoint[] = [];
  readonly writes: SnapshotQueue;
  private readonly live: LiveSnapshots;
  private pending: LiveCommand[] = [];
  private wake: (() => void) | null = null;
  private readonly stages: StageTracker;
  /** Why the current stage ended, if it did; the next stage begins at the next step. */
  private stageEnded: string | null = null;

  constructor(
    readonly run: RunFile,
    private readonly emit: (event: TrainerEvent) => void,
    private readonly persist: (run: RunFile) => void,
    storage: ControllerStorage,
  ) {
    this.stages = new StageTracker(run);
    this.writes = new SnapshotQueue(storage.snapshotsDir);
    this.live = new LiveSnapshots({
      runId: run.id,
      snapshotsDir: storage.snapshotsDir,
      queue: this.writes,
      emit,
      mark: (mark) => this.mark(mark),
      policy: () => this.policy,
      forked: storage.forked,
    });
  }

  /** Snapshots on disk, oldest first. */
  get snapshots(): SnapshotInfo[] {
    return this.live.taken;
  }

  get policy(): SnapshotPolicy {
    return this.run.snapshotPolicy ?? DEFAULT_SNAPSHOT_POLICY;
  }

  /** Forgets snapshots deleted from disk while the run trains. */
  forgetSnapshots(ids: readonly string[]): void {
    this.live.forget(ids);
  }

  get controls() {
    return this.run.controls;
  }

  get state(): RunState {
    return this.run.state;
  }

  enqueue(command: LiveCommand): void {
    this.pending.push(command);
    this.wake?.();
  }

  setState(state: RunState, reason: string, requestId?: string): void {
    // Saved first: if the disk refuses, the run stays as it was and the error says why.
    this.persist({ ...this.run, state });
    this.run.state = state;
    this.emit({ type: 'run/state', ...answering(requestId), run: toSummary(this.run), reason });
  }

  /** Records a marker every chart shows at `step`. */
  mark(mark: TimelineMark): void {
    this.timeline.push(mark);
  }

  /** Called by the loop after each step with its values, so stage ends can be detected. */
  afterStep(step: number, values: Record<string, number>): void {
    this.stageEnded ??= this.stages.check(step, values);
  }

  /**
   * Applies every pending command at `step`; waits while paused. Returns false when the run
   * must stop. Yields to the event loop each call so that new commands can arrive.
   */
  async betweenSteps(step: number, hooks: BetweenStepsHooks): Promise<boolean> {
    this.run.step = step;
    await new Promise<void>((resolve) => setImmediate(resolve));
    let advancedNow = false;
    if (this.stageEnded) {
      const reason = this.stageEnded;
      this.stageEnded = null;
      try {
        this.enterStage(this.run.stage.index + 1, step, hooks, reason);
        advancedNow = true;
      } catch (error) {
        // E.g. the snapshot before a risky stage failed: stay in this stage, say why, try again later.
        this.stages.reset(this.run, step);
        this.emit({ type: 'error', code: error instanceof ControlError ? error.code : 'internal', message: `Next stage not started: ${(error as Error).message}` });
      }
    }
    for (;;) {
      const commands = this.pending;
      this.pending = [];
      for (const command of commands) {
        try {
          // A stopped run has every snapshot it took on disk (or reported as failed), with its preview if it comes soon.
          if (command.type === 'run/stop') {
            await this.writes.idle();
            await hooks.snapshotPreviewsSettled?.();
          }
          if (command.type === 'motion/export') await this.exportMotion(command, step, hooks);
          else if (command.type === 'preview/request') await hooks.preview(command.snapshotId, command.requestId);
          else if (command.type === 'stage/next' && advancedNow) this.confirmStage(step, 'the stage had just ended on its own', command.requestId);
          else this.apply(command, step, hooks);
        } catch (error) {
          this.reject(error instanceof ControlError ? error.code : 'io', (error as Error).message, command);
        }
      }
      if (this.run.state === 'stopped' || this.run.state === 'failed') return false;
      if (this.run.state === 'running') return true;
      // Commands that arrived while an export was awaited must not wait for the next wake-up.
      if (this.pending.length > 0) continue;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  /** Enters the plan's first stage (its controls apply at the run's first step). */
  beginPlan(step: number, hooks: BetweenStepsHooks): void {
    this.enterStage(this.run.stage.index, step, hooks, 'plan started');
  }

  /** Pauses from inside the loop (the collapse guard), saying why. */
  pauseFor(reason: string, step: number, hooks: BetweenStepsHooks): void {
    hooks.flushMetrics();
    this.run.step = step;
    this.setState('paused', reason);
  }

  private apply(command: LiveCommand, step: number, hooks: BetweenStepsHooks): void {
    const { requestId } = command;
    const state = this.run.state;
    switch (command.type) {
      case 'run/pause':
        if (state !== 'running') throw new ControlError('invalid-state', `Run '${this.run.name}' is ${state}; only a running run can pause.`);
        hooks.flushMetrics();
        return this.setState('paused', `paused by user at step ${step}`, requestId);
      case 'run/resume':
        if (state !== 'paused') throw new ControlError('invalid-state', `Run '${this.run.name}' is ${state}; only a paused run can resume.`);
        return this.setState('running', `resumed at step ${step}`, requestId);
      case 'run/stop':
        hooks.flushMetrics();
        return this.setState('stopped', `stopped by user at step ${step}`, requestId);
      case 'controls/set':
        return this.applyControls(command.controls, step, hooks, requestId);
      case 'snapshot/take':
        return this.snapshot('manual', command.label, step, hooks, requestId);
      case 'snapshot/restore':
        if (!command.snapshotId) throw new ControlError('malformed-command', 'Name the snapshot to restore into a training run.');
        return this.restore(command.snapshotId, command.mode, hooks, requestId);
      case 'snapshot/policy':
        return this.setPolicy(command.policy, requestId);
      case 'plan/set':
        return this.setPlan(command.plan, step, requestId);
      case 'stage/keep':
      case 'run/autopilot':
      case 'guard/set':
        throw new ControlError('internal', `${command.type} is not built yet`);
      case 'motion/export':
      case 'preview/request':
        throw new ControlError('internal', `${command.type} is handled in betweenSteps`);
      case 'stage/next': {
        const next = this.run.stage.index + 1;
        if (next >= this.run.plan.stages.length) throw new ControlError('invalid-state', `Run '${this.run.name}' is on the last stage of plan '${this.run.plan.name}'.`);
        return this.enterStage(next, step, hooks, 'next stage by user', requestId);
      }
    }
  }

  private async exportMotion(command: Extract<LiveCommand, { type: 'motion/export' }>, step: number, hooks: BetweenStepsHooks): Promise<void> {
    let exported;
    try {
      exported = await hooks.exportMotion(command.audioPath, command.snapshotId);
    } catch (error) {
      throw new ControlError('io', `Could not generate motion for '${command.audioPath}': ${(error as Error).message}`);
    }
    const snapshot = command.snapshotId ? { snapshotId: command.snapshotId } : {};
    this.emit({ type: 'motion/exported', ...answering(command.requestId), runId: this.run.id, ...snapshot, ...exported, step: command.snapshotId ? exported.step : step });
  }

  private applyControls(patch: ControlsPatch, step: number, hooks: BetweenStepsHooks, requestId?: string): void {
    let next;
    try {
      next = mergeControls(this.run.controls, patch);
    } catch (error) {
      throw new ControlError('malformed-command', (error as Error).message);
    }
    const change = describeChange(this.run.controls, next);
    if (change.changed.length === 0) {
      this.emit({ type: 'controls/applied', ...answering(requestId), runId: this.run.id, step, controls: next, changed: [], label: 'no change' });
      return;
    }
    // Snapshot first: if the risky change collapses the run, this is the way back.
    if (change.risky.length > 0) this.snapshot(`auto before ${change.risky.join(', ')}`, '', step, hooks);
    this.persist({ ...this.run, controls: next });
    this.run.controls = next;
    this.mark({ step, kind: 'controls', label: change.label, changed: change.changed });
    this.emit({ type: 'controls/applied', ...answering(requestId), runId: this.run.id, step, controls: next, changed: change.changed, label: change.label });
  }

  /**
   * Copies the model now and writes it in the background: `snapshot/taken` (or an error naming
   * the snapshot) follows when the write is done. Only a failed copy throws.
   */
  private snapshot(reason: string, label: string, step: number, hooks: BetweenStepsHooks, requestId?: string): void {
    // Each waiting snapshot holds a full copy of the model in memory: a held-down `s` must not
    // pile them up. The one before a risky change is always taken; it is the way back.
    if (this.writes.busy >= MAX_WAITING_WRITES && !reason.startsWith('auto before')) {
      throw new ControlError('busy', `Snapshot at step ${step} not taken: ${this.writes.busy} snapshots are still being written. Try again in a moment.`);
    }
    let captured: CapturedSnapshot;
    try {
      captured = hooks.snapshot(reason, label);
    } catch (error) {
      throw new ControlError('io', `Snapshot at step ${step} failed: ${(error as Error).message}. Training continues; earlier snapshots are intact.`);
    }
    void this.live.write(captured, requestId, hooks.snapshotWritten);
  }

  /** A snapshot the run takes on its own (interval, collapse guard): a failure is reported, never thrown. */
  autoSnapshot(reason: string, step: number, hooks: BetweenStepsHooks): void {
    try {
      this.snapshot(reason, '', step, hooks);
    } catch (error) {
      this.emit({ type: 'error', code: 'io', message: (error as Error).message });
    }
  }

  /**
   * Makes a snapshot the live model at this step. As a new branch (the default) the history
   * forks at the snapshot's step and the old branch stays browsable; 'discard' continues the
   * current branch from the snapshot and drops its points after that step.
   */
  restore(snapshotId: string, asked: RestoreMode | 'continue', hooks: BetweenStepsHooks, requestId?: string): void {
    const mode: RestoreMode = asked === 'continue' ? 'discard' : asked;
    const info = hooks.snapshotInfo(snapshotId);
    if (!info) throw new ControlError('no-run', `Run '${this.run.name}' has no snapshot ${snapshotId}.`);
    // Checked before anything changes: a refused restore leaves the live model as it was.
    if (mode === 'discard') guard(() => continueFrom(this.run, info), 'invalid-state');
    hooks.flushMetrics();
    const { snapshot, state } = guard(() => hooks.restore(snapshotId), 'io');
    const next = restoredRun(this.run, snapshot, state, mode);
    this.persist(next);
    delete this.run.interrupted;
    Object.assign(this.run, next);
    const branch = this.run.branch ?? MAIN_BRANCH;
    hooks.useBranch(branch, mode === 'discard' ? snapshot.step : null);
    this.metrics = hooks.series(branch);
    this.stages.reset(this.run, snapshot.step);
    this.stageEnded = null;
    this.timeline = this.timeline.filter((m) => m.step <= snapshot.step);
    const how = mode === 'branch' ? `as ${branch}` : `on ${branch}, later steps discarded`;
    this.mark({ step: snapshot.step, kind: 'snapshot', label: `restored step ${snapshot.step} ${how}` });
    this.emit({ type: 'snapshot/restored', ...answering(requestId), runId: this.run.id, snapshot, mode, run: toSummary(this.run), metrics: this.metrics, timeline: this.timeline, message: '' });
  }

  private setPolicy(patch: Partial<SnapshotPolicy>, requestId?: string): void {
    const policy = { ...this.policy, ...patch };
    this.persist({ ...this.run, snapshotPolicy: policy });
    this.run.snapshotPolicy = policy;
    this.emit({ type: 'snapshot/policy', ...answering(requestId), runId: this.run.id, policy });
  }

  private setPlan(plan: StagePlan, step: number, requestId?: string): void {
    try {
      validatePlan(this.run.controls, plan);
    } catch (error) {
      throw new ControlError('malformed-command', (error as Error).message);
    }
    const index = Math.min(this.run.stage.index, plan.stages.length - 1);
    this.persist({ ...this.run, plan, stage: { ...this.run.stage, index } });
    this.run.plan = plan;
    this.run.stage = { ...this.run.stage, index };
    // A plateau is judged from now on: the new plan must not end a stage that is still improving.
    this.stages.reset(this.run, step);
    this.emit({ type: 'plan/updated', ...answering(requestId), runId: this.run.id, plan, stage: this.run.stage });
  }

  private enterStage(index: number, step: number, hooks: BetweenStepsHooks, reason: string, requestId?: string): void {
    const stage = this.run.plan.stages[index];
    if (!stage) return;
    this.applyControls(stage.controls, step, hooks);
    this.persist({ ...this.run, stage: { index, startedAt: step } });
    this.run.stage = { index, startedAt: step };
    this.stages.reset(this.run, step);
    const name = `stage ${index + 1}: ${stage.name}`;
    this.mark({ step, kind: 'stage', label: name });
    this.emit({ type: 'stage/changed', ...answering(requestId), runId: this.run.id, step, stage: this.run.stage, name: stage.name, reason });
  }

  /** Answers a "Next stage" that arrived as the stage ended on its own: no second advance. */
  private confirmStage(step: number, reason: string, requestId?: string): void {
    const stage = this.run.plan.stages[this.run.stage.index];
    this.emit({ type: 'stage/changed', ...answering(requestId), runId: this.run.id, step, stage: this.run.stage, name: stage?.name ?? '', reason });
  }

  /** When the run ends abnormally, every command still waiting gets its answer. */
  rejectPending(message: string): void {
    const pending = this.pending;
    this.pending = [];
    for (const command of pending) this.reject('invalid-state', message, command);
  }

  private reject(code: ErrorCode, message: string, command: LiveCommand): void {
    this.emit({ type: 'error', ...answering(command.requestId), code, message, commandType: command.type });
  }
}

export type { BetweenStepsHooks, ControllerStorage, LiveCommand } from './run-hooks.js';
