/**
 * The e2e specs against the Electron app (run by `npm run e2e:electron`, which sets
 * STAGECRAFT_E2E_TARGET=electron so e2e/fixtures.ts launches Electron instead of serve mode).
 */
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  outputDir: 'test-output/e2e-electron',
  use: { ...base.use, launchOptions: {} },
});
