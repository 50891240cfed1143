/**
 * The sample history per branch: after a restore as a new branch the preview shows that
 * branch's own samples (and, before its fork, the samples it grew from), not main's later
 * ones; browsing main brings main's back and says which branch is training.
 */
import { expect, test } from './fixtures';
import { PreviewPanel } from './pages/preview';
import { SnapshotsPanel } from './pages/snapshots-panel';

test('restore as a branch: the preview history shows the branch’s own samples; browsing main says which branch trains', async ({ studio, page }) => {
  const preview = new PreviewPanel(page);
  const snapshots = new SnapshotsPanel(page);
  await studio.createProject('branches', 'Branches');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');
  await preview.waitForStep((s) => s === 0, 'the step-0 preview shows');
  // Every 25 steps: enough samples on both branches, without a stream of ~450 KB previews that a
  // busy machine's browser cannot keep up with (serve drops a window 48 MiB behind).
  await preview.byTestId('preview-interval').selectOption('25');
  await preview.waitForStep((s) => s >= 25, 'automatic previews every 25 steps');

  const fork = await snapshots.take('fork here');
  const forkStep = await snapshots.stepOf(fork);
  await preview.waitForStep((s) => s >= forkStep + 75, 'main previews past the snapshot');
  expect((await preview.historyChips()).filter((c) => c.step > forkStep).length).toBeGreaterThan(1);

  await snapshots.restoreAsBranch(fork);
  await expect(snapshots.branchSelect).toHaveValue('branch-1');
  await expect.poll(() => preview.shownBranch(), { timeout: 60_000, message: 'the branch’s own preview shows' }).toBe('branch-1');
  await expect.poll(async () => (await preview.historyChips()).filter((c) => c.branch === 'branch-1').length, { timeout: 60_000 }).toBeGreaterThan(1);
  const branchChips = await preview.historyChips();
  expect(branchChips.filter((c) => c.branch === 'main' && c.step > forkStep), 'main’s samples after the fork are not the branch’s').toEqual([]);
  expect(branchChips.filter((c) => c.branch === 'main').map((c) => c.step), 'what the branch grew from stays').toContain(0);
  expect(branchChips.filter((c) => c.branch === 'branch-1').every((c) => c.step >= forkStep)).toBe(true);
  await expect(preview.byTestId('preview-other-branch')).toHaveCount(0);
  await page.screenshot({ path: 'test-output/screens/preview-branch-history.png' });

  // Browsing main: main's samples come back, and a line says the run trains on branch-1.
  await snapshots.viewBranch('main');
  await expect(preview.byTestId('preview-other-branch')).toContainText('training on branch-1');
  await expect.poll(() => preview.shownBranch()).toBe('main');
  const mainChips = await preview.historyChips();
  expect(mainChips.every((c) => c.branch === 'main')).toBe(true);
  expect(mainChips.some((c) => c.step > forkStep + 20)).toBe(true);
  // branch-1 keeps training and previewing meanwhile (the line names its newest); its previews do not take main's place.
  const notice = preview.byTestId('preview-other-branch');
  const newest = async () => Number(await notice.getAttribute('data-newest-step'));
  const before = await newest();
  await expect.poll(newest, { timeout: 60_000, message: 'branch-1 previews on' }).toBeGreaterThanOrEqual(before + 20);
  expect(await preview.shownBranch()).toBe('main');
  expect((await preview.historyChips()).every((c) => c.branch === 'main')).toBe(true);
  await page.screenshot({ path: 'test-output/screens/preview-other-branch.png' });

  await preview.byTestId('preview-show-training-branch').click();
  await expect(snapshots.branchSelect).toHaveValue('branch-1');
  await expect.poll(() => preview.shownBranch()).toBe('branch-1');
  await expect(preview.byTestId('preview-other-branch')).toHaveCount(0);
});
