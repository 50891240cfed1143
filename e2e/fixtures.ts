/**
 * Each e2e test gets its own studio: the built serve mode with a real trainer process and a
 * fresh data folder, opened in Chromium. `npm run e2e:electron` sets STAGECRAFT_E2E_TARGET and
 * the same specs get the Electron app instead (e2e/electron-app.ts).
 */
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeHandle } from '../trainer/testing/start-serve';
import { electronTest } from './electron-app';
import { StudioPage } from './pages/studio-page';

const serveTest = base.extend<{ serve: ServeHandle; dataDir: string; studio: StudioPage }>({
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'stagecraft-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  serve: async ({ dataDir }, use) => {
    const serve = await startServe(dataDir, { built: true });
    await use(serve);
    await serve.stop();
  },
  studio: async ({ page, serve }, use) => {
    const studio = new StudioPage(page);
    await studio.open(serve.pageUrl);
    await use(studio);
  },
});

export const test = process.env.STAGECRAFT_E2E_TARGET === 'electron' ? (electronTest as unknown as typeof serveTest) : serveTest;

export { expect } from '@playwright/test';
