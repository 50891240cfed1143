/**
 * Commands (renderer → trainer). `requestId` is echoed on the events that answer a command. Part
 * of the contract that trainer/protocol.ts exports whole: imports only zod and its sibling parts.
 */
import { z } from 'zod';
import { PrepareDownload } from './downloads.js';
import { requestId, runId } from './fields.js';
import { ControlsPatch } from './shapes.js';
import { DatasetName, GuardSettings, RestoreMode, SnapshotId, SnapshotPolicy, StagePlan, StartSteps } from './runs.js';
import { PreviewId } from './previews.js';

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
    name: DatasetName.optional(),
  }),
  z.strictObject({ type: z.literal('run/list'), requestId }),
  z.strictObject({
    type: z.literal('run/create'),
    requestId,
    name: z.string().min(1).max(200).optional(),
    /** Defaults to the showcase recipe (the first hello lists). */
    recipe: z.string().min(1).max(100).optional(),
    /** Defaults to the recipe's own, the one that fits a laptop CPU. */
    preset: z.string().min(1).max(100).optional(),
    dataset: z.string().min(1).max(200).optional(),
    seed: z.number().int().nonnegative().optional(),
    controls: ControlsPatch.optional(),
    /** Defaults to the recipe's own plan. */
    plan: StagePlan.optional(),
    /** Advance through the plan without asking (headless and bench runs); off: each stage end waits for the person. */
    autopilot: z.boolean().optional(),
    /**
     * Start from layer groups of a snapshot of another run of the project (same recipe and
     * preset, a dataset on the same skeleton) instead of fresh weights for them.
     */
    from: z
      .strictObject({
        runId,
        snapshotId: SnapshotId,
        groups: z.array(z.string().min(1).max(100)).min(1).max(50),
        steps: StartSteps.default('fresh'),
      })
      .optional(),
  }),
  z.strictObject({ type: z.literal('run/start'), requestId, runId }),
  z.strictObject({ type: z.literal('run/pause'), requestId, runId }),
  z.strictObject({ type: z.literal('run/resume'), requestId, runId }),
  /** Snapshots, then stops: the run can Continue from exactly there. */
  z.strictObject({ type: z.literal('run/stop'), requestId, runId }),
  /** Trains a stopped run on from where Stop left it: same branch, next step, same optimizer, RNG and plan position. */
  z.strictObject({ type: z.literal('run/continue'), requestId, runId }),
  /** Renames a run (its id and folder stay). */
  z.strictObject({ type: z.literal('run/rename'), requestId, runId, name: z.string().trim().min(1).max(200) }),
  /** Deletes a run that is not training, with its snapshots, previews and metrics. */
  z.strictObject({ type: z.literal('run/delete'), requestId, runId }),
  /** A file to take home: the trainer answers download/ready with where it is. */
  PrepareDownload,
  /** Every training session of a run, oldest first. */
  z.strictObject({ type: z.literal('run/sessions'), requestId, runId }),
  /** Writes a run's history as TensorBoard event files (a training run writes them live). */
  z.strictObject({ type: z.literal('run/export-tensorboard'), requestId, runId }),
  /** Whether stage ends advance on their own (autopilot) or wait for the person. */
  z.strictObject({ type: z.literal('run/autopilot'), requestId, runId, enabled: z.boolean() }),
  /** What the collapse guard does when likeness drops. */
  z.strictObject({ type: z.literal('guard/set'), requestId, runId, settings: GuardSettings.partial() }),
  z.strictObject({ type: z.literal('controls/set'), requestId, runId, controls: ControlsPatch }),
  z.strictObject({ type: z.literal('snapshot/take'), requestId, runId, label: z.string().max(200).default('') }),
  /**
   * Gives one layer group of a training run its first weights again, drawn afresh, with fresh
   * optimizer state, the rest kept (DeepFaceLab's "re-init inter"); snapshot first.
   */
  z.strictObject({ type: z.literal('layers/reinit'), requestId, runId, group: z.string().min(1).max(100) }),
  /** Replaces a run's plan; a live run keeps its current stage index if the new plan has it. */
  z.strictObject({ type: z.literal('plan/set'), requestId, runId, plan: StagePlan }),
  /** Ends the current stage now and begins the next one (also: "Go to next stage" at a hand-off). */
  z.strictObject({ type: z.literal('stage/next'), requestId, runId }),
  /** "Keep training" at a hand-off: stay in this stage; ask again once its end condition is met anew. */
  z.strictObject({ type: z.literal('stage/keep'), requestId, runId }),
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
  /**
   * The metrics history of one branch of a run, for browsing a branch the run is not on; at most
   * a fixed number of points (the newest whole, older ones thinned). A step range pages through
   * it, thinned evenly throughout when it holds more.
   */
  z.strictObject({
    type: z.literal('metrics/get'),
    requestId,
    runId,
    branch: z.string().min(1).max(40),
    fromStep: z.number().int().nonnegative().optional(),
    toStep: z.number().int().nonnegative().optional(),
  }),
  /** A fresh preview from the live model (kept in the sample history), or from a snapshot's weights (not kept). */
  z.strictObject({ type: z.literal('preview/request'), requestId, runId, snapshotId: SnapshotId.optional() }),
  /** The run's sample history: every kept preview's id and step. */
  z.strictObject({ type: z.literal('preview/history'), requestId, runId }),
  /** One kept preview from the sample history; `clip` leads it (with its audio) instead of the first clip. */
  z.strictObject({ type: z.literal('preview/get'), requestId, runId, previewId: PreviewId, clip: z.string().min(1).max(200).optional() }),
  /** Steps between automatic previews of a training run; 0 = only on request. */
  z.strictObject({ type: z.literal('preview/interval'), requestId, runId, everySteps: z.number().int().min(0).max(1_000_000) }),
]);
export type Command = z.infer<typeof Command>;
/** The command of one type. */
export type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;
export type CommandInput = z.input<typeof Command>;
export type CommandType = Command['type'];
export const COMMAND_TYPES = Command.options.map((o) => o.shape.type.value) as readonly CommandType[];
/** A command's type as a field of another message (the error that answers it). */
export const CommandTypeField = z.enum(COMMAND_TYPES as [CommandType, ...CommandType[]]);
