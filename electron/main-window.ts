/**
 * The one studio window: locked-down web preferences, placed where it was last time, and its
 * place saved when it closes. Plus the lock-down every web contents gets.
 */
import { BrowserWindow, screen } from 'electron';
import { preloadPath } from './paths';
import { MIN_SIZE, placeWindow, saveShellState, type ShellState } from './window-state';

export function createMainWindow(state: ShellState, stateFile: string, onStateChange: (state: ShellState) => void): BrowserWindow {
  const bounds = placeWindow(state.bounds, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Stagecraft',
    backgroundColor: '#111318',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const next: ShellState = { ...state, bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      saveShellState(stateFile, next);
    } catch (error) {
      // Losing the window's place is not worth blocking the close over; say so in the log.
      console.error(`[stagecraft] could not save ${stateFile}: ${(error as Error).message}`);
    }
    onStateChange(next);
  });
  return win;
}

/** Every page Stagecraft shows is a single page: it never navigates, opens windows or embeds webviews. */
export function lockDown(contents: Electron.WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
