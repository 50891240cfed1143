/**
 * Stagecraft's main process: one studio window, one supervised trainer. The window talks to the
 * trainer over its own MessagePort; main supervises (crash, restart, stop on quit), owns the
 * menu and native dialogs, and grants the trainer what the person picks in them (the trainer
 * confines every path a command names to the data folder, the open project and those picks).
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import type { TrainerEvent } from '../trainer/protocol';
import { buildMenuTemplate } from './app-menu';
import { backendNotice } from './backend-notice';
import { createMainWindow, lockDown } from './main-window';
import { rendererIndexPath, trainerEntryPath } from './paths';
import { shellActions } from './shell-actions';
import { TrainerSupervisor } from './trainer-supervisor';
import { handleWindowIpc } from './window-ipc';
import { ShellStateStore } from './window-state';

// Tests (and anyone keeping two profiles) can point the shell's own state elsewhere; it must be
// set before the single-instance lock, which is taken per userData folder.
if (process.env.STAGECRAFT_USER_DATA) app.setPath('userData', process.env.STAGECRAFT_USER_DATA);

// A second copy would start a second trainer writing into the same project folder.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const dataRoot = process.env.STAGECRAFT_DATA ?? join(app.getPath('home'), 'Stagecraft');
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const shell = new ShellStateStore(stateFile);
  let win: BrowserWindow | null = null;

  const supervisor = new TrainerSupervisor({
    entry: trainerEntryPath,
    env: { ...definedEnv(), STAGECRAFT_DATA: dataRoot },
    onSpawn: () => {
      windowIpc.sendPort();
      refreshMenu();
    },
    onHostEvent: (event) => onTrainerEvent(event),
    onCrash: (exited) => {
      windowIpc.sendEvent(exited);
      refreshMenu();
      void actions.offerRestart(exited.message);
    },
  });

  const windowIpc = handleWindowIpc({
    window: () => win,
    supervisor,
    onShellRequest: (request) => {
      if (request.type === 'trainer/restart') void supervisor.restart();
      else actions.openRemote(request.url);
    },
  });

  const actions = shellActions({
    window: () => win,
    supervisor,
    setSnapshotOnExit: (on) => {
      shell.update({ snapshotOnExit: on });
      refreshMenu();
    },
    showError: (message) => windowIpc.sendEvent({ type: 'error', code: 'internal', message }),
  });

  function onTrainerEvent(event: TrainerEvent): void {
    if (event.type === 'download/ready' && event.path) void actions.saveDownload(event.path, event.name);
    if (event.type === 'backend/selected') {
      const notice = backendNotice(event);
      if (notice) void dialog.showMessageBox({ type: 'warning', message: 'GPU backend not available', detail: notice });
    }
    refreshMenu();
  }

  function refreshMenu(): void {
    if (!app.isReady()) return;
    const template = buildMenuTemplate(
      { platform: process.platform, trainer: supervisor.state, trainerRunning: supervisor.running, snapshotOnExit: shell.current.snapshotOnExit, devTools: !app.isPackaged },
      actions,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  void app.whenReady().then(() => {
    // Nothing in Stagecraft needs camera, notifications, geolocation or the like.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    // The studio page is a file:// page whose policy is the meta tag in renderer/index.html
    // (response headers do not apply to file://); remote windows get theirs as a header.
    refreshMenu();
    supervisor.start();
    win = createMainWindow(shell);
    win.on('closed', () => (win = null));
    void win.loadFile(rendererIndexPath);
  });

  // The trainer belongs to the window; with the window gone there is nothing left to serve,
  // so quit on every platform (macOS included) rather than keep a headless trainer alive.
  app.on('window-all-closed', () => app.quit());

  // Quitting waits for the trainer to stop its run (and snapshot, if chosen), within a time limit.
  let quit: 'no' | 'stopping' | 'done' = 'no';
  app.on('before-quit', (event) => {
    if (quit === 'done') return;
    event.preventDefault();
    if (quit === 'stopping') return;
    quit = 'stopping';
    void supervisor
      .stop({ snapshotFirst: shell.current.snapshotOnExit })
      .catch((error: unknown) => console.error(`[stagecraft] stopping the trainer: ${(error as Error).message}`))
      .finally(() => {
        quit = 'done';
        windowIpc.dispose();
        app.quit();
      });
  });
}

function definedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
