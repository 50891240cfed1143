/**
 * What the window knows about the trainer, built only from the events it reported.
 * Plain data with no zustand inside, so the reducer that maintains it is testable in Node.
 */
import type {
  BackendName,
  ControlPath,
  Controls,
  DatasetImportReport,
  RecipeInfo,
  ErrorCode,
  EventOf,
  KernelSet,
  ProjectInfo,
  RunSummary,
  SnapshotInfo,
  TimelineMark,
  TrainingSession,
  WarningCode,
} from '../../trainer/protocol';
import { WHOLE_HISTORY, type FetchedRange, type HistoryDetail } from './history-detail';
import { MetricLog } from './metric-log';

/** A trainer warning as the window shows it: a notice to read, not an error. */
export interface WarningNotice {
  /** step|code|message: the same warning resent after a resync is kept once. */
  key: string;
  step: number;
  code: WarningCode;
  message: string;
  /** The snapshot the warning names (the phase's best, the last good one). */
  snapshotId?: string;
  dismissed: boolean;
  /** Why it left the screen on its own (the trainer said the condition ended). */
  cleared?: string;
}

/** Control path → the step it last applied at. */
export type AppliedAt = Partial<Record<ControlPath, number>>;

/** Everything the window has seen of one run; runs we never received data for have none. */
export interface RunData {
  /** Null until the trainer reports them (session/state or controls/applied). */
  controls: Controls | null;
  /**
   * The logged points the window holds, in step order: a long run's older steps thinned by the
   * trainer (`history` says how finely), every live point since. The chart downsamples for
   * display. Appends in O(batch).
   */
  metrics: MetricLog;
  history: HistoryDetail;
  /** The step range last fetched for a closer view (history-detail.ts); the page it refines is `metrics`. */
  fetched: FetchedRange | null;
  snapshots: SnapshotInfo[];
  /** Changed control path ('randomWarp.enabled', 'locks.encoder', 'learningRate') → the step it last applied at. */
  appliedAt: AppliedAt;
  /** Everything that happened at a step (controls, stages, snapshots, warnings), in step order: the chart markers. */
  timeline: TimelineMark[];
  /** Newest last; bounded like errors. */
  warnings: WarningNotice[];
  /** Motion generated for recordings (BVH + JSON files the trainer wrote), newest last. */
  exports: EventOf<'motion/exported'>[];
  /** Its training sessions as the trainer last listed them (run/sessions), oldest first. */
  sessions?: TrainingSession[];
  /** Where its history was last written as TensorBoard files (run/export-tensorboard). */
  tensorboard?: EventOf<'tensorboard/exported'>;
  /** What happened to the run's snapshots that a person should read: a restore's sentence, what retention thinned. Newest last, bounded. */
  snapshotNotes: { kind: 'restored' | 'thinned'; text: string }[];
  /** The branch whose history `metrics` holds; absent: the branch the run trains on. */
  branch?: string;
}

export interface RecentError {
  /** Local sequence number, so the banner can dismiss one error without matching text. */
  id: number;
  code: ErrorCode;
  message: string;
  commandType?: string;
  /** The command it answers, when the trainer could tell (requests.ts matches on it). */
  requestId?: string;
  dismissed: boolean;
}

export interface TrainerExit {
  code: number | null;
  signal: string | null;
  message: string;
}

export interface TrainerView {
  trainerVersion: string | null;
  /** The recipes a run can be made from, as the trainer's hello listed them. */
  recipes: RecipeInfo[];
  backend: BackendName | null;
  /** Backends passed over at start, and why: explains a slow backend choice. */
  backendSkipped: { backend: BackendName; reason: string }[];
  /** Whose kernels the backend runs (Stagecraft's or TF.js's stock ones, and why): explains a speed or a result. */
  backendKernels: KernelSet | null;
  project: ProjectInfo | null;
  /** Runs of the open project, in the trainer's order, with live step counts. */
  runs: RunSummary[];
  /** The run the controls, chart and stats refer to. */
  activeRunId: string | null;
  runData: Record<string, RunData>;
  /** Newest last; bounded so a chatty failure cannot grow memory without limit. */
  errors: RecentError[];
  nextErrorId: number;
  /** Set when the trainer process died; cleared when a trainer says hello again. */
  exited: TrainerExit | null;
  /** The newest dataset import's report (clips, length, skeleton, what was skipped and why). */
  lastImport: DatasetImportReport | null;
  /** Files the trainer prepared for download, newest last, bounded (use-download.ts takes its own). */
  downloads: EventOf<'download/ready'>[];
}

export const MAX_RECENT_ERRORS = 20;

export const initialTrainerView: TrainerView = {
  trainerVersion: null,
  recipes: [],
  backend: null,
  backendSkipped: [],
  backendKernels: null,
  project: null,
  runs: [],
  activeRunId: null,
  runData: {},
  errors: [],
  nextErrorId: 1,
  exited: null,
  lastImport: null,
  downloads: [],
};

export const MAX_WARNINGS = 20;

export const MAX_SNAPSHOT_NOTES = 5;

export const emptyRunData: RunData = { controls: null, metrics: MetricLog.empty, history: WHOLE_HISTORY, fetched: null, snapshots: [], appliedAt: {}, timeline: [], warnings: [], exports: [], snapshotNotes: [] };
