/**
 * The application menu as data: what is enabled follows what the trainer last reported. Built
 * by a pure function (unit-tested); main turns it into a Menu and rebuilds it when state changes.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { SupervisedState } from './supervised-state';

export interface MenuState {
  platform: NodeJS.Platform;
  trainer: SupervisedState;
  trainerRunning: boolean;
  snapshotOnExit: boolean;
  /** Developer tools only outside a packaged build. */
  devTools: boolean;
}

export interface MenuActions {
  newProject(): void;
  openProject(): void;
  importDataset(): void;
  exportBvh(runId: string): void;
  connectRemote(): void;
  startRun(runId: string): void;
  resumeRun(runId: string): void;
  pauseRun(runId: string): void;
  takeSnapshot(runId: string): void;
  restartTrainer(): void;
  setSnapshotOnExit(on: boolean): void;
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const { trainer, trainerRunning } = state;
  const live = trainerRunning ? trainer.liveRun : null;
  const startable = trainerRunning && !live ? trainer.startableRunId : null;
  const isMac = state.platform === 'darwin';

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'new-project', label: 'New Project…', accelerator: 'CmdOrCtrl+N', enabled: trainerRunning && !live, click: () => actions.newProject() },
      { id: 'open-project', label: 'Open Project…', accelerator: 'CmdOrCtrl+O', enabled: trainerRunning && !live, click: () => actions.openProject() },
      // Datasets go into the open project: nothing to import into before one is open.
      { id: 'import-dataset', label: 'Import Dataset…', enabled: trainerRunning && trainer.projectPath !== null, click: () => actions.importDataset() },
      { id: 'export-bvh', label: 'Export Motion as BVH…', accelerator: 'CmdOrCtrl+E', enabled: live !== null, click: () => live && actions.exportBvh(live.id) },
      { type: 'separator' },
      { id: 'connect-remote', label: 'Connect to Remote Trainer…', click: () => actions.connectRemote() },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const run: MenuItemConstructorOptions = {
    label: '&Run',
    submenu: [
      live?.state === 'paused'
        ? { id: 'start-run', label: 'Resume', accelerator: 'CmdOrCtrl+Return', click: () => actions.resumeRun(live.id) }
        : { id: 'start-run', label: 'Start', accelerator: 'CmdOrCtrl+Return', enabled: startable !== null, click: () => startable && actions.startRun(startable) },
      { id: 'pause-run', label: 'Pause', accelerator: 'CmdOrCtrl+.', enabled: live?.state === 'running', click: () => live && actions.pauseRun(live.id) },
      { id: 'take-snapshot', label: 'Take Snapshot', accelerator: 'CmdOrCtrl+S', enabled: live !== null, click: () => live && actions.takeSnapshot(live.id) },
      { type: 'separator' },
      { id: 'snapshot-on-exit', label: 'Snapshot on Exit', type: 'checkbox', checked: state.snapshotOnExit, click: (item) => actions.setSnapshotOnExit(item.checked) },
      { id: 'restart-trainer', label: trainerRunning ? 'Restart Trainer' : 'Restart Trainer and Reopen Project', click: () => actions.restartTrainer() },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(state.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  return [...(isMac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, run, view, { role: 'windowMenu' }];
}
