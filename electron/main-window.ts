/**
 * The one studio window: locked-down web preferences, placed where it was last time, and its
 * place saved when it closes. Plus the lock-down every web contents gets.
 */
import { BrowserWindow, screen } from 'electron';
import { preloadPath } from './paths';
import { MIN_SIZE, placeWindow, type ShellStateStore } from './window-state';

export function createMainWindow(shell: ShellStateStore): BrowserWindow {
  const state = shell.current;
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
  // Only the place is the window's to save; every other preference stays as it is now.
  win.on('close', () => shell.update({ bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
  return win;
}

/** Every page Stagecraft shows is a single page: it never navigates, opens windows or embeds webviews. */
export function lockDown(contents: Electron.WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
