/**
 * Remote training as a person does it: serve mode on "the GPU machine" bound to a network
 * address with --allow-remote, the printed address (with its token) opened in a browser by its
 * network address, not localhost; the studio connects and a run trains and stops.
 * Serve mode only: the Electron shell opens the same address in its own window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from '../trainer/testing/start-serve';
import { StudioPage } from './pages/studio-page';

const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address;

test('a studio served on a network address trains over it with the printed token', async ({ page }) => {
  test.skip(process.env.STAGECRAFT_E2E_TARGET === 'electron', 'serve mode in a browser is what this checks');
  test.skip(!networkAddress, 'this machine has no non-loopback IPv4 address to serve on');
  const dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-e2e-remote-'));
  const serve = await startServe(dataDir, { built: true, args: ['--host', networkAddress!, '--allow-remote'] });
  try {
    expect(new URL(serve.pageUrl).hostname).toBe(networkAddress);
    const studio = new StudioPage(page);
    await studio.open(serve.pageUrl);
    await studio.createProject('remote-demo', 'Remote demo');
    await studio.newRun();
    await studio.click('run-start');
    await studio.expectState('running');
    await studio.waitForStepAbove(5);
    await expect.poll(() => studio.lossPoints()).toBeGreaterThan(2);
    await studio.click('run-stop');
    await studio.expectState('stopped');
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
