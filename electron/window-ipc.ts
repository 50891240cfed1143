/**
 * Main's IPC with the studio window: hands it its port to the trainer, takes the commands that
 * name paths (sender checked, schema validated; the trainer confines the paths) and the shell
 * requests. Messages from anyone but our own page are dropped and logged.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import type { ShellRequest, TrainerEvent } from '../trainer/protocol';
import { COMMAND_CHANNEL, EVENT_CHANNEL, PORT_CHANNEL, SHELL_CHANNEL } from './channels';
import { checkCommand, checkShellRequest, isFromOwnWindow, type IpcEventLike } from './ipc-guard';
import type { TrainerSupervisor } from './trainer-supervisor';

export interface WindowIpcOptions {
  window(): BrowserWindow | null;
  supervisor: TrainerSupervisor;
  onShellRequest(request: ShellRequest): void;
}

export interface WindowIpc {
  /** Gives the window a fresh port to the trainer (after a restart); only once it has asked for one. */
  sendPort(): void;
  /** An event from main itself, e.g. trainer/exited. */
  sendEvent(event: TrainerEvent): void;
  dispose(): void;
}

export function handleWindowIpc(options: WindowIpcOptions): WindowIpc {
  const { supervisor } = options;
  let pageWantsPort = false;

  const own = (e: IpcMainEvent) => e as unknown as IpcEventLike;
  const dropForeign = (channel: string, e: IpcMainEvent) => console.warn(`[stagecraft] dropped a '${channel}' message from a page that is not the studio (${e.senderFrame?.url ?? 'unknown'})`);

  const sendPort = (): void => {
    const win = options.window();
    if (!pageWantsPort || !win || win.isDestroyed()) return;
    const port = supervisor.connectWindow();
    if (port) win.webContents.postMessage(PORT_CHANNEL, null, [port]);
  };

  const sendEvent = (event: TrainerEvent): void => {
    const win = options.window();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  };

  const onPortRequest = (e: IpcMainEvent): void => {
    if (!isFromOwnWindow(own(e), options.window())) return dropForeign(PORT_CHANNEL, e);
    pageWantsPort = true;
    sendPort();
  };

  const onCommand = (e: IpcMainEvent, raw: unknown): void => {
    const checked = checkCommand(own(e), options.window(), raw);
    if (!checked.ok) return checked.foreign ? dropForeign(COMMAND_CHANNEL, e) : e.sender.send(EVENT_CHANNEL, checked.error);
    if (!supervisor.send(checked.value)) {
      const { type, requestId } = checked.value;
      e.sender.send(EVENT_CHANNEL, {
        type: 'error',
        ...(requestId ? { requestId } : {}),
        code: 'internal',
        commandType: type,
        message: 'The trainer is not running, so nothing was changed. Use Run > Restart Trainer to start it again.',
      } satisfies TrainerEvent);
    }
  };

  const onShell = (e: IpcMainEvent, raw: unknown): void => {
    const checked = checkShellRequest(own(e), options.window(), raw);
    if (!checked.ok) return checked.foreign ? dropForeign(SHELL_CHANNEL, e) : e.sender.send(EVENT_CHANNEL, checked.error);
    options.onShellRequest(checked.value);
  };

  ipcMain.on(PORT_CHANNEL, onPortRequest);
  ipcMain.on(COMMAND_CHANNEL, onCommand);
  ipcMain.on(SHELL_CHANNEL, onShell);
  return {
    sendPort,
    sendEvent,
    dispose() {
      ipcMain.removeListener(PORT_CHANNEL, onPortRequest);
      ipcMain.removeListener(COMMAND_CHANNEL, onCommand);
      ipcMain.removeListener(SHELL_CHANNEL, onShell);
    },
  };
}
