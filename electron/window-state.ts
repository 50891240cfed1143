/**
 * Remembers the window's place and size (and the shell's one preference) in a small JSON file
 * in userData. Written tmp → fsync → rename, so a crash mid-write leaves the old file, never
 * half a file. Reading tolerates anything: a bad file means defaults, not a failed start.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ShellState = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }).nullable(),
  maximized: z.boolean(),
  /** Take a snapshot of the live run before quitting ("snapshot on exit"). */
  snapshotOnExit: z.boolean(),
});
export type ShellState = z.infer<typeof ShellState>;

export const DEFAULT_SIZE = { width: 1400, height: 900 };
export const MIN_SIZE = { width: 900, height: 600 };
export const DEFAULT_STATE: ShellState = { bounds: null, maximized: false, snapshotOnExit: true };

export function loadShellState(file: string): ShellState {
  try {
    const parsed = ShellState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_STATE;
  } catch {
    return DEFAULT_STATE;
  }
}

export function saveShellState(file: string, state: ShellState): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/**
 * The shell's state as it is now, saved on every change. Changes are patches merged into the
 * current state, so a window closing with its place never writes back a preference (such as
 * snapshot-on-exit) that was read when the window opened and changed since.
 */
export class ShellStateStore {
  private state: ShellState;

  constructor(private readonly file: string) {
    this.state = loadShellState(file);
  }

  get current(): ShellState {
    return this.state;
  }

  update(patch: Partial<ShellState>): ShellState {
    this.state = { ...this.state, ...patch };
    try {
      saveShellState(this.file, this.state);
    } catch (error) {
      // Losing the window's place or a preference is not worth failing a close or a click over.
      console.error(`[stagecraft] could not save ${this.file}: ${(error as Error).message}`);
    }
    return this.state;
  }
}

/**
 * Where to put the window given the screens there are now: the saved bounds if most of the title
 * bar is on some screen (a monitor may have been unplugged), shrunk to fit that screen;
 * otherwise centred on the primary screen at the default size.
 */
export function placeWindow(saved: Rect | null, workAreas: Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const area = saved && workAreas.find((a) => titleBarVisibleOn(saved, a));
  if (saved && area) {
    const width = clamp(saved.width, Math.min(MIN_SIZE.width, area.width), area.width);
    const height = clamp(saved.height, Math.min(MIN_SIZE.height, area.height), area.height);
    return { x: clamp(saved.x, area.x, area.x + area.width - width), y: clamp(saved.y, area.y, area.y + area.height - height), width, height };
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height };
}

/** At least 100 px of the top 40 px strip lies on this screen: enough to grab and drag. */
function titleBarVisibleOn(rect: Rect, area: Rect): boolean {
  const overlapX = Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x);
  const overlapY = Math.min(rect.y + 40, area.y + area.height) - Math.max(rect.y, area.y);
  return overlapX >= 100 && overlapY > 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
