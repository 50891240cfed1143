/**
 * The e2e fixtures for the Electron app (`npm run e2e:electron`): each test launches the built
 * app through Playwright's _electron with a fresh data folder and userData, and drives its one
 * window as `page`. Specs that reach into serve mode itself (its URL, its trainer's pid) are
 * skipped here with the reason; they run against serve mode in `npm run test:e2e`.
 */
import { _electron as electron, expect, test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServeHandle } from '../trainer/testing/start-serve';
import { StudioPage } from './pages/studio-page';

const appDir = fileURLToPath(new URL('..', import.meta.url));

export const electronTest = base.extend<{ serve: ServeHandle; dataDir: string; studio: StudioPage; page: Page }>({
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'stagecraft-e2e-electron-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  page: async ({ dataDir }, use) => {
    const executablePath = process.env.STAGECRAFT_ELECTRON_PATH;
    if (!executablePath) throw new Error('STAGECRAFT_ELECTRON_PATH is unset: run these specs with `npm run e2e:electron`.');
    const app = await electron.launch({
      executablePath,
      args: [appDir],
      env: { ...process.env, STAGECRAFT_DATA: dataDir, STAGECRAFT_USER_DATA: join(dataDir, '.user-data') } as Record<string, string>,
    });
    const page = await app.firstWindow();
    await use(page);
    await app.close();
  },
  serve: async ({}, use, testInfo) => {
    testInfo.skip(true, 'drives serve mode directly (its URL or its trainer process); covered by `npm run test:e2e`');
    await use(undefined as never);
  },
  studio: async ({ page }, use) => {
    const studio = new StudioPage(page);
    await expect(studio.byTestId('connection-state')).toHaveText('connected');
    await use(studio);
  },
});
