/**
 * Events (trainer → renderer). Part of the contract that trainer/protocol.ts exports whole:
 * imports only zod and its sibling parts.
 */
import { z } from 'zod';
import { DownloadReady } from './downloads.js';
import { requestId, runId } from './fields.js';
import { BackendName, Controls, KernelSet, OnBranch } from './shapes.js';
import { BranchInfo, DatasetImportReport, ErrorCode, MetricPoint, ProjectInfo, RecipeInfo, RestoreMode, RunSummary, SnapshotInfo, SnapshotPolicy, StageHandoff, StagePlan, StagePosition, TimelineMark, TrainingSession, WholeFrom } from './runs.js';
import { PreviewHistoryEntry, PreviewSample } from './previews.js';
import { CommandTypeField } from './commands.js';
import { ControlPathField } from './control-paths.js';

export const WarningCode = z.enum(['loss-spike', 'non-finite', 'collapse', 'overflow', 'evaluation', 'likeness-drop', 'storage', 'rule']);
export type WarningCode = z.infer<typeof WarningCode>;

export const ActiveRun = z.strictObject({
  run: RunSummary,
  controls: Controls,
  /**
   * The run's history so a reconnecting window can redraw its charts: every point while the run
   * is short, then at most a fixed number (the newest whole, older ones thinned evenly).
   */
  metrics: z.array(MetricPoint),
  wholeFrom: WholeFrom,
  snapshots: z.array(SnapshotInfo),
  timeline: z.array(TimelineMark),
});
export type ActiveRun = z.infer<typeof ActiveRun>;

export const TrainerEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    requestId,
    protocolVersion: z.number().int(),
    trainerVersion: z.string(),
    pid: z.number().int(),
    /**
     * Every recipe a run can be made from: the New run form lists these. Absent from the hello
     * of a trainer that speaks another protocol version, which must still parse so the window
     * can say which versions differ.
     */
    recipes: z.array(RecipeInfo).default([]),
  }),
  z.strictObject({
    type: z.literal('backend/selected'),
    backend: BackendName,
    /** What the user forced (setting or env var), if anything. */
    requested: BackendName.nullable(),
    /** Backends tried before this one, and why each was passed over. */
    skipped: z.array(z.strictObject({ backend: BackendName, reason: z.string() })),
    /** Stagecraft's own kernels, or TF.js's stock ones and why. */
    kernels: KernelSet,
  }),
  z.strictObject({
    type: z.literal('session/state'),
    requestId,
    backend: BackendName.nullable(),
    project: ProjectInfo.nullable(),
    active: ActiveRun.nullable(),
  }),
  z.strictObject({ type: z.literal('project/opened'), requestId, project: ProjectInfo }),
  z.strictObject({ type: z.literal('dataset/imported'), requestId, report: DatasetImportReport, project: ProjectInfo }),
  z.strictObject({ type: z.literal('run/list'), requestId, runs: z.array(RunSummary) }),
  z.strictObject({ type: z.literal('run/created'), requestId, run: RunSummary }),
  /** A run's record changed without a state change (renamed, autopilot, guard settings). */
  z.strictObject({ type: z.literal('run/updated'), requestId, run: RunSummary, reason: z.string() }),
  z.strictObject({ type: z.literal('run/deleted'), requestId, runId, name: z.string() }),
  DownloadReady,
  z.strictObject({ type: z.literal('run/sessions'), requestId, runId, sessions: z.array(TrainingSession) }),
  /** A run's history written as TensorBoard event files: `dir` is the folder for `tensorboard --logdir`. */
  z.strictObject({ type: z.literal('tensorboard/exported'), requestId, runId, dir: z.string(), branches: z.number().int().nonnegative(), points: z.number().int().nonnegative() }),
  z.strictObject({
    type: z.literal('run/state'),
    requestId,
    run: RunSummary,
    /** Why the state changed, in words a person reads ("stopped by user"). */
    reason: z.string(),
  }),
  /** Points of the branch the run trains on. */
  z.strictObject({ type: z.literal('metrics/batch'), runId, points: z.array(MetricPoint), branch: OnBranch }),
  z.strictObject({
    type: z.literal('controls/applied'),
    requestId,
    runId,
    /** The step the new controls first took effect at. */
    step: z.number().int().nonnegative(),
    controls: Controls,
    changed: z.array(ControlPathField),
    /** The change in words, for the chart marker ("random warp off, LR 2e-4 → 1e-4"). */
    label: z.string(),
  }),
  z.strictObject({ type: z.literal('snapshot/taken'), requestId, runId, snapshot: SnapshotInfo }),
  /** A layer group was given fresh weights (layers/reinit) at the step of its timeline mark; the snapshot before it is the way back. */
  z.strictObject({ type: z.literal('layers/reinitialized'), requestId, runId, group: z.string(), mark: TimelineMark }),
  z.strictObject({
    type: z.literal('stage/changed'),
    requestId,
    runId,
    step: z.number().int().nonnegative(),
    stage: StagePosition,
    name: z.string(),
    /** Why: "2,000 steps done", "val/recon plateaued", "next stage by user". */
    reason: z.string(),
  }),
  /** A stage ended and the run waits for the person (null: the wait is over, or was withdrawn). */
  z.strictObject({ type: z.literal('stage/handoff'), requestId, runId, handoff: StageHandoff.nullable() }),
  z.strictObject({ type: z.literal('plan/updated'), requestId, runId, plan: StagePlan, stage: StagePosition }),
  z.strictObject({
    type: z.literal('motion/exported'),
    requestId,
    runId,
    /** The model's step when it generated the motion (the snapshot's step, if one was used). */
    step: z.number().int().nonnegative(),
    snapshotId: z.string().optional(),
    audio: z.string(),
    bvh: z.string(),
    json: z.string(),
    seconds: z.number(),
  }),
  z.strictObject({ type: z.literal('snapshot/list'), requestId, runId, snapshots: z.array(SnapshotInfo), branch: z.string(), branches: z.array(BranchInfo) }),
  z.strictObject({
    type: z.literal('snapshot/restored'),
    requestId,
    runId,
    snapshot: SnapshotInfo,
    mode: RestoreMode,
    /** The run as it now is: its step is the snapshot's, its branch the one it continues on. */
    run: RunSummary,
    /** The branch's metrics history up to the snapshot's step (capped like session/state's), so the charts redraw it. */
    metrics: z.array(MetricPoint),
    wholeFrom: WholeFrom,
    timeline: z.array(TimelineMark),
    /** What happened, in a sentence: "Restored step 6,300 as branch-1; main's 15,437 steps are kept. Paused: …". */
    message: z.string(),
  }),
  z.strictObject({
    type: z.literal('snapshot/deleted'),
    requestId,
    runId,
    snapshotIds: z.array(z.string()),
    /** 'person': deleted by hand; 'policy': thinned by retention, which a person must be told. */
    by: z.enum(['person', 'policy']),
    /** In words: "deleted by user", "3 interval snapshots thinned by the snapshot policy". */
    reason: z.string(),
  }),
  z.strictObject({
    type: z.literal('snapshot/verified'),
    requestId,
    runId,
    snapshotId: z.string(),
    ok: z.boolean(),
    /** What is wrong, naming the file, when it does not verify. */
    problem: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('snapshot/policy'), requestId, runId, policy: SnapshotPolicy }),
  z.strictObject({
    type: z.literal('snapshot/compared'),
    requestId,
    runId,
    sides: z.array(z.strictObject({ snapshot: SnapshotInfo, branch: z.string(), values: z.record(z.string(), z.number().nullable()) })),
  }),
  z.strictObject({
    type: z.literal('metrics/history'),
    requestId,
    runId,
    branch: z.string(),
    points: z.array(MetricPoint),
    wholeFrom: WholeFrom,
    /** The step range asked for, when one was: the points replace what the window held in it. */
    fromStep: z.number().int().nonnegative().optional(),
    toStep: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal('preview/ready'), requestId, runId, preview: PreviewSample }),
  /** Answers preview/history and preview/interval; also sent when thinning drops old previews. */
  z.strictObject({ type: z.literal('preview/history'), requestId, runId, entries: z.array(PreviewHistoryEntry), everySteps: z.number().int().nonnegative() }),
  /** Something a person should know that did not stop the run (or, for 'collapse', paused it). */
  z.strictObject({
    type: z.literal('warning'),
    runId,
    step: z.number().int().nonnegative(),
    code: WarningCode,
    message: z.string(),
    /** A snapshot the warning points to (the phase's best, the last good one), as data. */
    snapshotId: z.string().optional(),
  }),
  /** The condition behind a warning has ended (the loss came back down, likeness recovered). */
  z.strictObject({ type: z.literal('warning/cleared'), runId, step: z.number().int().nonnegative(), code: WarningCode, message: z.string() }),
  z.strictObject({
    type: z.literal('error'),
    requestId,
    code: ErrorCode,
    message: z.string(),
    commandType: CommandTypeField.optional(),
  }),
  /** Sent by whatever hosts the trainer process (serve bridge, Electron main) when it dies. */
  z.strictObject({
    type: z.literal('trainer/exited'),
    code: z.number().int().nullable(),
    signal: z.string().nullable(),
    message: z.string(),
  }),
]);
export type TrainerEvent = z.infer<typeof TrainerEvent>;
export type EventOf<T extends TrainerEvent['type']> = Extract<TrainerEvent, { type: T }>;
export type ErrorEvent = EventOf<'error'>;

/** The `requestId` part of an event that answers a command (nothing when it had none). */
export function answering(requestId: string | undefined): { requestId?: string } {
  return requestId ? { requestId } : {};
}
