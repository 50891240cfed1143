/**
 * Connection truth: the window never claims more than it can hear. A dead server turns the run
 * state to unknown and blanks live speed; serve mode back with a new token makes the page say
 * to open the new address; a wrong token in the address is refused, said so, and not retried.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../trainer/testing/start-serve';
import { expect, test } from './fixtures';
import { ConnectionIndicators } from './pages/connection';
import { StudioPage } from './pages/studio-page';

test('killing the server turns the header to disconnected; its restart with a new token says to open the new address', async ({ studio, serve }) => {
  const connection = new ConnectionIndicators(studio.page);
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();
  await studio.click('run-start');
  await studio.waitForStepAbove(5);
  await studio.expectState('running');
  await expect(connection.speed).toHaveText(/\d/);

  await serve.kill();
  await connection.expectDisconnected();
  await studio.page.screenshot({ path: 'test-output/screens/server-lost.png' });

  // Serve mode back on the same port, as a person restarts it: a new launch with a new token.
  const dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-e2e-restarted-'));
  const restarted = await startServe(dataDir, { built: true, args: ['--port', new URL(serve.pageUrl).port] });
  try {
    expect(new URL(restarted.pageUrl).searchParams.get('token')).not.toBe(new URL(serve.pageUrl).searchParams.get('token'));
    await expect(connection.status).toHaveText('server restarted');
    await expect(connection.notice).toContainText('restarted with a new token');
    await expect(connection.notice).toContainText('Open the new address it printed');
    await expect(connection.runState).toHaveText('unknown (disconnected)');
    await studio.page.screenshot({ path: 'test-output/screens/server-restarted.png' });

    // The new address it printed works in the same tab.
    await studio.page.goto(restarted.pageUrl);
    await expect(connection.status).toHaveText('connected');
    await expect(connection.notice).toBeHidden();
  } finally {
    await restarted.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a wrong token in the address is refused and said so, and is not retried, so the right one still gets in', async ({ page, serve }) => {
  const wrong = new URL(serve.pageUrl);
  wrong.searchParams.set('token', 'not-the-token');
  const checks: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/ws/check') checks.push(request.url());
  });
  const sockets: string[] = [];
  page.on('websocket', (socket) => void sockets.push(socket.url()));
  const refusedTab = new ConnectionIndicators(page);
  await page.goto(wrong.toString());
  await expect(refusedTab.status).toHaveText('token refused');
  await expect(refusedTab.notice).toContainText('refused the token in this page’s address');
  await expect(refusedTab.notice).toContainText('stopped trying');
  await page.screenshot({ path: 'test-output/screens/token-refused.png' });

  // Meanwhile the right address trains in another tab. Had the refused tab kept retrying, its
  // wrong tokens would have filled the server's limit on wrong tokens (the right one is never limited).
  const rightTab = await page.context().newPage();
  const studio = new StudioPage(rightTab);
  await studio.open(serve.pageUrl);
  await studio.createProject('demo-speaker', 'Demo speaker');

  expect(checks, 'the refused tab asked once and never again').toHaveLength(1);
  expect(sockets, 'and never opened a socket with the wrong token').toEqual([]);
  await expect(refusedTab.status).toHaveText('token refused');
  await rightTab.close();
});
