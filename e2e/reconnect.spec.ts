/**
 * Runs over time: a window reloaded mid-run finds the run that is training and shows it live
 * again with its history; switching to an earlier run shows that run's history.
 */
import { expect, test } from './fixtures';

test('reload mid-run reconnects to the same live run; switching runs shows each one’s history', async ({ studio }) => {
  const { page } = studio;
  await studio.createProject('demo-speaker', 'Demo speaker');

  await studio.newRun();
  const first = await studio.activeRunId();
  await studio.click('run-start');
  await studio.waitForStepAbove(30);
  await studio.click('run-stop');
  await studio.expectState('stopped');
  const firstPoints = await studio.lossPoints();

  await studio.newRun();
  const second = await studio.activeRunId();
  expect(second).not.toBe(first);
  await studio.click('run-start');
  const before = await studio.waitForStepAbove(15);
  const pointsBefore = await studio.lossPoints();

  await page.reload();
  await expect(studio.byTestId('connection-state')).toHaveText('connected');
  await studio.expectState('running');
  expect(await studio.activeRunId(), 'the window is back on the run that trains').toBe(second);
  // The whole history came back with it, and it is live: the counter goes on from where it was.
  await expect.poll(() => studio.lossPoints()).toBeGreaterThanOrEqual(pointsBefore);
  expect(await studio.step()).toBeGreaterThanOrEqual(before);
  const afterReload = await studio.step();
  await studio.waitForStepAbove(afterReload + 5);
  await expect(studio.byTestId('status-step')).toContainText('step');
  await expect(studio.runItem(second).getByTestId('run-backend')).toHaveText('wasm');

  // The stopped run, which this window never saw train, shows its own history.
  await studio.runItem(first).click();
  await studio.expectState('stopped');
  await expect.poll(() => studio.lossPoints()).toBe(firstPoints);
  await studio.runItem(second).click();
  await studio.expectState('running');
  await studio.waitForStepAbove(afterReload + 10);
  await page.screenshot({ path: 'test-output/screens/reconnected.png' });
  await studio.click('run-stop');
});
