/**
 * Stagecraft's main process: one window, one trainer. The window shows the React renderer;
 * the trainer runs in a utilityProcess so TF.js can block its own thread without freezing
 * the UI. Everything between them goes through trainer-relay.ts.
 */
import { app, BrowserWindow, session } from 'electron';
import { preloadPath, rendererIndexPath } from './paths';
import { startTrainerRelay, type TrainerRelay } from './trainer-relay';

// A second copy would start a second trainer writing into the same project folder.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let relay: TrainerRelay | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  void app.whenReady().then(() => {
    // Nothing in Stagecraft needs camera, notifications, geolocation or the like.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

    win = createMainWindow();
    relay = startTrainerRelay(win);
    win.on('closed', () => {
      relay?.dispose();
      relay = null;
      win = null;
    });
    void win.loadFile(rendererIndexPath);
  });

  // The trainer belongs to the window; with the window gone there is nothing left to serve,
  // so quit on every platform (macOS included) rather than keep a headless trainer alive.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => relay?.dispose());
}

function createMainWindow(): BrowserWindow {
  return new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Stagecraft',
    backgroundColor: '#111318',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
}

/** The app is a single local page: it never navigates, opens windows or embeds webviews. */
function lockDown(contents: Electron.WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
