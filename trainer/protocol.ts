/**
 * THE contract between the trainer and everything that talks to it: commands in, events out.
 * Schemas are defined once here; types are derived with z.infer. Pure: imports nothing but zod,
 * so electron/, renderer/ and trainer/ can all share it.
 */
import { z } from 'zod';

/** Bumped whenever a command or event changes shape; `hello` carries it both ways. */
export const PROTOCOL_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Shared shapes

export const BackendName = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendName>;

export const RunState = z.enum(['idle', 'running', 'paused', 'stopped', 'failed']);
export type RunState = z.infer<typeof RunState>;

/** Numeric formats. TF.js computes in float32 only: bf16 and fp16 are emulated by rounding. */
export const Precision = z.enum(['fp32', 'bf16', 'fp16']);
export type Precision = z.infer<typeof Precision>;

export const RandomWarp = z.strictObject({
  /** Warps the model input only; the target stays clean, so the model learns to undo it. */
  enabled: z.boolean(),
  /** 1 = time speed within ±20%, ±15° turn about the vertical, ±5% scale, 1% jitter. */
  strength: z.number().min(0).max(2),
});

export const LearningRateDropout = z.strictObject({
  enabled: z.boolean(),
  /** Probability that a weight element's update is kept this step (DeepFaceLab: 0.3). */
  keep: z.number().gt(0).max(1),
  /** DeepFaceLab's cosine modulation of the learning rate while LRD is on. */
  cosine: z.boolean(),
  /** Steps per cosine cycle. */
  cosinePeriod: z.number().int().positive(),
});

export const Gan = z.strictObject({
  /** Trains the discriminator in its own step after each generator step. */
  enabled: z.boolean(),
  /** Weight of the generator's adversarial term. */
  power: z.number().min(0).max(10),
  /** Steps over which power ramps up from 0 after GAN is switched on (0 = at once). */
  rampSteps: z.number().int().nonnegative(),
});

export const OptimizerSettings = z.strictObject({
  /** AdamW's decoupled weight decay, applied to matrices (not biases). */
  weightDecay: z.number().min(0).max(1),
  /** Global gradient-norm clip; 0 turns clipping off. */
  clipNorm: z.number().min(0),
  /** Linear warm-up from 0 to the learning rate over this many steps. */
  warmupSteps: z.number().int().nonnegative(),
  /** MultiStepLR: at each of these steps the learning rate is multiplied by gamma. */
  milestones: z.array(z.number().int().positive()).max(32),
  gamma: z.number().gt(0).max(1),
});

/** Live training controls, applied atomically between two optimizer steps. */
export const Controls = z.strictObject({
  /** Peak step size (before warm-up, milestones and LRD's cosine). */
  learningRate: z.number().positive().max(1),
  randomWarp: RandomWarp,
  /** Layer group → locked. A locked group is out of the trainable set; its weights do not move. */
  locks: z.record(z.string(), z.boolean()),
  lrd: LearningRateDropout,
  gan: Gan,
  precision: Precision,
  optimizer: OptimizerSettings,
  /** Samples per optimizer step (split across the accumulation micro-batches). */
  batchSize: z.number().int().min(1).max(1024),
  /** Micro-batches whose gradients are summed into one update: less memory, same step. */
  accumulation: z.number().int().min(1).max(64),
  /** Recompute each block's forward in the backward pass instead of keeping activations. */
  recompute: z.boolean(),
});
export type Controls = z.infer<typeof Controls>;

/** A change to some controls; nested settings may be given in part. */
export const ControlsPatch = z.strictObject({
  learningRate: Controls.shape.learningRate.optional(),
  randomWarp: RandomWarp.partial().optional(),
  locks: Controls.shape.locks.optional(),
  lrd: LearningRateDropout.partial().optional(),
  gan: Gan.partial().optional(),
  precision: Precision.optional(),
  optimizer: OptimizerSettings.partial().optional(),
  batchSize: Controls.shape.batchSize.optional(),
  accumulation: Controls.shape.accumulation.optional(),
  recompute: Controls.shape.recompute.optional(),
});
export type ControlsPatch = z.infer<typeof ControlsPatch>;

// ---------------------------------------------------------------------------------------------
// Stage plans

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

// ---------------------------------------------------------------------------------------------
// Motion previews (trainer/previews/)

/** A preview's id in its run's sample history: the step, 8 digits, then the branch unless 'main'. */
export const PreviewId = z.string().regex(/^\d{8}(-[a-z0-9-]{1,40})?$/);

/**
 * The clip's audio for playback and display. PCM travels inside the event (not as a URL) so a
 * preview plays the same in Electron and in serve mode, local or remote.
 */
export const PreviewAudio = z.strictObject({
  sampleRate: z.number().int().positive(),
  /** Mono 16-bit little-endian PCM, base64 (8 s at 16 kHz: 256 KB raw, 341 KB as text). */
  pcm16: z.string(),
  /** Peak |amplitude| (0..1, 3 decimals) of each equal slice of the clip, for the waveform. */
  peaks: z.array(z.number().min(0).max(1)).max(4000),
  /** Audio onset times in seconds, ascending: ticks under the timeline. */
  onsets: z.array(z.number().nonnegative()),
});
export type PreviewAudio = z.infer<typeof PreviewAudio>;

/**
 * Generated motion for a fixed validation clip beside its ground truth. Joint positions are
 * frames × joints × 3 (body heights, y up) as base64 little-endian float32: exact, and about a
 * third of the size of the same numbers as JSON text.
 */
export const PreviewSample = z.strictObject({
  /** Its place in the run's sample history; absent for a snapshot's preview, which is not kept. */
  id: PreviewId.optional(),
  /** The model's step when it generated the motion (the snapshot's step for a snapshot). */
  step: z.number().int().nonnegative(),
  branch: z.string(),
  snapshotId: SnapshotId.optional(),
  createdAt: z.string(),
  /** The validation clip's name, e.g. 'clip-000': the same every time, so previews compare. */
  clip: z.string(),
  fps: z.number().positive(),
  frames: z.number().int().positive(),
  /** Parent joint of each joint (-1 for the root): the skeleton's bones. */
  parents: z.array(z.number().int().min(-1)).max(512),
  generated: z.string(),
  truth: z.string(),
  /** Null when the clip has no WAV beside it (motion-only data). */
  audio: PreviewAudio.nullable(),
});
export type PreviewSample = z.infer<typeof PreviewSample>;

export const PreviewHistoryEntry = z.strictObject({ id: PreviewId, step: z.number().int().nonnegative(), branch: z.string(), createdAt: z.string() });
export type PreviewHistoryEntry = z.infer<typeof PreviewHistoryEntry>;

// ---------------------------------------------------------------------------------------------
// Commands (renderer → trainer). `requestId` is echoed on the events that answer a command.

const requestId = z.string().max(100).optional();
const runId = z.string().min(1).max(200);

export const Command = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), requestId, protocolVersion: z.number().int(), client: z.string().max(100) }),
  z.strictObject({ type: z.literal('state/get'), requestId }),
  z.strictObject({ type: z.literal('project/open'), requestId, path: z.string().min(1).max(4096) }),
  z.strictObject({
    type: z.literal('project/create'),
    requestId,
    path: z.string().min(1).max(4096),
    name: z.string().min(1).max(200),
    /** Write the built-in demo dataset into the project so it trains out of the box. */
    withDemo: z.boolean().default(true),
  }),
  /** Opens the demo project under the data folder (creating it with the demo speaker and its demo run the first time). */
  z.strictObject({ type: z.literal('project/open-demo'), requestId }),
  /** Reads a folder of WAV+BVH pairs (or BVH only), copies what loads into the project and reports what was skipped. */
  z.strictObject({
    type: z.literal('dataset/import'),
    requestId,
    path: z.string().min(1).max(4096),
    /** The dataset's name in the project; defaults to the folder's name. */
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}$/).optional(),
  }),
  z.strictObject({ type: z.literal('run/list'), requestId }),
  z.strictObject({
    type: z.literal('run/create'),
    requestId,
    name: z.string().min(1).max(200).optional(),
    recipe: z.string().min(1).max(100),
    preset: z.string().min(1).max(100).optional(),
    dataset: z.string().min(1).max(200).optional(),
    seed: z.number().int().nonnegative().optional(),
    controls: ControlsPatch.optional(),
    /** Defaults to the recipe's own plan. */
    plan: StagePlan.optional(),
  }),
  z.strictObject({ type: z.literal('run/start'), requestId, runId }),
  z.strictObject({ type: z.literal('run/pause'), requestId, runId }),
  z.strictObject({ type: z.literal('run/resume'), requestId, runId }),
  z.strictObject({ type: z.literal('run/stop'), requestId, runId }),
  z.strictObject({ type: z.literal('controls/set'), requestId, runId, controls: ControlsPatch }),
  z.strictObject({ type: z.literal('snapshot/take'), requestId, runId, label: z.string().max(200).default('') }),
  /** Replaces a run's plan; a live run keeps its current stage index if the new plan has it. */
  z.strictObject({ type: z.literal('plan/set'), requestId, runId, plan: StagePlan }),
  /** Ends the current stage now and begins the next one. */
  z.strictObject({ type: z.literal('stage/next'), requestId, runId }),
  /** Generates motion for a WAV file and writes it as BVH and JSON: with the live model, or a snapshot's. */
  z.strictObject({
    type: z.literal('motion/export'),
    requestId,
    runId,
    /** The WAV to generate for; absent: the run's dataset's first validation clip that has audio. */
    audioPath: z.string().min(1).max(4096).optional(),
    /** A snapshot folder name as the trainer made it (no paths). */
    snapshotId: z.string().regex(/^step-\d{8}-[0-9a-z]+$/).optional(),
  }),
  /** Every snapshot of a run on disk, newest last, with its branches. */
  z.strictObject({ type: z.literal('snapshot/list'), requestId, runId }),
  /**
   * Makes a snapshot the live model again. A training run applies it between steps; a stopped
   * run (e.g. one a crash interrupted) resumes training from it. No id: the newest that verifies.
   */
  z.strictObject({ type: z.literal('snapshot/restore'), requestId, runId, snapshotId: SnapshotId.optional(), mode: RestoreMode.default('branch') }),
  /** Deletes a snapshot; refused for one a branch forks from. */
  z.strictObject({ type: z.literal('snapshot/delete'), requestId, runId, snapshotId: SnapshotId }),
  /** Re-reads every file of a snapshot and checks its size and sha256. */
  z.strictObject({ type: z.literal('snapshot/verify'), requestId, runId, snapshotId: SnapshotId }),
  /** Changes when snapshots are taken on their own and which automatic ones are kept. */
  z.strictObject({ type: z.literal('snapshot/policy'), requestId, runId, policy: SnapshotPolicy.partial() }),
  /** Metrics at two snapshots, side by side (and motion for one recording, where the recipe generates it). */
  z.strictObject({ type: z.literal('snapshot/compare'), requestId, runId, snapshotIds: z.tuple([SnapshotId, SnapshotId]) }),
  /** The metrics history of one branch of a run, for browsing a branch the run is not on. */
  z.strictObject({ type: z.literal('metrics/get'), requestId, runId, branch: z.string().min(1).max(40) }),
  /** A fresh preview from the live model (kept in the sample history), or from a snapshot's weights (not kept). */
  z.strictObject({ type: z.literal('preview/request'), requestId, runId, snapshotId: SnapshotId.optional() }),
  /** The run's sample history: every kept preview's id and step. */
  z.strictObject({ type: z.literal('preview/history'), requestId, runId }),
  /** One kept preview from the sample history. */
  z.strictObject({ type: z.literal('preview/get'), requestId, runId, previewId: PreviewId }),
  /** Steps between automatic previews of a training run; 0 = only on request. */
  z.strictObject({ type: z.literal('preview/interval'), requestId, runId, everySteps: z.number().int().min(0).max(1_000_000) }),
]);
export type Command = z.infer<typeof Command>;
export type CommandInput = z.input<typeof Command>;
export type CommandType = Command['type'];
export const COMMAND_TYPES = Command.options.map((o) => o.shape.type.value) as readonly CommandType[];

// ---------------------------------------------------------------------------------------------
// Events (trainer → renderer)

export const ActiveRun = z.strictObject({
  run: RunSummary,
  controls: Controls,
  /** Every logged point of this run so far, so a reconnecting window can redraw its charts. */
  metrics: z.array(MetricPoint),
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
  }),
  z.strictObject({
    type: z.literal('backend/selected'),
    backend: BackendName,
    /** What the user forced (setting or env var), if anything. */
    requested: BackendName.nullable(),
    /** Backends tried before this one, and why each was passed over. */
    skipped: z.array(z.strictObject({ backend: BackendName, reason: z.string() })),
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
  z.strictObject({
    type: z.literal('run/state'),
    requestId,
    run: RunSummary,
    /** Why the state changed, in words a person reads ("stopped by user"). */
    reason: z.string(),
  }),
  /** Points of the branch the run trains on (absent: 'main'). */
  z.strictObject({ type: z.literal('metrics/batch'), runId, points: z.array(MetricPoint), branch: z.string().optional() }),
  z.strictObject({
    type: z.literal('controls/applied'),
    requestId,
    runId,
    /** The step the new controls first took effect at. */
    step: z.number().int().nonnegative(),
    controls: Controls,
    changed: z.array(z.string()),
    /** The change in words, for the chart marker ("random warp off, LR 2e-4 → 1e-4"). */
    label: z.string(),
  }),
  z.strictObject({ type: z.literal('snapshot/taken'), requestId, runId, snapshot: SnapshotInfo }),
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
    /** The branch's metrics history up to the snapshot's step, so the charts redraw it. */
    metrics: z.array(MetricPoint),
    timeline: z.array(TimelineMark),
  }),
  z.strictObject({ type: z.literal('snapshot/deleted'), requestId, runId, snapshotIds: z.array(z.string()), reason: z.string() }),
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
  z.strictObject({ type: z.literal('metrics/history'), requestId, runId, branch: z.string(), points: z.array(MetricPoint) }),
  z.strictObject({ type: z.literal('preview/ready'), requestId, runId, preview: PreviewSample }),
  /** Answers preview/history and preview/interval; also sent when thinning drops old previews. */
  z.strictObject({ type: z.literal('preview/history'), requestId, runId, entries: z.array(PreviewHistoryEntry), everySteps: z.number().int().nonnegative() }),
  /** Something a person should know that did not stop the run (or, for 'collapse', paused it). */
  z.strictObject({
    type: z.literal('warning'),
    runId,
    step: z.number().int().nonnegative(),
    code: z.enum(['loss-spike', 'non-finite', 'collapse', 'overflow', 'evaluation']),
    message: z.string(),
  }),
  z.strictObject({
    type: z.literal('error'),
    requestId,
    code: ErrorCode,
    message: z.string(),
    commandType: z.string().optional(),
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

// ---------------------------------------------------------------------------------------------
// Parsing at trust boundaries

export type ParsedCommand = { ok: true; command: Command } | { ok: false; error: ErrorEvent };

/** Validates an untrusted message; the error says whether the type is unknown or the shape is wrong. */
export function parseCommand(raw: unknown): ParsedCommand {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: { type: 'error', code: 'malformed-command', message: 'A command must be a JSON object with a "type"; nothing was changed.' },
    };
  }
  const { type, requestId: rid } = raw as { type?: unknown; requestId?: unknown };
  const echo = typeof rid === 'string' && rid.length <= 100 ? { requestId: rid } : {};
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      error: {
        type: 'error',
        ...echo,
        code: 'unknown-command',
        message: `Unknown command ${JSON.stringify(typeof type === 'string' ? type.slice(0, 100) : type ?? null)}; nothing was changed.`,
      },
    };
  }
  const parsed = Command.safeParse(raw);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
    .join('; ');
  return {
    ok: false,
    error: { type: 'error', ...echo, code: 'malformed-command', commandType: type, message: `Malformed '${type}' command (${issues}); nothing was changed.` },
  };
}

// ---------------------------------------------------------------------------------------------
// The window-side bridge (Electron preload exposes it as window.stagecraft)

/** What the renderer can do with a trainer, whatever carries the messages. */
export interface StagecraftBridge {
  /** Sends a command; the host validates it before it reaches the trainer. */
  send(command: CommandInput): void;
  /** Subscribes to every trainer event; returns its own unsubscribe. */
  onEvent(listener: (event: TrainerEvent) => void): () => void;
  /** The desktop shell's own services; absent outside Electron. */
  shell?: StagecraftShell;
}

/**
 * Commands that name files or folders. In Electron they go through the main process, which
 * confines their paths to the project folder or a folder the user picked; the trainer refuses
 * them on the window's direct port.
 */
export const PATH_COMMAND_TYPES = ['project/open', 'project/create', 'motion/export', 'dataset/import'] as const satisfies readonly CommandType[];

// ---------------------------------------------------------------------------------------------
// The desktop shell (Electron main), beside the trainer: requests from the window, intents to it

export const ShellRequest = z.discriminatedUnion('type', [
  /** Starts a fresh trainer after a crash, reopens the project and resumes what can be resumed. */
  z.strictObject({ type: z.literal('trainer/restart') }),
  /** Opens a serve-mode studio on another machine: its address as printed, with ?token=. */
  z.strictObject({ type: z.literal('remote/connect'), url: z.string().min(1).max(2048) }),
]);
export type ShellRequest = z.infer<typeof ShellRequest>;

/** Menu actions the window carries out itself (everything else main sends as commands). */
export const ShellIntent = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('remote/connect-dialog') })]);
export type ShellIntent = z.infer<typeof ShellIntent>;

export interface StagecraftShell {
  request(request: ShellRequest): void;
  /** Subscribes to menu intents; returns its own unsubscribe. */
  onIntent(listener: (intent: ShellIntent) => void): () => void;
}
