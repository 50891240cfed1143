// `npm run e2e:electron`: the same Playwright specs as `npm run test:e2e`, against the Electron
// app (Playwright's _electron) instead of serve mode in Chromium. Needs `npm run build` first.
//
// Exit codes: 0 passed; 1 tests failed; 3 NOT RUN: the Electron binary is missing;
// 4 NOT RUN: no display on Linux and no xvfb-run. A run that could not happen never exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { HOW_TO_GET_ELECTRON, installedElectron } from './electron-binary.mjs';

const binary = installedElectron();
if (!binary) {
  console.error(`e2e:electron NOT RUN: the Electron binary is missing (node_modules/electron has no dist/).\n${HOW_TO_GET_ELECTRON}\nThe serve-mode e2e tests (npm run test:e2e) do not need it.`);
  process.exit(3);
}
if (!existsSync('dist/electron/main.js')) {
  console.error('e2e:electron: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}

const env = { ...process.env, STAGECRAFT_E2E_TARGET: 'electron', STAGECRAFT_ELECTRON_PATH: binary };
const playwright = ['node_modules/@playwright/test/cli.js', 'test', '--config', 'playwright.electron.config.ts', ...process.argv.slice(2)];
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let command = [process.execPath, ...playwright];
if (!hasDisplay) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (!xvfb) {
    console.error('e2e:electron NOT RUN: Electron needs a display and DISPLAY/WAYLAND_DISPLAY are unset; install xvfb (sudo apt-get install xvfb) or run under a desktop session.');
    process.exit(4);
  }
  command = [xvfb, '-a', ...command];
}
const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env });
process.exit(result.status ?? 1);
