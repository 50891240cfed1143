/**
 * The trust boundary between the window and main: who sent an IPC message, and is it a
 * well-formed protocol message. Pure (Electron types only), so it is tested without Electron.
 */
import { parseCommand, ShellRequest, type Command, type ErrorEvent } from '../trainer/protocol';
import { isRendererUrl } from './paths';

interface FrameLike {
  processId: number;
  routingId: number;
  url: string;
}

/** The parts of an IpcMainEvent the checks read. */
export interface IpcEventLike {
  sender: unknown;
  senderFrame: FrameLike | null;
}

/** The parts of our BrowserWindow the checks read. */
export interface OwnWindowLike {
  isDestroyed(): boolean;
  webContents: { mainFrame: FrameLike };
}

/** Only our window's top frame, showing our own renderer page, may talk to main. */
export function isFromOwnWindow(e: IpcEventLike, win: OwnWindowLike | null): boolean {
  if (!win || win.isDestroyed() || e.sender !== win.webContents) return false;
  const frame = e.senderFrame;
  const main = win.webContents.mainFrame;
  // Compared by ids, not object identity: frame wrappers are not promised to be the same object.
  const isMainFrame = frame !== null && frame.processId === main.processId && frame.routingId === main.routingId;
  return isMainFrame && isRendererUrl(frame.url);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; foreign: true } | { ok: false; foreign: false; error: ErrorEvent };

/** A command from the window: dropped silently from anyone else, answered with an error when malformed. */
export function checkCommand(e: IpcEventLike, win: OwnWindowLike | null, raw: unknown): Checked<Command> {
  if (!isFromOwnWindow(e, win)) return { ok: false, foreign: true };
  const parsed = parseCommand(raw);
  return parsed.ok ? { ok: true, value: parsed.command } : { ok: false, foreign: false, error: parsed.error };
}

export function checkShellRequest(e: IpcEventLike, win: OwnWindowLike | null, raw: unknown): Checked<ShellRequest> {
  if (!isFromOwnWindow(e, win)) return { ok: false, foreign: true };
  const parsed = ShellRequest.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const type = (raw as { type?: unknown } | null)?.type;
  return {
    ok: false,
    foreign: false,
    error: { type: 'error', code: 'malformed-command', message: `Malformed shell request ${JSON.stringify(typeof type === 'string' ? type.slice(0, 100) : null)}; nothing was done.` },
  };
}
