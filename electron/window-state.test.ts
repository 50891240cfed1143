/** The window comes back where it was, never off-screen, and a bad state file never stops the app. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STATE, loadShellState, placeWindow, saveShellState } from './window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('window placement', () => {
  it('keeps saved bounds that fit a screen', () => {
    expect(placeWindow({ x: 100, y: 50, width: 1200, height: 800 }, [screen])).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(placeWindow({ x: 2000, y: 10, width: 1000, height: 700 }, [screen, right])).toEqual({ x: 2000, y: 10, width: 1000, height: 700 });
  });

  it('moves a window whose screen was unplugged back to the primary screen, centred', () => {
    expect(placeWindow({ x: 2000, y: 10, width: 1000, height: 700 }, [screen])).toEqual({ x: 260, y: 70, width: 1400, height: 900 });
  });

  it('shrinks and pulls back a window larger than its screen or hanging off its edge', () => {
    expect(placeWindow({ x: -50, y: -20, width: 2500, height: 1400 }, [screen])).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    expect(placeWindow({ x: 1800, y: 900, width: 1000, height: 700 }, [screen])).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
  });

  it('centres a first window on the primary screen', () => {
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1280, height: 720 }])).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });
});

describe('shell state file', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const fileIn = () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagecraft-state-'));
    dirs.push(dir);
    return { dir, file: join(dir, 'window-state.json') };
  };

  it('round-trips and leaves no temporary file behind', () => {
    const { dir, file } = fileIn();
    const state = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: true, snapshotOnExit: false };
    saveShellState(file, state);
    expect(loadShellState(file)).toEqual(state);
    expect(readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('falls back to defaults for a missing, corrupt or wrongly shaped file', () => {
    const { file } = fileIn();
    expect(loadShellState(file)).toEqual(DEFAULT_STATE);
    writeFileSync(file, '{"bounds": {');
    expect(loadShellState(file)).toEqual(DEFAULT_STATE);
    writeFileSync(file, JSON.stringify({ bounds: { x: 'a' }, maximized: 1 }));
    expect(loadShellState(file)).toEqual(DEFAULT_STATE);
  });
});
