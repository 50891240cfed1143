import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/find-chromium';

export default defineConfig({
  testDir: 'e2e',
  // One trainer at a time: this machine has 2 cores and each trainer keeps one busy.
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  outputDir: 'test-output/e2e',
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
