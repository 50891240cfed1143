/**
 * Where the built app keeps its pieces. Everything is found relative to the bundled
 * dist/electron/main.js, so the same code works from the repo and from inside app.asar.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// main.js is an ES module: there is no __dirname, only import.meta.url.
const electronDist = dirname(fileURLToPath(import.meta.url));

/** Sandboxed preloads must be CommonJS, hence .cjs beside main.js. */
export const preloadPath = join(electronDist, 'preload.cjs');

/**
 * The trainer entry. Deliberately left as the app.asar path even though electron-builder
 * unpacks dist/trainer: Electron's asar layer redirects reads of unpacked files, and resolving
 * from inside the archive keeps `import 'zod'` finding the node_modules packed beside it.
 * (Unverified on a packaged build here; the packaging-checks issue should confirm it.)
 */
export const trainerEntryPath = join(electronDist, '..', 'trainer', 'main.js');

export const rendererIndexPath = join(electronDist, '..', 'renderer', 'index.html');

/** The only page allowed to talk to the trainer; compared without query or hash. */
export const rendererUrl = pathToFileURL(rendererIndexPath).href;

export function isRendererUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    return parsed.href === rendererUrl;
  } catch {
    return false;
  }
}
