/**
 * What the menu items and shell requests do: native dialogs, then a command to the trainer
 * (a path picked in a dialog is granted to the trainer first, which confines every path a
 * command names), or an intent to the window.
 */
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, BrowserWindow, dialog, session, shell, type MessageBoxOptions } from 'electron';
import type { MenuActions } from './app-menu';
import { INTENT_CHANNEL } from './channels';
import { parseRemoteAddress, REMOTE_PARTITION, remoteContentSecurityPolicy } from './remote-trainer';
import type { TrainerSupervisor } from './trainer-supervisor';

export interface ShellActionDeps {
  window(): BrowserWindow | null;
  supervisor: TrainerSupervisor;
  setSnapshotOnExit(on: boolean): void;
  /** Sends an error the window shows in its banner. */
  showError(message: string): void;
}

/** motion/export can take a while on wasm; the menu waits this long for the file before giving up on the notice. */
const EXPORT_WAIT_MS = 10 * 60_000;

export function shellActions(deps: ShellActionDeps): MenuActions & { openRemote(address: string): void; offerRestart(message: string): void; saveDownload(path: string, name: string): Promise<void> } {
  const { supervisor } = deps;
  let nextId = 0;
  const requestId = (purpose: string) => `menu-${purpose}-${++nextId}`;
  const send = (command: Parameters<TrainerSupervisor['send']>[0]) => {
    if (!supervisor.send(command)) deps.showError('The trainer is not running. Use Run > Restart Trainer to start it again.');
  };
  const pickFolder = async (title: string, buttonLabel: string): Promise<string | null> => {
    const win = deps.window();
    const options = { title, buttonLabel, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const folder = result.canceled ? null : (result.filePaths[0] ?? null);
    if (folder) supervisor.grant(folder);
    return folder;
  };
  const messageBox = (options: MessageBoxOptions) => {
    const win = deps.window();
    return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
  };

  return {
    /** A file the window asked to download (download/ready): a save dialog, then a copy from where the trainer put it. */
    async saveDownload(path, name) {
      const win = deps.window();
      const options = { title: `Save ${name}`, defaultPath: join(app.getPath('downloads'), name) };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return;
      await copyFile(path, result.filePath).catch((error: Error) => deps.showError(`Could not save '${name}' to '${result.filePath}': ${error.message}`));
    },
    async newProject() {
      const folder = await pickFolder('New project: choose an empty folder', 'Create Project Here');
      // The demo speaker is written in too, so a new project trains before anything is imported.
      if (folder) send({ type: 'project/create', path: folder, name: basename(folder), withDemo: true, requestId: requestId('new') });
    },
    async openProject() {
      const folder = await pickFolder('Open project', 'Open Project');
      if (folder) send({ type: 'project/open', path: folder, requestId: requestId('open') });
    },
    async importDataset() {
      const folder = await pickFolder('Import dataset: choose a folder of WAV + BVH pairs (or BVH files)', 'Import');
      // The report (or the error naming the bad files) goes to the window, which shows it.
      if (folder) send({ type: 'dataset/import', path: folder, requestId: requestId('import') });
    },
    async exportBvh(runId) {
      const win = deps.window();
      const options = { title: 'Generate motion for a WAV file', buttonLabel: 'Generate and Export', properties: ['openFile'] as 'openFile'[], filters: [{ name: 'WAV audio', extensions: ['wav'] }] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const file = result.canceled ? null : result.filePaths[0];
      if (!file) return;
      supervisor.grant(file);
      const answer = await supervisor.request({ type: 'motion/export', runId, audioPath: file, requestId: requestId('export') }, EXPORT_WAIT_MS);
      if (answer?.type === 'motion/exported') {
        const { response } = await messageBox({ type: 'info', message: 'Motion exported', detail: `BVH: ${answer.bvh}\nJSON: ${answer.json}`, buttons: ['OK', 'Show in Folder'], defaultId: 0 });
        if (response === 1) shell.showItemInFolder(answer.bvh);
      }
      // An error answer already reached the window's banner; nothing more to say here.
    },
    connectRemote() {
      const win = deps.window();
      if (win && !win.isDestroyed()) win.webContents.send(INTENT_CHANNEL, { type: 'remote/connect-dialog' });
    },
    startRun: (runId) => send({ type: 'run/start', runId, requestId: requestId('start') }),
    resumeRun: (runId) => send({ type: 'run/resume', runId, requestId: requestId('resume') }),
    pauseRun: (runId) => send({ type: 'run/pause', runId, requestId: requestId('pause') }),
    takeSnapshot: (runId) => send({ type: 'snapshot/take', runId, label: 'from menu', requestId: requestId('snapshot') }),
    restartTrainer: () => void supervisor.restart(),
    setSnapshotOnExit: (on) => deps.setSnapshotOnExit(on),

    openRemote(address) {
      const parsed = parseRemoteAddress(address);
      if (!parsed.ok) return deps.showError(parsed.message);
      openRemoteWindow(parsed.url, parsed.origin);
    },

    async offerRestart(message) {
      const { response } = await messageBox({
        type: 'error',
        message: 'The trainer stopped',
        detail: `${message}\n\nRestart it to reopen the project; a run that was training resumes from its last good snapshot.`,
        buttons: ['Restart Trainer', 'Not Now'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response === 0) await supervisor.restart();
    },
  };
}

/** A window on a remote serve-mode studio: no preload, its own session, a strict policy on every response. */
function openRemoteWindow(url: string, origin: string): void {
  const remote = session.fromPartition(REMOTE_PARTITION);
  remote.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  remote.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [remoteContentSecurityPolicy(origin)] } });
  });
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: `Stagecraft — remote trainer at ${new URL(url).host}`,
    backgroundColor: '#111318',
    webPreferences: { session: remote, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false },
  });
  void win.loadURL(url);
}
