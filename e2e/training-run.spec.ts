/**
 * A person creates the demo project, trains, pauses, resumes (with the buttons and with Space),
 * stops and continues where Stop left off, watching it live.
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures';

test('create a demo project, train, pause, resume, stop and continue', async ({ studio }) => {
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();
  await expect(studio.byTestId('backend-name')).toHaveText('wasm');

  await studio.click('run-start');
  await studio.expectState('running');
  const early = await studio.waitForStepAbove(20);
  await expect.poll(() => studio.lossPoints()).toBeGreaterThan(10);
  await studio.waitForStepAbove(early);
  await expect(studio.byTestId('steps-per-sec')).not.toHaveText(/^(0|–|-)?$/);
  await expect(studio.page.locator('[data-testid="loss-chart"] .recharts-line-curve').first()).toBeVisible();

  await studio.click('run-pause');
  await studio.expectState('paused');
  const paused = await studio.step();
  // A snapshot is a round trip through the paused trainer: its step is where training stands.
  await studio.byTestId('snapshot-take').click();
  await expect(studio.page.locator(`[data-testid="snapshot-row"][data-reason="manual"]`)).toHaveCount(1);
  expect(Number(await studio.page.locator('[data-testid="snapshot-row"][data-reason="manual"]').getAttribute('data-step')), 'no step was trained while paused').toBe(paused);
  expect(await studio.step(), 'the step counter stays put while paused').toBe(paused);

  await studio.click('run-resume');
  await studio.expectState('running');
  await studio.waitForStepAbove(paused);

  // Space does the same as the buttons (focus on nothing in particular: click plain text first).
  await studio.byTestId('run-state').click();
  await studio.page.keyboard.press('Space');
  await studio.expectState('paused');
  const spacePaused = await studio.step();
  await studio.page.keyboard.press('Space');
  await studio.expectState('running');
  await studio.waitForStepAbove(spacePaused);
  // In a field, Space belongs to the field: the run trains on.
  const lr = studio.page.getByTestId('control-learning-rate').getByRole('spinbutton');
  await lr.press('Space');
  await lr.press('Escape');
  await studio.waitForStepAbove(await studio.step());
  await studio.expectState('running');

  // Stop snapshots first: its snapshot is in the list at the stopped step, and Continue trains on
  // from there on the same branch, at the next step, with no new branch and nothing lost.
  await studio.click('run-stop');
  await studio.expectState('stopped');
  const stopped = await studio.step();
  await expect(studio.page.locator('[data-testid="snapshot-row"]').filter({ hasText: 'stop' }).filter({ hasText: `step ${stopped.toLocaleString('en-US')}` })).toHaveCount(1);
  await expect(studio.byTestId('run-continue')).toBeEnabled();
  await studio.click('run-continue');
  await studio.expectState('running');
  await expect(studio.byTestId('snapshot-note-restored').last()).toHaveText(`Continued at step ${stopped.toLocaleString('en-US')} on main, where the run stopped.`);
  await studio.waitForStepAbove(stopped + 5);
  // What happened before the stop is still marked on the chart: the plan's first stage at step 0.
  await expect(studio.page.locator('[data-testid="chart-marker"][data-kind="stage"][data-step="0"]').first()).toBeAttached();
  await expect(studio.page.getByTestId('branch-select'), 'Continue makes no branch').toHaveCount(0);
  await studio.click('run-stop');
  await studio.expectState('stopped');
  await studio.page.screenshot({ path: 'test-output/screens/training-run.png', fullPage: true });
});

test('a trainer killed mid-run shows "trainer stopped", not a hang', async ({ studio, serve }) => {
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();
  await studio.click('run-start');
  await studio.waitForStepAbove(5);

  const trainerPid = execFileSync('pgrep', ['-P', String(serve.pid)]).toString().trim().split('\n')[0];
  process.kill(Number(trainerPid), 'SIGKILL');

  await expect(studio.byTestId('connection-state')).toHaveText('trainer stopped');
  await expect(studio.byTestId('error-banner')).toContainText(/trainer/i);
  await expect(studio.byTestId('run-pause')).toBeDisabled();
});
