/**
 * The live side of one run: commands that arrive while it trains wait here and are applied
 * together between two optimizer steps, each reported with the step it took effect at.
 * Risky control changes and every stage boundary take a snapshot first. When a stage ends the
 * run asks the person (the hand-off) unless autopilot is on; it keeps training meanwhile. The
 * training loop calls `betweenSteps` once per step; while paused, that call waits.
 */
import { answering, handoffMarkLabel, REINIT_RISK, snapshotKindOf, type ControlsPatch, type ErrorCode, type RestoreMode, type RunState, type SnapshotInfo, type SnapshotPolicy, type StagePlan, type TimelineMark, type TrainerEvent } from '../protocol.js';
import { continueFrom, restoredRun } from '../project/branches.js';
import { historyFields } from '../project/history-cap.js';
import { changeSettings } from '../project/run-settings.js';
import { appendMark, discardMarksAfter, readTimeline } from '../project/timeline-log.js';
import { toSummary, type RunFile } from '../project/project-store.js';
import { LiveSnapshots } from '../snapshots/live-snapshots.js';
import { DEFAULT_SNAPSHOT_POLICY } from '../snapshots/retention.js';
import { SnapshotQueue } from '../snapshots/snapshot-queue.js';
import { findRecipe } from '../recipes/registry.js';
import { stagePatch } from './growth.js';
import { RunTensorBoard } from '../tensorboard/run-tensorboard.js';
import { describeChange, mergeControls, validatePlan } from './controls.js';
import { LikenessWatch } from './likeness-watch.js';
import { restoreSentence } from './restore-sentence.js';
import { ControlError, guard, type BetweenStepsHooks, type ControllerStorage, type LiveCommand } from './run-hooks.js';
import { SnapshotTaker, type SnapshotRequest } from './snapshot-taker.js';
import { advancesOnItsOwn, handoffFor, stageSnapshot } from './stage-handoff.js';
import { StageTracker } from './stage-tracker.js';
import { LiveRules } from './live-rules.js';

export class RunController {
  timeline: TimelineMark[];
  readonly writes: SnapshotQueue;
  private readonly live: LiveSnapshots;
  private readonly taker: SnapshotTaker;
  private readonly likeness: LikenessWatch;
  private pending: LiveCommand[] = [];
  private wake: (() => void) | null = null;
  private readonly stages: StageTracker;
  /** The plan's rules for the stage the run is in. */
  private readonly rules: LiveRules;
  /** Why the current stage ended, when it moves on by itself; the next stage begins at the next step. */
  private stageEnded: string | null = null;
  /** Bumped on every change to the run's record: a stop snapshot must hold the record as it is. */
  private revision = 0;
  /** The training loop's hooks, once it has called in (evaluations arrive between its calls). */
  private hooks: BetweenStepsHooks | null = null;
  /** The run's TensorBoard files, written as it logs (tensorboard/run-tensorboard.ts). */
  readonly tensorboard: RunTensorBoard;

  constructor(
    readonly run: RunFile,
    private readonly emit: (event: TrainerEvent) => void,
    private readonly persist: (run: RunFile) => void,
    private readonly storage: ControllerStorage,
  ) {
    this.tensorboard = new RunTensorBoard(storage.runDir, (message) => emit({ type: 'warning', runId: run.id, step: run.step, code: 'storage', message }));
    // What happened before this controller (a stop, a crash, yesterday) stays on the charts.
    this.timeline = readTimeline(storage.runDir, run, run.branch, run.step);
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
    this.taker = new SnapshotTaker({
      queue: this.writes,
      live: this.live,
      capture: (meta) => this.requireHooks().snapshot(meta),
      written: (snapshot) => this.hooks?.snapshotWritten?.(snapshot),
    });
    this.likeness = new LikenessWatch({
      run,
      snapshots: () => this.snapshots,
      snapshot: (request) => this.autoSnapshot(request, this.run.step),
      emit,
      mark: (mark) => this.mark(mark),
      pause: (reason) => this.pauseFor(reason, this.run.step),
    });
    this.rules = new LiveRules({
      run,
      snapshots: () => this.snapshots,
      applyControls: (patch, step) => this.applyControls(patch, step, 'rule'),
      snapshot: (request, step) => void this.snapshot(request, step),
      pause: (reason, step) => this.pauseFor(reason, step),
      nextStage: (reason) => (this.stageEnded = reason),
      enqueue: (command) => this.enqueue(command),
      emit,
      mark: (mark) => this.mark(mark),
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
    this.save({ state });
    if (state !== 'running') this.tensorboard.flush(); // current when the window hears of it
    this.emit({ type: 'run/state', ...answering(requestId), run: toSummary(this.run), reason });
  }

  /** Records a marker every chart shows at `step` (and TensorBoard, as text). */
  mark(mark: TimelineMark): void {
    this.timeline.push(mark);
    appendMark(this.storage.runDir, this.run.branch, mark);
    this.tensorboard.mark(this.run.branch, mark);
  }

  /**
   * Called by the loop after each step with its values, and with each evaluation when it
   * lands (at the step whose weights it scored): stage ends and the likeness watch.
   */
  afterStep(step: number, values: Record<string, number>): void {
    // Between the step and the next betweenSteps call the model already holds `step`'s weights.
    if (step > this.run.step) this.run.step = step;
    const ended = this.stages.check(step, values);
    if (ended) this.stageEnd(ended, step);
    this.likeness.observe(step, values);
    this.rules.observe(step, values);
  }

  /**
   * Applies every pending command at `step`; waits while paused. Returns false when the run
   * must stop. Yields to the event loop each call so that new commands can arrive.
   */
  async betweenSteps(step: number, hooks: BetweenStepsHooks): Promise<boolean> {
    this.hooks = hooks;
    this.run.step = step;
    await new Promise<void>((resolve) => setImmediate(resolve));
    let advancedNow = false;
    if (this.stageEnded) {
      const reason = this.stageEnded;
      this.stageEnded = null;
      try {
        this.enterStage(this.run.stage.index + 1, step, reason);
        advancedNow = true;
      } catch (error) {
        // E.g. the snapshot before the stage failed: stay in this stage, say why, try again later.
        this.stages.reset(this.run, step);
        this.emit({ type: 'error', code: error instanceof ControlError ? error.code : 'internal', message: `Next stage not started: ${(error as Error).message}` });
      }
    }
    for (;;) {
      const commands = this.pending;
      this.pending = [];
      for (const command of commands) {
        // A restore moves the run to the snapshot's step: what follows it applies there.
        const at = this.run.step;
        try {
          await this.handle(command, at, hooks, advancedNow);
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
    this.hooks = hooks;
    this.enterStage(this.run.stage.index, step, 'plan started');
  }

  /** Pauses from inside the loop (the collapse guard), saying why. */
  pauseFor(reason: string, step: number): void {
    if (this.run.state !== 'running') return;
    this.requireHooks().flushMetrics();
    this.run.step = step;
    this.setState('paused', reason);
  }

  /** Pauses even where run.json cannot be saved (its disk is full): the state is then held in memory until it can be. */
  pauseUnsaved(reason: string): void {
    if (this.run.state !== 'running') return;
    try {
      this.save({ state: 'paused' });
    } catch {
      this.run.state = 'paused';
    }
    this.emit({ type: 'run/state', run: toSummary(this.run), reason });
  }

  /**
   * The one place a live command takes effect, at `step`. `stageJustAdvanced`: the stage
   * ended on its own at this step, so a 'next stage' sent meanwhile asked for what happened.
   */
  private async handle(command: LiveCommand, step: number, hooks: BetweenStepsHooks, stageJustAdvanced: boolean): Promise<void> {
    const { requestId } = command;
    const state = this.run.state;
    switch (command.type) {
      case 'run/stop':
        return this.stop(step, requestId);
      case 'motion/export':
        return this.exportMotion(command, step, hooks);
      case 'preview/request':
        return hooks.preview(command.snapshotId, requestId);
      case 'preview/interval':
        return hooks.previewInterval(command.everySteps, requestId);
      case 'run/pause':
        if (state !== 'running') throw new ControlError('invalid-state', `Run '${this.run.name}' is ${state}; only a running run can pause.`);
        this.requireHooks().flushMetrics();
        return this.setState('paused', `paused by user at step ${step}`, requestId);
      case 'run/resume':
        if (state !== 'paused') throw new ControlError('invalid-state', `Run '${this.run.name}' is ${state}; only a paused run can resume.`);
        return this.setState('running', `resumed at step ${step}`, requestId);
      case 'controls/set':
        return this.applyControls(command.controls, step, 'person', requestId);
      case 'snapshot/take':
        return void this.snapshot({ kind: 'manual', reason: 'manual', label: command.label }, step, requestId);
      case 'layers/reinit':
        return this.reinitialize(command.group, step, hooks, requestId);
      case 'snapshot/restore':
        if (!command.snapshotId) throw new ControlError('malformed-command', 'Name the snapshot to restore into a training run.');
        return this.restore(command.snapshotId, command.mode, hooks, requestId);
      case 'plan/set':
        return this.setPlan(command.plan, step, requestId);
      case 'stage/next': {
        if (stageJustAdvanced) return this.confirmStage(step, 'the stage had just ended on its own', requestId);
        const next = this.run.stage.index + 1;
        if (next >= this.run.plan.stages.length) throw new ControlError('invalid-state', `Run '${this.run.name}' is on the last stage of plan '${this.run.plan.name}'.`);
        return this.enterStage(next, step, this.run.handoff ? 'go to next stage (hand-off)' : 'next stage by user', requestId);
      }
      case 'stage/keep':
        if (!this.run.handoff) throw new ControlError('invalid-state', `Run '${this.run.name}' is not waiting at the end of a stage.`);
        this.stages.extend(step);
        return this.setHandoff(undefined, requestId);
      case 'run/autopilot':
      case 'guard/set':
      case 'snapshot/policy': {
        const { run, answer } = changeSettings(this.run, command);
        this.replaceRun(run);
        this.emit(answer);
        // Autopilot on at a hand-off: the person has said "go on by yourself".
        if (command.type === 'run/autopilot' && command.enabled && this.run.handoff && advancesOnItsOwn(this.run)) this.stageEnded = this.run.handoff.reason;
        return;
      }
    }
  }

  /** Stop keeps everything: a snapshot at this step first (what Continue resumes from), then the run stops. */
  private async stop(step: number, requestId?: string): Promise<void> {
    try {
      this.snapshot({ kind: 'stop', reason: 'stop', label: '' }, step);
    } catch (error) {
      this.emit({ type: 'error', code: 'io', message: `${(error as Error).message} The run stops anyway; Continue will not be offered, restore an earlier snapshot to train on.` });
    }
    // A stopped run has every snapshot it took on disk (or reported as failed), with its preview if it comes soon.
    await this.writes.idle();
    await this.hooks?.snapshotPreviewsSettled?.();
    this.requireHooks().flushMetrics();
    this.setState('stopped', `stopped by user at step ${step}`, requestId);
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

  /** Applies a patch; a person's change is remembered for the hand-off, a stage's is what the plan says. */
  private applyControls(patch: ControlsPatch, step: number, by: 'person' | 'stage' | 'rule', requestId?: string): void {
    let next;
    try {
      next = mergeControls(this.run.controls, patch, this.run.growthLevels);
    } catch (error) {
      throw new ControlError('malformed-command', (error as Error).message);
    }
    const change = describeChange(this.run.controls, next, this.run.growthLevels);
    if (change.changed.length === 0) {
      this.emit({ type: 'controls/applied', ...answering(requestId), runId: this.run.id, step, controls: next, changed: [], label: 'no change' });
      return;
    }
    // Snapshot first: if the risky change collapses the run, this is the way back.
    if (by !== 'stage' && change.risky.length > 0) this.snapshot({ kind: 'risky', reason: `auto before ${change.risky.join(', ')}`, label: '', risky: change.risky }, step);
    const manualChanges = by === 'person' ? [...new Set([...(this.run.manualChanges ?? []), ...change.changed])] : this.run.manualChanges;
    this.save({ controls: next, ...(manualChanges ? { manualChanges } : {}) });
    this.mark({ step, kind: 'controls', label: change.label, changed: change.changed });
    this.emit({ type: 'controls/applied', ...answering(requestId), runId: this.run.id, step, controls: next, changed: change.changed, label: change.label });
    // The hand-off lists what the next stage undoes of the person's changes: it follows them.
    if (this.run.handoff) this.setHandoff(handoffFor(this.run, this.run.handoff.reason, this.run.handoff.step) ?? undefined);
  }

  /**
   * A layer group's first weights again, drawn afresh: a snapshot first (the way back), then a
   * marker. The likeness watch starts over from here: the drop that follows is the point.
   */
  private reinitialize(group: string, step: number, hooks: BetweenStepsHooks, requestId?: string): void {
    const groups = this.run.layerGroups;
    if (!groups.includes(group)) throw new ControlError('malformed-command', `Run '${this.run.name}' has no layer group '${group}'; its groups are ${groups.join(', ')}.`);
    const what = REINIT_RISK.words(group);
    this.snapshot({ kind: 'risky', reason: `auto before ${what}`, label: '', risky: [what] }, step);
    hooks.reinitialize(group);
    // The weights changed at this step: a snapshot asked for now must not be answered by the one before.
    this.revision += 1;
    this.likeness.restartAt(step);
    const mark: TimelineMark = { step, kind: 'controls', label: what };
    this.mark(mark);
    this.emit({ type: 'layers/reinitialized', ...answering(requestId), runId: this.run.id, group, mark });
  }

  /**
   * Copies the model now and writes it in the background: `snapshot/taken` (or an error naming
   * the snapshot) follows when the write is done. Only a failed copy throws. Returns false when
   * an automatic snapshot was not needed (the newest one already holds these weights).
   */
  private snapshot(request: SnapshotRequest, step: number, requestId?: string): boolean {
    return this.taker.take(request, { step, branch: this.run.branch, revision: this.revision }, requestId);
  }

  /** A snapshot the run takes on its own (interval, collapse guard, best likeness): a failure is reported, never thrown. */
  autoSnapshot(request: SnapshotRequest, step: number): void {
    try {
      this.snapshot(request, step);
    } catch (error) {
      this.emit({ type: 'error', code: 'io', message: (error as Error).message });
    }
  }

  /**
   * Makes a snapshot the live model at this step. As a new branch (the default) the history
   * forks at the snapshot's step and the old branch stays browsable; 'discard' continues the
   * current branch from the snapshot and drops its points after that step; 'continue' is the
   * same from the snapshot Stop took, where nothing comes after. A snapshot taken before a
   * change ("auto before GAN on", a stage's start) brings the run back to before it and waits
   * there, paused, with autopilot off, so the change is not simply made again.
   */
  restore(snapshotId: string, asked: RestoreMode | 'continue', hooks: BetweenStepsHooks, requestId?: string): void {
    this.hooks = hooks;
    const mode: RestoreMode = asked === 'continue' ? 'discard' : asked;
    const info = hooks.snapshotInfo(snapshotId);
    if (!info) throw new ControlError('no-run', `Run '${this.run.name}' has no snapshot ${snapshotId}.`);
    // Checked before anything changes: a refused restore leaves the live model as it was.
    if (mode === 'discard') guard(() => continueFrom(this.run, info), 'invalid-state');
    hooks.flushMetrics();
    const left = { branch: this.run.branch, step: this.run.step };
    const { snapshot, state } = guard(() => hooks.restore(snapshotId), 'io');
    const kind = snapshotKindOf(snapshot);
    const before = asked !== 'continue' && (kind === 'risky' || kind === 'stage');
    const { handoff: _stale, ...restored } = restoredRun(this.run, snapshot, state, mode);
    this.replaceRun({ ...restored, manualChanges: [], ...(before ? { autopilot: false } : {}) });
    const branch = this.run.branch;
    hooks.useBranch(branch, mode === 'discard' ? snapshot.step : null);
    this.tensorboard.fork(branch, snapshot.step); // TensorBoard drops what a discard left past it
    this.stages.reset(this.run, snapshot.step);
    this.rules.startStage(this.run.plan, this.run.stage.index);
    this.stageEnded = null;
    this.taker.forget();
    this.likeness.reset();
    if (mode === 'discard') discardMarksAfter(this.storage.runDir, branch, snapshot.step);
    this.timeline = readTimeline(this.storage.runDir, this.run, branch, snapshot.step);
    const how = asked === 'continue' ? `continued on ${branch}` : mode === 'branch' ? `as ${branch}` : `on ${branch}, later steps discarded`;
    this.mark({ step: snapshot.step, kind: 'snapshot', label: `restored step ${snapshot.step} ${how}` });
    // A stage's own snapshot was taken as its predecessor ended: the run is back at that hand-off.
    const handoff = before && kind === 'stage' ? handoffFor(this.run, `restored to before stage ${this.run.stage.index + 2}`, snapshot.step) : null;
    if (handoff) {
      this.save({ handoff });
      this.stages.holdEnded();
    }
    if (before && this.run.state === 'running') this.save({ state: 'paused' });
    const message = restoreSentence({ asked, snapshot, left, branch, paused: before, handoff });
    const history = hooks.history(branch);
    this.emit({ type: 'snapshot/restored', ...answering(requestId), runId: this.run.id, snapshot, mode, run: toSummary(this.run), ...historyFields(history), timeline: this.timeline, message });
    if (before) this.emit({ type: 'run/state', run: toSummary(this.run), reason: message });
    if (handoff) this.emit({ type: 'stage/handoff', runId: this.run.id, handoff });
  }

  private setPlan(plan: StagePlan, step: number, requestId?: string): void {
    try {
      validatePlan(this.run.controls, plan, findRecipe(this.run.recipe), this.run.growthLevels);
    } catch (error) {
      throw new ControlError('malformed-command', (error as Error).message);
    }
    const index = Math.min(this.run.stage.index, plan.stages.length - 1);
    this.save({ plan, stage: { ...this.run.stage, index } });
    this.rules.startStage(plan, index);
    this.emit({ type: 'plan/updated', ...answering(requestId), runId: this.run.id, plan, stage: this.run.stage });
    if (this.run.handoff) {
      // Still waiting at the end of this stage: the hand-off now describes the new plan's next stage.
      this.setHandoff(handoffFor(this.run, this.run.handoff.reason, this.run.handoff.step) ?? undefined);
      return;
    }
    // A plateau is judged from now on: the new plan must not end a stage that is still improving.
    this.stages.reset(this.run, step);
  }

  /** A stage's end condition was met: move on (autopilot) or ask the person, training on meanwhile. */
  private stageEnd(reason: string, step: number): void {
    if (advancesOnItsOwn(this.run)) {
      this.stageEnded = reason;
      return;
    }
    const handoff = handoffFor(this.run, reason, step);
    if (!handoff) return;
    this.setHandoff(handoff);
    this.mark({ step, kind: 'stage', label: handoffMarkLabel(handoff) });
  }

  private enterStage(index: number, step: number, reason: string, requestId?: string): void {
    const stage = this.run.plan.stages[index];
    if (!stage) return;
    // Every stage starts with a snapshot: the way back to before it, kept by retention.
    const patch = stagePatch(stage.controls, this.run.controls);
    const risky = describeChange(this.run.controls, mergeControls(this.run.controls, patch, this.run.growthLevels), this.run.growthLevels).risky;
    if (index > 0 || risky.length > 0) this.snapshot({ ...stageSnapshot(index, stage.name, risky), risky }, step);
    this.taker.newStage();
    this.applyControls(patch, step, 'stage');
    this.save({ stage: { index, startedAt: step }, manualChanges: [] });
    this.stages.reset(this.run, step);
    this.rules.startStage(this.run.plan, index);
    if (this.run.handoff) this.setHandoff(undefined);
    const name = `stage ${index + 1}: ${stage.name}`;
    this.mark({ step, kind: 'stage', label: name });
    this.emit({ type: 'stage/changed', ...answering(requestId), runId: this.run.id, step, stage: this.run.stage, name: stage.name, reason });
  }

  /** Answers a "Next stage" that arrived as the stage ended on its own: no second advance. */
  private confirmStage(step: number, reason: string, requestId?: string): void {
    const stage = this.run.plan.stages[this.run.stage.index];
    this.emit({ type: 'stage/changed', ...answering(requestId), runId: this.run.id, step, stage: this.run.stage, name: stage?.name ?? '', reason });
  }

  private setHandoff(handoff: RunFile['handoff'], requestId?: string): void {
    if (handoff) this.save({ handoff });
    else this.replaceRun(withoutHandoff(this.run));
    this.emit({ type: 'stage/handoff', ...answering(requestId), runId: this.run.id, handoff: handoff ?? null });
  }

  /** Saved first: if the disk refuses, the run stays as it was and the error says why. */
  private save(patch: Partial<RunFile>): void {
    this.replaceRun({ ...this.run, ...patch });
  }

  private replaceRun(next: RunFile): void {
    this.persist(next);
    for (const key of Object.keys(this.run) as (keyof RunFile)[]) if (!(key in next)) delete this.run[key];
    Object.assign(this.run, next);
    this.revision += 1;
  }

  private requireHooks(): BetweenStepsHooks {
    if (!this.hooks) throw new ControlError('internal', `Run '${this.run.name}' has not started its training loop yet.`);
    return this.hooks;
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

function withoutHandoff(run: RunFile): RunFile {
  const { handoff: _handoff, ...rest } = run;
  return rest;
}

export type { BetweenStepsHooks, ControllerStorage, LiveCommand } from './run-hooks.js';
