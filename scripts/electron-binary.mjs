// Where the Electron binary is, if it is installed. npm 11 skips Electron's install script, so
// node_modules/electron may hold no binary at all; ELECTRON_OVERRIDE_DIST_PATH points elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ELECTRON_DIR = join('node_modules', 'electron');

/** The path of the installed Electron executable, or null. */
export function installedElectron() {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : defaultName();
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(ELECTRON_DIR, 'dist'), name);
  return existsSync(binary) ? binary : null;
}

function defaultName() {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

export const HOW_TO_GET_ELECTRON = [
  'Get it with one of:',
  '  node node_modules/electron/install.js          (downloads the binary for this platform; needs github.com)',
  '  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dist npm run e2e:electron   (an Electron you already have)',
].join('\n');
