/**
 * The one store of the window, composed from slices. Trainer events go through the pure
 * applyEvent reducer; commands go out through the `send` the store was built with, so the
 * store never knows which transport carries them. Every command leaves with a requestId given
 * here, and `requests` says how the trainer answered each (requests.ts).
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { CommandInput, ControlsPatch, DownloadFile, GuardSettings, StagePlan, TrainerEvent } from '../../trainer/protocol';
import type { ConnectionStatus } from '../transport/renderer-transport';
import { applyEvent, dismissError, selectRun } from './apply-event';
import { snapshotsSlice, snapshotUiAfter, type SnapshotsSlice } from './snapshots-slice';
import { branchViewOf, previewSlice, previewUiAfter, type PreviewSlice } from './preview-slice';
import { chartSettingsSlice, type ChartSettingsSlice } from './chart-settings';
import { failPending, requestSent, requestsAfter, type SentRequest } from './requests';
import { dismissWarning } from './run-events';
import { browsingLost } from './snapshot-events';
import { projectSlice, type ProjectSlice } from './project-slice';
import { initialTrainerView, type TrainerView } from './trainer-view';

/** Sends a command and returns the requestId it went with. */
export type Send = (command: CommandInput) => string;

export interface TrainerSlice {
  trainer: TrainerView;
  /** Every command sent and its answer (requests.ts), oldest first. */
  requests: readonly SentRequest[];
  applyEvent(event: TrainerEvent): void;
  selectRun(runId: string): void;
  dismissError(errorId: number): void;
  dismissWarning(runId: string, key: string): void;
  /** Asks the trainer for the whole session (a restarted trainer behind the same channel). */
  resync(): void;
}

export interface ConnectionSlice {
  connection: ConnectionStatus;
  setConnection(status: ConnectionStatus): void;
}

export interface CommandSlice {
  createProject(path: string, name: string): void;
  openProject(path: string): void;
  startRun(runId: string): void;
  pauseRun(runId: string): void;
  resumeRun(runId: string): void;
  stopRun(runId: string): void;
  /** A stopped run trains on from where Stop left it, on the same branch. */
  continueRun(runId: string): void;
  /** Sends only what the person changed; the trainer answers with controls/applied. Returns the requestId. */
  setControls(runId: string, patch: ControlsPatch): string;
  /** A layer group starts afresh (snapshot first); the trainer answers with layers/reinitialized. Returns the requestId. */
  reinitLayers(runId: string, group: string): string;
  nextStage(runId: string): void;
  /** At a stage hand-off: stay in this stage; the trainer asks again when its end is met anew. */
  keepStage(runId: string): void;
  setAutopilot(runId: string, enabled: boolean): void;
  setGuard(runId: string, settings: Partial<GuardSettings>): void;
  /** The trainer answers with run/updated; the list shows the new name only then. */
  renameRun(runId: string, name: string): void;
  /** Deletes a run that is not training, with its snapshots (the UI asks first); run/deleted removes it from the list. */
  deleteRun(runId: string): void;
  /** Asks the trainer for a file to take home; returns the requestId its download/ready answers. */
  prepareDownload(runId: string, file: DownloadFile): string;
  /** Asks for a run's training sessions; run/sessions lists them. */
  listSessions(runId: string): void;
  /** Writes a stopped run's history as TensorBoard files; tensorboard/exported says where. */
  exportTensorBoard(runId: string): void;
}

export interface PlanSlice {
  /** Sends plan/set and returns its requestId; the run's plan changes only when plan/updated arrives. */
  setPlan(runId: string, plan: StagePlan): string;
}

export type AppState = TrainerSlice & ConnectionSlice & ChartSettingsSlice & CommandSlice & PlanSlice & SnapshotsSlice & ProjectSlice & PreviewSlice;
export type AppStore = StoreApi<AppState>;
type Slice<T> = StateCreator<AppState, [], [], T>;

const trainerSlice = (send: Send): Slice<TrainerSlice> => (set) => ({
  trainer: initialTrainerView,
  requests: [],
  applyEvent: (event) => {
    let lost: ReturnType<typeof browsingLost> = null;
    set((s) => {
      const trainer = applyEvent(s.trainer, event);
      if (event.type === 'session/state') lost = browsingLost(s.trainer, trainer);
      // The preview follows the branch the window shows after this event (a restore switches it).
      const requests = requestsAfter(s.requests, event);
      // Most events (metrics batches) answer nothing: the request list, and the errors, stay as they are.
      return { trainer: requests === s.requests ? trainer : settleRefusals(trainer, s.requests, requests), requests, snapshotUi: snapshotUiAfter(s.snapshotUi, event), previewUi: previewUiAfter(s.previewUi, event, branchViewOf(trainer)) };
    });
    // A resync (a reconnect) brings the training branch; the person was browsing another one.
    const again = lost as ReturnType<typeof browsingLost>;
    if (again) send({ type: 'metrics/get', runId: again.runId, branch: again.branch });
  },
  selectRun: (runId) => set((s) => ({ trainer: selectRun(s.trainer, runId) })),
  dismissError: (errorId) => set((s) => ({ trainer: dismissError(s.trainer, errorId) })),
  dismissWarning: (runId, key) => set((s) => ({ trainer: dismissWarning(s.trainer, runId, key) })),
  resync: () => send({ type: 'state/get' }),
});

const connectionSlice: Slice<ConnectionSlice> = (set) => ({
  connection: 'connecting',
  // A dropped connection answers nothing that was in flight: say so rather than wait forever.
  setConnection: (connection) =>
    set((s) => ({ connection, requests: s.connection !== 'connected' || connection === 'connected' ? s.requests : failPending(s.requests, 'The connection to the trainer dropped before it answered; send it again once it is back.') })),
});

function commandSlice(send: Send): Slice<CommandSlice> {
  return () => ({
    // withDemo: a fresh project should train out of the box, which is what the button promises.
    createProject: (path, name) => send({ type: 'project/create', path, name, withDemo: true }),
    openProject: (path) => send({ type: 'project/open', path }),
    startRun: (runId) => send({ type: 'run/start', runId }),
    pauseRun: (runId) => send({ type: 'run/pause', runId }),
    resumeRun: (runId) => send({ type: 'run/resume', runId }),
    stopRun: (runId) => send({ type: 'run/stop', runId }),
    continueRun: (runId) => send({ type: 'run/continue', runId }),
    setControls: (runId, controls) => send({ type: 'controls/set', runId, controls }),
    reinitLayers: (runId, group) => send({ type: 'layers/reinit', runId, group }),
    nextStage: (runId) => send({ type: 'stage/next', runId }),
    keepStage: (runId) => send({ type: 'stage/keep', runId }),
    setAutopilot: (runId, enabled) => send({ type: 'run/autopilot', runId, enabled }),
    setGuard: (runId, settings) => send({ type: 'guard/set', runId, settings }),
    renameRun: (runId, name) => send({ type: 'run/rename', runId, name }),
    deleteRun: (runId) => send({ type: 'run/delete', runId }),
    exportTensorBoard: (runId) => send({ type: 'run/export-tensorboard', runId }),
    listSessions: (runId) => send({ type: 'run/sessions', runId }),
    prepareDownload: (runId, file) => send({ type: 'download/prepare', runId, file }),
  });
}

function planSlice(send: Send): Slice<PlanSlice> {
  return () => ({
    setPlan: (runId, plan) => send({ type: 'plan/set', runId, plan }),
  });
}

/**
 * When a command the trainer refused is later sent again for the same run and applied, the
 * refusal has been put right: its error leaves the banner (and the controls' "Not applied").
 */
function settleRefusals(trainer: TrainerView, before: readonly SentRequest[], after: readonly SentRequest[]): TrainerView {
  const applied = after.filter((r, i) => r.status === 'answered' && before[i]?.status === 'pending');
  if (applied.length === 0) return trainer;
  const settled = new Set<string>();
  for (const done of applied) {
    const upTo = after.indexOf(done);
    for (const r of after.slice(0, upTo)) if (r.status === 'failed' && r.type === done.type && r.runId === done.runId) settled.add(r.requestId);
  }
  let next = trainer;
  for (const error of trainer.errors) if (!error.dismissed && error.requestId !== undefined && settled.has(error.requestId)) next = dismissError(next, error.id);
  return next;
}

export function createAppStore(transportSend: (command: CommandInput) => void): AppStore {
  let sent = 0;
  return createStore<AppState>()((...a) => {
    // The one place a command gets its requestId and is recorded as pending.
    const send: Send = (command) => {
      const requestId = command.requestId ?? `w${Date.now().toString(36)}-${++sent}`;
      a[0]((s) => ({ requests: requestSent(s.requests, command, requestId) }));
      transportSend({ ...command, requestId });
      return requestId;
    };
    return {
    ...trainerSlice(send)(...a),
    ...connectionSlice(...a),
    ...chartSettingsSlice(a[0]),
    ...commandSlice(send)(...a),
    ...planSlice(send)(...a),
    ...snapshotsSlice(send),
    ...projectSlice(send, () => a[1]().trainer, (runId) => a[1]().selectRun(runId)),
    ...previewSlice(send, a[0], a[1]),
    };
  });
}
