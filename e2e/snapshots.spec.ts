/**
 * Snapshots from the window, against the real trainer: one click and the `s` key take one,
 * turning GAN on takes one by itself, and rolling back to the first one as a new branch
 * forks the history; both branches stay browsable in the chart. A labelled snapshot shows its
 * label and exports generated motion as BVH from its row, and a new run can start from chosen
 * layer groups of it. After the trainer is killed, the next start offers to resume from the
 * last good snapshot.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseBvh } from '../trainer/data/bvh-parse';
import { decodeSafetensors } from '../trainer/snapshots/safetensors';
import { startServe } from '../trainer/testing/start-serve';
import { expect, test } from './fixtures';
import { SnapshotsPanel } from './pages/snapshots-panel';
import { StagePanel } from './pages/stage-panel';
import { StudioPage } from './pages/studio-page';

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

  // Roll back to the first snapshot as a new branch: the chart now shows that branch, from the
  // snapshot on. Paused first, so the drop back is seen before the branch trains past main's end.
  await studio.click('run-pause');
  await studio.expectState('paused');
  const mainLogged = await loggedStep();
  const firstRow = snapshots.panel.locator(`[data-testid="snapshot-row"][data-step="${firstStep}"][data-reason="manual"]`).first();
  await snapshots.restoreAsBranch(firstRow);
  await expect(snapshots.branchSelect).toHaveValue('branch-1');
  expect(await snapshots.branchNames()).toEqual(['main', 'branch-1']);
  await expect.poll(loggedStep, { message: 'the chart drops back to the snapshot’s step' }).toBeLessThan(mainLogged);
  await expect(page.getByTestId('snapshot-note-restored').last()).toContainText(`Restored step ${firstStep} as branch-1; main's`);
  await studio.click('run-resume');
  await expect.poll(loggedStep, { timeout: 60_000, message: 'the new branch trains on' }).toBeGreaterThan(firstStep + 3);
  // GAN was off when the first snapshot was taken: restoring brought that back.
  await expect(stage.switchOf('control-gan')).toHaveAttribute('aria-checked', 'false');
  await page.screenshot({ path: `${SCREENS}/snapshots-branch.png` });

  // Main is still there, with everything it logged (its GAN losses too); and back to the branch,
  // which never turned GAN on. Paused while browsing, so each history holds still and is told
  // apart exactly, however fast the branch trains.
  await studio.click('run-pause');
  await studio.expectState('paused');
  const branchLogged = await loggedStep();
  const ganGroup = chart.locator('[data-testid="chart-group"][data-group="gan"]');
  await expect(ganGroup).toHaveCount(0);
  await snapshots.viewBranch('main');
  await expect.poll(loggedStep).toBeGreaterThanOrEqual(mainLogged);
  await expect(ganGroup).toHaveCount(1);
  const mainPoints = Number(await chart.getAttribute('data-points'));
  expect(mainPoints).toBeGreaterThan(firstStep);
  await snapshots.viewBranch('branch-1');
  await expect.poll(loggedStep).toBe(branchLogged);
  await expect(ganGroup).toHaveCount(0);
  await studio.click('run-resume');
  await expect.poll(loggedStep, { timeout: 60_000, message: 'the branch trains on' }).toBeGreaterThan(branchLogged);
});

test('a labelled snapshot shows its label, and Export BVH on its row writes generated motion that reads as BVH', async ({ studio, page }) => {
  test.setTimeout(300_000);
  const snapshots = new SnapshotsPanel(page);
  await studio.createProject('export', 'Export');
  await studio.newRun('audio-to-motion');
  await studio.click('run-start');
  await studio.expectState('running');
  // The first evaluation comes before the first step: slower to start than the autoencoder.
  await expect.poll(() => studio.step(), { timeout: 180_000 }).toBeGreaterThan(1);

  const taken = await snapshots.take('before GAN');
  const id = await taken.getAttribute('data-snapshot-id');
  const row = snapshots.panel.locator(`[data-testid="snapshot-row"][data-snapshot-id="${id}"]`);
  await expect(row.getByTestId('snapshot-row-label')).toHaveText('before GAN');
  await expect(snapshots.panel.getByTestId('snapshot-label'), 'the field is ready for the next one').toHaveValue('');

  // A stopped run's snapshots still export: the trainer builds the snapshot's model on its own.
  await studio.click('run-stop');
  await studio.expectState('stopped');
  const file = await snapshots.exportBvh(row);
  await expect(row.getByTestId('snapshot-export')).toContainText('clip-000.wav');
  await snapshots.panel.screenshot({ path: `${SCREENS}/snapshots-export.png` });

  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('HIERARCHY'), 'a BVH file begins with its hierarchy').toBe(true);
  expect(text).toMatch(/^MOTION\s*$/m);
  const frames = Number(/^Frames:\s*(\d+)/m.exec(text)?.[1]);
  expect(frames, 'frames of generated motion').toBeGreaterThan(0);
  // The studio's own BVH reader takes it back, with one line of channels per frame.
  const bvh = parseBvh(text, file);
  expect(bvh.frameCount).toBe(frames);
  expect(bvh.skeleton.names.length).toBeGreaterThan(1);

  // The browser takes it home through serve mode's token-guarded address, never by that path.
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('snapshot-download-bvh').click()]);
  expect(download.suggestedFilename()).toBe(file.split('/').pop());
  expect(new URL(download.url()).pathname).toMatch(/^\/download\/[0-9a-f]{32}$/);
  const fetched = readFileSync(await download.path());
  expect(fetched.toString('utf8')).toBe(text);
  expect(parseBvh(fetched.toString('utf8'), download.suggestedFilename()).frameCount).toBe(frames);

  // A layer group's weights too, as safetensors that decode to the snapshot's tensors.
  await row.getByTestId('snapshot-weights-file').selectOption('decoder.safetensors');
  const [weights] = await Promise.all([page.waitForEvent('download'), row.getByTestId('snapshot-weights-download').click()]);
  expect(weights.suggestedFilename()).toBe(`${id}-decoder.safetensors`);
  const decoded = decodeSafetensors(readFileSync(await weights.path()), weights.suggestedFilename());
  expect(decoded.tensors.map((t) => t.name)).toContain('decoder.out.w');
  await row.screenshot({ path: `${SCREENS}/snapshots-downloads.png` });

  // The two snapshots side by side: the trainer's metrics at each, with the change between them.
  const compare = page.getByTestId('snapshot-compare');
  await compare.locator('summary').click();
  await compare.getByTestId('snapshot-compare-go').click();
  const lossRow = compare.locator('[data-testid="snapshot-compare-row"][data-metric="loss/recon"]');
  await expect(lossRow.locator('td')).toHaveCount(4);
  await expect(lossRow.locator('td').nth(1)).toHaveText(/\d/);
  await expect(lossRow.locator('td').nth(2)).toHaveText(/\d/);
  await compare.screenshot({ path: `${SCREENS}/snapshots-compare.png` });
});

test('a new run starts from chosen layer groups of another run’s snapshot, with them locked, and says where it came from', async ({ studio, page }) => {
  test.setTimeout(180_000);
  const snapshots = new SnapshotsPanel(page);
  const stage = new StagePanel(page);
  await studio.createProject('start-from', 'Start from');
  await studio.newRun();
  const source = await studio.activeRunId();
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(5);
  const row = await snapshots.take('trained encoder');
  await studio.click('run-stop');
  await studio.expectState('stopped');

  const runs = studio.byTestId('run-item');
  const before = await runs.count();
  await snapshots.newRunFrom(row, ['encoder'], { lock: true });
  await expect(runs).toHaveCount(before + 1);
  const made = runs.nth(before);
  await expect(made.getByTestId('run-started-from')).toHaveText(`· from ${source}`);
  await expect(made).toHaveAttribute('title', new RegExp(`started from encoder of '${source}' at step \\d`));
  await made.click();
  await expect(studio.byTestId('run-state')).toHaveText('idle');
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(3);
  // It trains with the encoder it took locked, as asked.
  await expect(stage.switchOf('control-lock-encoder')).toHaveAttribute('aria-checked', 'true');
  await expect(stage.switchOf('control-lock-decoder')).toHaveAttribute('aria-checked', 'false');
  await page.screenshot({ path: `${SCREENS}/start-from-snapshot.png` });
  await studio.click('run-stop');
  await studio.expectState('stopped');
});

test('after the trainer is killed, the next start offers to resume the run from its last good snapshot, metrics kept', async ({ studio, page, serve, dataDir, browser }) => {
  test.setTimeout(240_000);
  const snapshots = new SnapshotsPanel(page);
  await studio.createProject('crash', 'Crash');
  await studio.newRun();
  await studio.click('run-start');
  await studio.waitForStepAbove(3);
  const taken = await snapshots.take();
  const snapshotStep = await snapshots.stepOf(taken);
  const killedAt = await studio.waitForStepAbove(snapshotStep + 5);

  // The trainer process dies (SIGKILL): the window says so.
  const trainerPid = Number(execFileSync('pgrep', ['-P', String(serve.pid)]).toString().trim().split('\n')[0]);
  process.kill(trainerPid, 'SIGKILL');
  await expect(studio.byTestId('error-banner')).toContainText('Trainer stopped.');

  // The next start, on the same data folder.
  const again = await startServe(dataDir, { built: true });
  try {
    const next = await browser.newPage();
    const restarted = new StudioPage(next);
    await restarted.open(again.pageUrl);
    await restarted.byTestId('project-path-input').fill('crash');
    await restarted.byTestId('open-project-button').click();
    await expect(restarted.byTestId('project-name')).toHaveText('Crash');
    await restarted.byTestId('run-item').first().click();
    await restarted.expectState('stopped');
    const notice = restarted.byTestId('interrupted-notice');
    await expect(notice).toContainText('interrupted');
    await next.screenshot({ path: `${SCREENS}/snapshots-interrupted.png` });

    await restarted.byTestId('resume-interrupted').click();
    await restarted.expectState('running');
    const panel = new SnapshotsPanel(next);
    await expect(panel.branchSelect).toHaveValue('branch-1');
    await expect.poll(() => restarted.step(), { timeout: 60_000 }).toBeGreaterThan(snapshotStep + 2);
    // Nothing logged before the crash was lost: main still has it.
    await panel.viewBranch('main');
    await expect.poll(async () => Number(await restarted.byTestId('loss-chart').getAttribute('data-logged-step'))).toBeGreaterThanOrEqual(killedAt - 1);
    await next.close();
  } finally {
    await again.stop();
  }
});
