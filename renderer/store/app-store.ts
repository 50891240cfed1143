/**
 * The one store of the window, composed from slices. Trainer events go through the pure
 * applyEvent reducer; commands go out through the `send` the store was built with, so the
 * store never knows which transport carries them.
 */
import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { CommandInput, ControlsPatch, GuardSettings, StagePlan, TrainerEvent } from '../../trainer/protocol';
import type { ConnectionStatus } from '../transport/renderer-transport';
import { applyEvent, dismissError, selectRun } from './apply-event';
import { snapshotsSlice, snapshotUiAfter, type SnapshotsSlice } from './snapshots-slice';
import { branchViewOf, previewSlice, previewUiAfter, type PreviewSlice } from './preview-slice';
import { chartSettingsSlice, type ChartSettingsSlice } from './chart-settings';
import { planRequestAfter, type PlanRequest } from './plan-request';
import { dismissWarning } from './run-events';
import { browsingLost } from './snapshot-events';
import { projectSlice, type ProjectSlice } from './project-slice';
import { initialTrainerView, type TrainerView } from './trainer-view';

export interface TrainerSlice {
  trainer: TrainerView;
  applyEvent(event: TrainerEvent): void;
  selectRun(runId: string): void;
  dismissError(errorId: number): void;
  dismissWarning(runId: string, key: string): void;
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
  /** Sends only what the person changed; the trainer answers with controls/applied. */
  setControls(runId: string, patch: ControlsPatch): void;
  nextStage(runId: string): void;
  /** At a stage hand-off: stay in this stage; the trainer asks again when its end is met anew. */
  keepStage(runId: string): void;
  setAutopilot(runId: string, enabled: boolean): void;
  setGuard(runId: string, settings: Partial<GuardSettings>): void;
  /** The trainer answers with run/updated; the list shows the new name only then. */
  renameRun(runId: string, name: string): void;
  /** Deletes a run that is not training, with its snapshots (the UI asks first); run/deleted removes it from the list. */
  deleteRun(runId: string): void;
}

export interface PlanSlice {
  /** The last plan/set this window sent and how the trainer answered it; null before the first. */
  planRequest: PlanRequest | null;
  /** Sends plan/set with a fresh requestId and returns it; the run's plan changes only when plan/updated arrives. */
  setPlan(runId: string, plan: StagePlan): string;
}

export type AppState = TrainerSlice & ConnectionSlice & ChartSettingsSlice & CommandSlice & PlanSlice & SnapshotsSlice & ProjectSlice & PreviewSlice;
export type AppStore = StoreApi<AppState>;
type Slice<T> = StateCreator<AppState, [], [], T>;

const trainerSlice = (send: (command: CommandInput) => void): Slice<TrainerSlice> => (set) => ({
  trainer: initialTrainerView,
  applyEvent: (event) => {
    let lost: ReturnType<typeof browsingLost> = null;
    set((s) => {
      const trainer = applyEvent(s.trainer, event);
      if (event.type === 'session/state') lost = browsingLost(s.trainer, trainer);
      // The preview follows the branch the window shows after this event (a restore switches it).
      return { trainer, planRequest: planRequestAfter(s.planRequest, event), snapshotUi: snapshotUiAfter(s.snapshotUi, event), previewUi: previewUiAfter(s.previewUi, event, branchViewOf(trainer)) };
    });
    // A resync (a reconnect) brings the training branch; the person was browsing another one.
    const again = lost as ReturnType<typeof browsingLost>;
    if (again) send({ type: 'metrics/get', runId: again.runId, branch: again.branch });
  },
  selectRun: (runId) => set((s) => ({ trainer: selectRun(s.trainer, runId) })),
  dismissError: (errorId) => set((s) => ({ trainer: dismissError(s.trainer, errorId) })),
  dismissWarning: (runId, key) => set((s) => ({ trainer: dismissWarning(s.trainer, runId, key) })),
});

const connectionSlice: Slice<ConnectionSlice> = (set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
});

function commandSlice(send: (command: CommandInput) => void): Slice<CommandSlice> {
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
    nextStage: (runId) => send({ type: 'stage/next', runId }),
    keepStage: (runId) => send({ type: 'stage/keep', runId }),
    setAutopilot: (runId, enabled) => send({ type: 'run/autopilot', runId, enabled }),
    setGuard: (runId, settings) => send({ type: 'guard/set', runId, settings }),
    renameRun: (runId, name) => send({ type: 'run/rename', runId, name }),
    deleteRun: (runId) => send({ type: 'run/delete', runId }),
  });
}

function planSlice(send: (command: CommandInput) => void): Slice<PlanSlice> {
  let sent = 0;
  return (set) => ({
    planRequest: null,
    setPlan: (runId, plan) => {
      const requestId = `plan-${Date.now().toString(36)}-${++sent}`;
      set({ planRequest: { requestId, runId, status: 'pending' } });
      send({ type: 'plan/set', requestId, runId, plan });
      return requestId;
    },
  });
}

export function createAppStore(send: (command: CommandInput) => void): AppStore {
  return createStore<AppState>()((...a) => ({
    ...trainerSlice(send)(...a),
    ...connectionSlice(...a),
    ...chartSettingsSlice(a[0]),
    ...commandSlice(send)(...a),
    ...planSlice(send)(...a),
    ...snapshotsSlice(send),
    ...projectSlice(send, () => a[1]().trainer, (runId) => a[1]().selectRun(runId)),
    ...previewSlice(send, a[0], a[1]),
  }));
}
