/**
 * Stage plans, runs, projects, datasets, metric points and snapshots: the records messages carry.
 * Part of the contract that trainer/protocol.ts exports whole: imports only zod and its sibling
 * parts.
 */
import { z } from 'zod';
import { ControlPathField } from './control-paths.js';
import { Rule } from './rules.js';
import { BackendName, Controls, ControlsPatch, OnBranch, RunState } from './shapes.js';

/**
 * One growth level of a recipe (DeepFaceLab's growth stages, in time): its frame rate as a
 * share of the data's, and the layer groups it adds. Level 0's groups are the coarse model's own.
 */
export const GrowthLevel = z.strictObject({
  /** 'quarter', 'half', 'full': the level's frame rate as a share of the data's. */
  name: z.string(),
  groups: z.array(z.string()),
});
export type GrowthLevel = z.infer<typeof GrowthLevel>;

/** "half rate" for a level, as the window and the notices say it. */
export function growthLevelWords(level: GrowthLevel): string {
  return `${level.name} rate`;
}

/**
 * The layer groups of the levels a run has not grown to yet: not in its model's forward pass,
 * so they do not train, and the lock panel leaves them out until the run grows.
 */
export function ungrownGroups(levels: readonly GrowthLevel[] | undefined, controls: { growth?: { level: number } | undefined }): string[] {
  if (!levels || !controls.growth) return [];
  return levels.slice(controls.growth.level + 1).flatMap((l) => l.groups);
}

export const StageEnd = z.discriminatedUnion('type', [
  /** After this many steps in the stage. */
  z.strictObject({ type: z.literal('steps'), steps: z.number().int().positive() }),
  /** When `metric` has not improved by `minDelta` for `patience` steps. */
  z.strictObject({
    type: z.literal('plateau'),
    metric: z.string().min(1),
    patience: z.number().int().positive(),
    minDelta: z.number().min(0),
    /** Which way is better: 'max' for a likeness, 'min' (absent) for a loss. */
    mode: z.enum(['min', 'max']).optional(),
    /** The stage lasts at least this many steps, whatever the metric does: time to look at it. */
    minSteps: z.number().int().nonnegative().optional(),
    /** …and ends after this many even if the metric still creeps up (a noisy metric never settles). */
    maxSteps: z.number().int().positive().optional(),
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
  /**
   * When this stage ends: true moves on by itself, false always asks the person; absent: the
   * run's autopilot switch decides.
   */
  autopilot: z.boolean().optional(),
  /** Rules that hold while this stage runs. */
  rules: z.array(Rule).max(20).optional(),
});
export type Stage = z.infer<typeof Stage>;

export const StagePlan = z.strictObject({
  name: z.string().min(1).max(100),
  stages: z.array(Stage).min(1).max(50),
  /** Rules that hold in every stage. */
  rules: z.array(Rule).max(20).optional(),
});
export type StagePlan = z.infer<typeof StagePlan>;

/** A recipe as the trainer describes it to the window, so the window keeps no list of its own (hello carries them all). */
export const RecipeInfo = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** 'audio-motion': WAV + BVH pairs; 'motion': BVH alone. */
  dataKind: z.enum(['audio-motion', 'motion']),
  /** Named sizes, smallest first; `cpu` marks those that fit a laptop CPU. */
  presets: z.array(z.strictObject({ name: z.string(), cpu: z.boolean() })),
  defaultPreset: z.string(),
  /** What the lock panel offers, in model order. */
  layerGroups: z.array(z.string()),
  /** The keys it logs beside the training loop's own: what a plan may end a stage on. */
  metrics: z.array(z.string()),
  /** Its growth levels, coarsest first, for a plan that grows; absent where it cannot grow. */
  growthLevels: z.array(GrowthLevel).optional(),
  /** The plans the New run form offers, the default first. */
  plans: z.array(StagePlan),
});
export type RecipeInfo = z.infer<typeof RecipeInfo>;

/** Where a run is in its plan. */
export const StagePosition = z.strictObject({
  index: z.number().int().nonnegative(),
  /** The step the current stage began at. */
  startedAt: z.number().int().nonnegative(),
});
export type StagePosition = z.infer<typeof StagePosition>;

/** One control the next stage would change, as the stage hand-off lists it. */
export const StageChange = z.strictObject({
  /** Dotted control path ('gan.enabled', 'locks.encoder', 'learningRate'). */
  path: z.string(),
  /** The change in words ("GAN on", "lock encoder"). */
  label: z.string(),
  /** The person changed this control by hand during the stage; the next stage would undo that. */
  manual: z.boolean(),
});
export type StageChange = z.infer<typeof StageChange>;

/**
 * A stage reached its end and the run waits for the person's decision (it keeps training in
 * the stage meanwhile): what ended it, what the next stage will change, what it snapshots first.
 */
export const StageHandoff = z.strictObject({
  /** The step the stage's end condition was met at. */
  step: z.number().int().nonnegative(),
  /** The stage that ended (index into the plan). */
  index: z.number().int().nonnegative(),
  /** Why, in words: "2,000 steps done", "tokenizer likeness plateaued at 71.2% (best 72.0%, step 4,100)". */
  reason: z.string(),
  next: z.strictObject({ index: z.number().int().nonnegative(), name: z.string() }),
  /** What the next stage changes against the controls in force now (nothing it names that is already so). */
  changes: z.array(StageChange),
  /** Every stage starts with a snapshot: its label. */
  snapshot: z.string(),
});
export type StageHandoff = z.infer<typeof StageHandoff>;

/** The chart marker a hand-off leaves at the step its stage ended: the same words in the trainer's timeline and the window's. */
export function handoffMarkLabel(handoff: StageHandoff): string {
  return `stage ${handoff.index + 1} ended (${handoff.reason}): waiting for you`;
}

/** What the collapse guard does besides watching losses. */
export const GuardSettings = z.strictObject({
  /** Points of likeness below the phase's best that count as a drop (0 turns the likeness watch off). */
  likenessDrop: z.number().min(0).max(100),
  /** Evaluations in a row that must be that far below the best before the guard speaks. */
  evaluations: z.number().int().min(1).max(100),
  /** Pause the run when likeness drops (otherwise only warn). */
  pauseOnDrop: z.boolean(),
});
export type GuardSettings = z.infer<typeof GuardSettings>;

/** What the guard does for a run that set nothing: a 5-point drop over 2 evaluations pauses it. */
export const DEFAULT_GUARD_SETTINGS: GuardSettings = { likenessDrop: 5, evaluations: 2, pauseOnDrop: true };

/** A run's guard settings, its own over the defaults. */
export function guardSettingsOf(run: { guard?: Partial<GuardSettings> | undefined }): GuardSettings {
  return { ...DEFAULT_GUARD_SETTINGS, ...run.guard };
}

/** A marker on every chart's timeline: something that happened at a step. */
export const TimelineMark = z.strictObject({
  step: z.number().int().nonnegative(),
  kind: z.enum(['controls', 'stage', 'snapshot', 'warning']),
  /** Short text for the marker's tooltip ("random warp off", "stage 3: Lock + LRD"). */
  label: z.string(),
  /** For 'controls' marks: the dotted control paths that changed, so a reloaded window knows what applied when. */
  changed: z.array(ControlPathField).optional(),
});
export type TimelineMark = z.infer<typeof TimelineMark>;

/**
 * Ids that become parts of paths, checked the same way whether a command or a file on disk
 * carries them (DESIGN.md: ids read from disk are data, not paths).
 */
/** A branch's name: its metrics log is `metrics.<name>.jsonl`. */
export const BranchName = z.string().regex(/^[a-z0-9-]{1,40}$/);
/** A dataset's folder under `datasets/`: a plain name, no separators, never '.' or '..'. */
export const DatasetName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/);
/** A run's folder under `runs/`: `run-3`, or any plain folder name a person gave a copied run. */
export const RunFolderId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/)
  .refine((id) => !id.includes('..'));
/** A file inside a snapshot folder as its manifest lists it (`encoder.safetensors`, `state.json`). */
export const SnapshotFileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/)
  .refine((name) => !name.includes('..'));

/** A line of history forked from a snapshot: the parent's metrics up to `forkStep`, then its own. */
export const BranchInfo = z.strictObject({
  name: BranchName,
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

/** A snapshot folder name as the trainer made it (no paths). */
export const SnapshotId = z.string().regex(/^step-\d{8}-[0-9a-z]+$/);

/** How a run started from another's weights counts its steps: from 0, or on from the snapshot's step (schedules carry on). */
export const StartSteps = z.enum(['fresh', 'carried']);

/** Where a run's first weights came from: layer groups of a snapshot of another run (run/create `from`). */
export const StartedFrom = z.strictObject({
  runId: z.string(),
  /** The other run's name when this one was made (it may be renamed or deleted since). */
  runName: z.string(),
  snapshotId: SnapshotId,
  /** The snapshot's step. */
  step: z.number().int().nonnegative(),
  /** The layer groups taken; every other group started fresh from the run's seed. */
  groups: z.array(z.string()).min(1),
  steps: StartSteps,
});
export type StartedFrom = z.infer<typeof StartedFrom>;

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
  /** Set on a run built to grow: its levels, coarsest first (`controls.growth.level` says where it is). */
  growthLevels: z.array(GrowthLevel).optional(),
  plan: StagePlan,
  stage: StagePosition,
  createdAt: z.string(),
  /** The branch the run trains on now (main until a snapshot is restored as a new branch). */
  branch: OnBranch,
  /** Every branch besides 'main', each forked from a snapshot: its metrics history is its own after that step. */
  branches: z.array(BranchInfo).optional(),
  /** Set when the trainer died while this run trained: where it was, and the newest snapshot that verifies. */
  interrupted: Interrupted.optional(),
  /** When to snapshot on its own and which automatic snapshots to keep. */
  snapshotPolicy: SnapshotPolicy.optional(),
  /** The TF.js backend it last trained on, so the runs list says where a number came from. */
  backend: BackendName.optional(),
  /** The best of each likeness series (0–100) any evaluation reported, by series key; absent for recipes without one. */
  bestLikeness: z.record(z.string(), z.number()).optional(),
  /** Move to the next stage on its own when a stage ends (absent: off, the person decides). */
  autopilot: z.boolean().optional(),
  /** Set while a stage has ended and the run waits for the person to go on (it trains on meanwhile). */
  handoff: StageHandoff.optional(),
  /** What the collapse guard does on a likeness drop (absent: the defaults). */
  guard: GuardSettings.optional(),
  /** Set when it started from layer groups of another run's snapshot. */
  startedFrom: StartedFrom.optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/**
 * One training session of a run (faceswap's Analysis tab): a start, continue or restore that
 * trained, from when it began to when it ended, the steps it took and their rate. A session
 * without an end was cut short (a crash) or is still training.
 */
export const TrainingSession = z.strictObject({
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** The branch and step it began on. */
  branch: z.string(),
  fromStep: z.number().int().nonnegative(),
  /** The step it ended at (a restore during it can leave this below `fromStep + steps`). */
  toStep: z.number().int().nonnegative().optional(),
  /** Optimizer steps it trained. */
  steps: z.number().int().nonnegative().optional(),
  /** Wall time from start to end, pauses included. */
  seconds: z.number().nonnegative().optional(),
});
export type TrainingSession = z.infer<typeof TrainingSession>;

/** A dataset of the project as the New run form needs it: can a run train on it, and if not, why. */
export const DatasetSummary = z.strictObject({
  name: z.string(),
  kind: z.enum(['audio-motion', 'motion']),
  clips: z.strictObject({ train: z.number().int().nonnegative(), validation: z.number().int().nonnegative() }),
  /** Why no run can train on it, in words a person can act on; absent when it can. */
  problem: z.string().optional(),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;

export const ProjectInfo = z.strictObject({
  path: z.string(),
  name: z.string(),
  datasets: z.array(z.string()),
  /** The same datasets with their clip counts and whether they can be trained on. */
  datasetDetails: z.array(DatasetSummary).optional(),
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
  /** Files that were imported but with something to know (a BVH whose "Frames:" count is a frame or two off), each in a sentence. */
  warnings: z.array(z.strictObject({ file: z.string(), message: z.string() })).optional(),
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

/**
 * Where a history a message carries stops being thinned: from this step on it holds every
 * logged point; before it, a bounded selection (project/history-cap.ts). 0: all of them. The
 * window asks for a step range (metrics/get) when it shows a thinned part up close.
 */
export const WholeFrom = z.number().int().nonnegative().default(0);

/**
 * Why a snapshot was taken, as retention and restore read it. Kept like manual ones: 'rule' (a
 * plan's rule asked for it), 'stage'
 * (every stage boundary), the newest 'stop' of a branch (what Continue resumes), the newest
 * 'best' of each phase, and a 'risky' one that is `firstInStage`. The rest ('interval', 'guard',
 * repeated 'risky', older 'best' and 'stop') the policy thins.
 */
export const SnapshotKind = z.enum(['manual', 'stage', 'risky', 'stop', 'best', 'interval', 'guard', 'rule']);
export type SnapshotKind = z.infer<typeof SnapshotKind>;

export const SnapshotInfo = z.strictObject({
  id: z.string(),
  step: z.number().int().nonnegative(),
  /** Why it was taken, in words ("auto before GAN on", "stage 5 start"). */
  reason: z.string(),
  /** Absent in snapshots from before kinds existed: read from `reason` (see snapshotKindOf). */
  kind: SnapshotKind.optional(),
  /** A 'risky' snapshot that is the first of its change in its stage: kept by retention. */
  firstInStage: z.literal(true).optional(),
  /** For 'best': the likeness series it is the best of ('val/tokenizer_likeness'). */
  phase: z.string().optional(),
  label: z.string(),
  createdAt: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The branch it was taken on. */
  branch: OnBranch,
  /** The model's likeness score (0–100) as last evaluated before the snapshot, if the recipe reports one. */
  likeness: z.number().nullable().optional(),
  /** Which likeness series that score is ('val/tokenizer_likeness'): the headline changes meaning with the phase. Absent in older snapshots. */
  likenessSeries: z.string().max(200).optional(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

/** A snapshot's kind, read from its reason for snapshots written before kinds were recorded. */
export function snapshotKindOf(snapshot: Pick<SnapshotInfo, 'kind' | 'reason'>): SnapshotKind {
  if (snapshot.kind) return snapshot.kind;
  const { reason } = snapshot;
  if (reason === 'manual' || reason === 'interval') return reason;
  if (reason.startsWith('auto before')) return 'risky';
  if (reason.startsWith('collapse guard')) return 'guard';
  return 'manual';
}

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
