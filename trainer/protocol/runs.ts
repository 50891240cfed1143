/**
 * Stage plans, runs, projects, datasets, metric points and snapshots: the records messages carry.
 * Part of the contract that trainer/protocol.ts exports whole: imports only zod and its sibling
 * parts.
 */
import { z } from 'zod';
import { BackendName, Controls, ControlsPatch, RunState } from './shapes.js';

export const StageEnd = z.discriminatedUnion('type', [
  /** After this many steps in the stage. */
  z.strictObject({ type: z.literal('steps'), steps: z.number().int().positive() }),
  /** When `metric` has not improved by `minDelta` for `patience` steps. */
  z.strictObject({
    type: z.literal('plateau'),
    metric: z.string().min(1),
    patience: z.number().int().positive(),
    minDelta: z.number().min(0),
  }),
  /** Only when the person clicks "Next stage". */
  z.strictObject({ type: z.literal('manual') }),
]);
export type StageEnd = z.infer<typeof StageEnd>;

export const Stage = z.strictObject({
  name: z.string().min(1).max(100),
  /** Controls set when the stage begins (risky ones snapshot first). */
  controls: ControlsPatch,
  end: StageEnd,
});
export type Stage = z.infer<typeof Stage>;

export const StagePlan = z.strictObject({
  name: z.string().min(1).max(100),
  stages: z.array(Stage).min(1).max(50),
});
export type StagePlan = z.infer<typeof StagePlan>;

/** Where a run is in its plan. */
export const StagePosition = z.strictObject({
  index: z.number().int().nonnegative(),
  /** The step the current stage began at. */
  startedAt: z.number().int().nonnegative(),
});
export type StagePosition = z.infer<typeof StagePosition>;

/** A marker on every chart's timeline: something that happened at a step. */
export const TimelineMark = z.strictObject({
  step: z.number().int().nonnegative(),
  kind: z.enum(['controls', 'stage', 'snapshot', 'warning']),
  /** Short text for the marker's tooltip ("random warp off", "stage 3: Lock + LRD"). */
  label: z.string(),
  /** For 'controls' marks: the dotted control paths that changed, so a reloaded window knows what applied when. */
  changed: z.array(z.string()).optional(),
});
export type TimelineMark = z.infer<typeof TimelineMark>;

/** A line of history forked from a snapshot: the parent's metrics up to `forkStep`, then its own. */
export const BranchInfo = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/),
  parent: z.string(),
  forkStep: z.number().int().nonnegative(),
  /** The snapshot it was restored from (never deleted while a branch forks from it). */
  snapshotId: z.string(),
  createdAt: z.string(),
});
export type BranchInfo = z.infer<typeof BranchInfo>;

export const Interrupted = z.strictObject({
  step: z.number().int().nonnegative(),
  /** The newest snapshot whose every file verifies; null when there is none to resume from. */
  lastGoodSnapshot: z.string().nullable(),
});
export type Interrupted = z.infer<typeof Interrupted>;

/** When snapshots are taken on their own, and which automatic ones are kept (manual ones always are). */
export const SnapshotPolicy = z.strictObject({
  /** An interval snapshot every `every` steps or minutes; 0 = none. */
  interval: z.strictObject({ every: z.number().nonnegative().max(1e9), unit: z.enum(['steps', 'minutes']) }),
  /** The newest automatic snapshots always kept. */
  keepLast: z.number().int().min(1).max(1000),
  /** Beyond those: one per hour is kept for this many hours… */
  hourlyForHours: z.number().int().min(0).max(24 * 365),
  /** …and one per day for this many days; older automatic snapshots are deleted. */
  dailyForDays: z.number().int().min(0).max(3650),
});
export type SnapshotPolicy = z.infer<typeof SnapshotPolicy>;

export const RunSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  recipe: z.string(),
  preset: z.string(),
  dataset: z.string(),
  state: RunState,
  step: z.number().int().nonnegative(),
  /** The controls as last applied, so any window can show them without waiting for a change. */
  controls: Controls,
  /** Layer groups the recipe names, in model order: what the lock switches list. */
  layerGroups: z.array(z.string()),
  plan: StagePlan,
  stage: StagePosition,
  createdAt: z.string(),
  /** The branch the run trains on now ('main' until a snapshot is restored as a new branch). */
  branch: z.string().optional(),
  /** Every branch besides 'main', each forked from a snapshot: its metrics history is its own after that step. */
  branches: z.array(BranchInfo).optional(),
  /** Set when the trainer died while this run trained: where it was, and the newest snapshot that verifies. */
  interrupted: Interrupted.optional(),
  /** When to snapshot on its own and which automatic snapshots to keep. */
  snapshotPolicy: SnapshotPolicy.optional(),
  /** The TF.js backend it last trained on, so the runs list says where a number came from. */
  backend: BackendName.optional(),
  /** The best likeness (0–100) any evaluation reported; absent for recipes without one. */
  bestLikeness: z.number().optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const ProjectInfo = z.strictObject({
  path: z.string(),
  name: z.string(),
  datasets: z.array(z.string()),
  runs: z.array(RunSummary),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

/** What a dataset import read, wrote into the project and left out (and why), for the person to read. */
export const DatasetImportReport = z.strictObject({
  /** The dataset's name in the project (its folder under datasets/). */
  name: z.string(),
  /** The folder it was imported from. */
  source: z.string(),
  /** 'audio-motion': WAV+BVH pairs (every recipe); 'motion': BVH only (no audio-to-motion). */
  kind: z.enum(['audio-motion', 'motion']),
  clips: z.strictObject({ train: z.number().int().nonnegative(), validation: z.number().int().nonnegative() }),
  /** Total length of the imported clips. */
  seconds: z.number().nonnegative(),
  skeleton: z.strictObject({ joints: z.number().int().nonnegative(), root: z.string(), fps: z.number().positive() }),
  /** Files that were not imported, each with the reason in words. */
  skipped: z.array(z.strictObject({ file: z.string(), reason: z.string() })),
});
export type DatasetImportReport = z.infer<typeof DatasetImportReport>;

/** One logged step. A null value is a non-finite number (JSON cannot carry NaN or Infinity). */
export const MetricPoint = z.strictObject({
  step: z.number().int().nonnegative(),
  time: z.number(),
  values: z.record(z.string(), z.number().nullable()),
  /**
   * Logged after later steps' points: evaluation in a second process answers for the weights of
   * `step` while training moves on. Charts place it at its step; it is not a resent point.
   */
  late: z.literal(true).optional(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const SnapshotInfo = z.strictObject({
  id: z.string(),
  step: z.number().int().nonnegative(),
  reason: z.string(),
  label: z.string(),
  createdAt: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The branch it was taken on (absent: 'main'). */
  branch: z.string().optional(),
  /** The model's likeness score (0–100) as last evaluated before the snapshot, if the recipe reports one. */
  likeness: z.number().nullable().optional(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

/** A snapshot folder name as the trainer made it (no paths). */
export const SnapshotId = z.string().regex(/^step-\d{8}-[0-9a-z]+$/);

/** Restoring into a run: continue as a new branch (history kept, the default) or discard what came after. */
export const RestoreMode = z.enum(['branch', 'discard']);
export type RestoreMode = z.infer<typeof RestoreMode>;

export const ErrorCode = z.enum([
  'malformed-command',
  'unknown-command',
  'protocol-version',
  'no-project',
  'no-run',
  'invalid-state',
  'busy',
  'dataset',
  'io',
  'backend',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
