/**
 * Carries protocol messages between the window and the trainer utilityProcess.
 * Renderer → trainer crosses a trust boundary, so the sender and every command are checked
 * here; trainer → renderer is our own process and is passed through as-is.
 */
import { ipcMain, utilityProcess, type BrowserWindow, type IpcMainEvent } from 'electron';
import { parseCommand, type TrainerEvent } from '../trainer/protocol';
import { isRendererUrl, trainerEntryPath } from './paths';

export const COMMAND_CHANNEL = 'stagecraft:command';
export const EVENT_CHANNEL = 'stagecraft:event';

/**
 * Events that arrive before the window has subscribed would be dropped by webContents.send,
 * so they wait until its first command (the renderer subscribes before its handshake).
 * The cap only matters if the page never loads; it keeps a chatty trainer from growing memory.
 */
const MAX_HELD_EVENTS = 500;

export interface TrainerRelay {
  /** Stops relaying and kills the trainer; safe to call more than once. */
  dispose(): void;
}

export function startTrainerRelay(win: BrowserWindow): TrainerRelay {
  const child = utilityProcess.fork(trainerEntryPath, [], { serviceName: 'Stagecraft trainer', stdio: 'pipe' });
  let childAlive = true;
  let held: TrainerEvent[] | null = [];

  // With stdio 'pipe' the output must be drained, or a full pipe would stall the trainer.
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefixLines('[trainer] ', chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefixLines('[trainer] ', chunk)));

  const deliver = (event: TrainerEvent): void => {
    if (held) {
      if (held.length < MAX_HELD_EVENTS) held.push(event);
      return;
    }
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  };

  const flushHeld = (): void => {
    const pending = held ?? [];
    held = null;
    pending.forEach(deliver);
  };

  child.on('message', (event: TrainerEvent) => deliver(event));
  child.on('error', (type, location) => console.error(`[trainer] ${type} at ${location}`));
  child.on('exit', (code) => {
    childAlive = false;
    deliver({ type: 'trainer/exited', code, signal: null, message: `The trainer process stopped (exit code ${code}).` });
  });

  const onCommand = (e: IpcMainEvent, raw: unknown): void => {
    if (!isFromOurWindow(e, win)) return;
    flushHeld();
    const parsed = parseCommand(raw);
    if (!parsed.ok) {
      e.sender.send(EVENT_CHANNEL, parsed.error);
      return;
    }
    if (!childAlive) {
      e.sender.send(EVENT_CHANNEL, notRunningError(parsed.command.type, parsed.command.requestId));
      return;
    }
    child.postMessage(parsed.command);
  };
  ipcMain.on(COMMAND_CHANNEL, onCommand);

  // A reload starts a fresh page that subscribes anew; hold events again until it asks.
  // Hash/history changes keep the same page and its subscription, so they do not count.
  const onNavigation = (details: Electron.Event<Electron.WebContentsDidStartNavigationEventParams>): void => {
    if (details.isMainFrame && !details.isSameDocument) held ??= [];
  };
  win.webContents.on('did-start-navigation', onNavigation);

  return {
    dispose() {
      ipcMain.removeListener(COMMAND_CHANNEL, onCommand);
      if (!win.isDestroyed()) win.webContents.removeListener('did-start-navigation', onNavigation);
      if (childAlive) child.kill();
      childAlive = false;
    },
  };
}

/** Only our window's top frame, showing our own renderer page, may drive the trainer. */
function isFromOurWindow(e: IpcMainEvent, win: BrowserWindow): boolean {
  if (win.isDestroyed() || e.sender !== win.webContents) return false;
  const frame = e.senderFrame;
  const main = win.webContents.mainFrame;
  // Compared by ids, not object identity: frame wrappers are not promised to be the same object.
  const isMainFrame = frame !== null && frame.processId === main.processId && frame.routingId === main.routingId;
  return isMainFrame && isRendererUrl(frame.url);
}

function notRunningError(commandType: string, requestId: string | undefined): TrainerEvent {
  return {
    type: 'error',
    ...(requestId === undefined ? {} : { requestId }),
    code: 'internal',
    commandType,
    message: 'The trainer is not running, so nothing was changed. Restart Stagecraft to start it again.',
  };
}

function prefixLines(prefix: string, chunk: Buffer): string {
  return chunk
    .toString('utf8')
    .split(/(?<=\n)/)
    .map((line) => prefix + line)
    .join('');
}
