/**
 * Closing the window saves its place and nothing else: a preference changed while the window
 * was open (snapshot on exit) survives the close. Electron is mocked at the module boundary.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

class FakeWindow extends EventEmitter {
  static last: FakeWindow | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.last = this;
  }
  maximize() {}
  getNormalBounds() {
    return { x: 40, y: 30, width: 1000, height: 700 };
  }
  isMaximized() {
    return false;
  }
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  app: { isPackaged: false, getAppPath: () => process.cwd() },
}));

const { createMainWindow } = await import('./main-window');
const { ShellStateStore } = await import('./window-state');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the studio window', () => {
  it('keeps a snapshot-on-exit choice made while it was open when it closes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagecraft-window-'));
    dirs.push(dir);
    const file = join(dir, 'window-state.json');
    const shell = new ShellStateStore(file);
    expect(shell.current.snapshotOnExit).toBe(true);
    createMainWindow(shell);

    shell.update({ snapshotOnExit: false });
    FakeWindow.last?.emit('close');

    expect(shell.current).toEqual({ bounds: { x: 40, y: 30, width: 1000, height: 700 }, maximized: false, snapshotOnExit: false });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(shell.current);
  });

  it('opens locked down: isolated, sandboxed, no Node in the page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagecraft-window-'));
    dirs.push(dir);
    createMainWindow(new ShellStateStore(join(dir, 'window-state.json')));
    expect(FakeWindow.last?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });
});
