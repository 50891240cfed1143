/**
 * Snapshots from the window, against the real trainer: one click and the `s` key take one,
 * turning GAN on takes one by itself, and rolling back to the first one as a new branch
 * forks the history; both branches stay browsable in the chart.
 */
import { expect, test } from './fixtures';
import { SnapshotsPanel } from './pages/snapshots-panel';
import { StagePanel } from './pages/stage-panel';

const SCREENS = 'test-output/screens';

test('one-click snapshot, automatic snapshot before GAN, roll back as a new branch, browse both branches', async ({ studio, page }) => {
  test.setTimeout(240_000);
  const snapshots = new SnapshotsPanel(page);
  const stage = new StagePanel(page);
  const chart = studio.byTestId('loss-chart');
  const loggedStep = async () => Number(await chart.getAttribute('data-logged-step'));

  await studio.createProject('snapshots', 'Snapshots');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(5);

  // One click.
  const first = await snapshots.take();
  const firstStep = await snapshots.stepOf(first);
  await expect(first).toContainText(/KB|MB/);

  // The `s` key, as DeepFaceLab users expect.
  await page.locator('body').press('s');
  await expect(snapshots.rows('manual')).toHaveCount(2, { timeout: 30_000 });

  // GAN on is risky: a snapshot is taken first, on its own.
  await studio.waitForStepAbove(firstStep + 5);
  const ganStep = await stage.flip('control-gan', true);
  const auto = snapshots.rows(/auto before .*GAN on/);
  await expect(auto).toHaveCount(1, { timeout: 30_000 });
  expect(await snapshots.stepOf(auto)).toBe(ganStep);
  await studio.waitForStepAbove(ganStep + 10);
  await page.screenshot({ path: `${SCREENS}/snapshots-before-rollback.png` });

  // Roll back to the first snapshot as a new branch: the chart now shows that branch, from the snapshot on.
  const mainLogged = await loggedStep();
  const firstRow = snapshots.panel.locator(`[data-testid="snapshot-row"][data-step="${firstStep}"][data-reason="manual"]`).first();
  await snapshots.restoreAsBranch(firstRow);
  await expect(snapshots.branchSelect).toHaveValue('branch-1');
  expect(await snapshots.branchNames()).toEqual(['main', 'branch-1']);
  await expect.poll(loggedStep, { message: 'the chart drops back to the snapshot’s step' }).toBeLessThan(mainLogged);
  await expect.poll(loggedStep, { timeout: 60_000, message: 'the new branch trains on' }).toBeGreaterThan(firstStep + 3);
  // GAN was off when the first snapshot was taken: restoring brought that back.
  await expect(stage.switchOf('control-gan')).toHaveAttribute('aria-checked', 'false');
  await page.screenshot({ path: `${SCREENS}/snapshots-branch.png` });

  // Main is still there, with everything it logged; and back to the branch being trained.
  await snapshots.viewBranch('main');
  await expect.poll(loggedStep).toBeGreaterThanOrEqual(mainLogged);
  const mainPoints = Number(await chart.getAttribute('data-points'));
  expect(mainPoints).toBeGreaterThan(firstStep);
  await snapshots.viewBranch('branch-1');
  await expect.poll(loggedStep).toBeLessThan(mainLogged + 50);
  await expect.poll(loggedStep, { timeout: 60_000 }).toBeGreaterThan(firstStep + 5);
});
