/**
 * A person trains with the recipe's default plan and flips every live control from the window
 * (the stage switches; then batch, accumulation, recompute and the optimizer settings):
 * each change shows the step it applied at and leaves a marker on the chart; risky ones (and
 * re-initialising a layer group) are preceded by a snapshot marker; "Next stage" moves the plan on.
 */
import { expect, test } from './fixtures';
import { StagePanel } from './pages/stage-panel';

const SCREENS = 'test-output/screens';

test('flip every stage control during a run, then move to the next stage', async ({ studio, page }) => {
  test.setTimeout(300_000);
  const stage = new StagePanel(page);
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();
  await expect(stage.control('stage-current')).toHaveAttribute('data-index', '0');
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(5);

  // The default plan's first stage turns random warp on, and its marker shows on the chart.
  await expect(stage.switchOf('control-random-warp')).toHaveAttribute('aria-checked', 'true');
  await expect(stage.markers('stage').first()).toBeVisible();
  for (const risky of ['control-random-warp', 'control-lock-encoder', 'control-gan', 'control-precision-fp16', 'control-learning-rate']) {
    await expect(stage.control(risky), `${risky} is marked as taking a snapshot first`).toHaveAttribute('data-risky', 'true');
  }
  await expect(stage.control('control-lrd')).not.toHaveAttribute('data-risky', 'true');

  // Random warp: stronger, then off (risky: a snapshot first).
  await stage.nudgeUp('control-random-warp-strength');
  let since = await studio.step();
  let step = await stage.flip('control-random-warp', false);
  await stage.expectSnapshotBefore(step, since);
  await page.screenshot({ path: `${SCREENS}/stage-controls-warp-off.png` });

  // Lock the encoder (safe), then unlock it (risky).
  await stage.flip('control-lock-encoder', true);
  since = await studio.step();
  step = await stage.flip('control-lock-encoder', false);
  await stage.expectSnapshotBefore(step, since);

  // Re-init the decoder (risky: a snapshot first, then its own marker).
  since = await studio.step();
  step = await stage.reinit('decoder');
  await stage.expectSnapshotBefore(step, since);
  await page.getByTestId('control-lock-decoder').screenshot({ path: `${SCREENS}/stage-controls-reinit.png` });

  // LRD on, keep a little higher, cosine on.
  await stage.flip('control-lrd', true);
  await stage.nudgeUp('control-lrd-keep');
  // Click, not check(): the box shows what the trainer applied, so it flips only when controls/applied says so.
  await stage.applyAndWait('control-lrd-cosine', () => stage.control('control-lrd-cosine').getByRole('checkbox').click());
  await expect(stage.control('control-lrd-cosine').getByRole('checkbox')).toBeChecked();

  // GAN on (risky), a little more power.
  since = await studio.step();
  step = await stage.flip('control-gan', true);
  await stage.expectSnapshotBefore(step, since);
  await stage.nudgeUp('control-gan-power');

  // Precision: the plan starts in BF16; go to FP32, back to BF16, then FP16 (risky).
  await expect(stage.control('control-precision')).toContainText('(emulated)');
  await stage.choosePrecision('fp32');
  await stage.choosePrecision('bf16');
  since = await studio.step();
  step = await stage.choosePrecision('fp16');
  await stage.expectSnapshotBefore(step, since);
  await expect(studio.byTestId('stat-loss-scale')).toHaveText(/\d/);
  await expect(studio.byTestId('stat-skipped-steps')).toHaveText(/\d/);

  // Learning rate up (risky).
  const lr = await stage.learningRate();
  since = await studio.step();
  step = await stage.setLearningRate(lr * 2);
  await stage.expectSnapshotBefore(step, since);

  // Every marker names what happened, in its tooltip too.
  const lrMarker = stage.marker('controls', step).first();
  await expect(lrMarker).toHaveAttribute('data-label', /LR|learning/i);
  await expect(lrMarker.locator('title')).toContainText(`step ${step.toLocaleString('en-US')}`);
  await expect(studio.byTestId('status-memory')).toHaveText(/MB/);
  await page.screenshot({ path: `${SCREENS}/stage-controls-flipped.png` });

  // Next stage: the plan moves on and the chart marks it.
  const next = await stage.nextStage();
  await expect(stage.marker('stage', next.step).first()).toBeVisible();
  await expect(stage.control('stage-current')).toHaveAttribute('data-index', String(next.index));
  await expect(page.locator('.stage-list li[aria-current="step"]')).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/stage-controls-next-stage.png` });
  await page.getByTestId('loss-chart').screenshot({ path: `${SCREENS}/stage-controls-chart.png` });

  await studio.click('run-stop');
  await studio.expectState('stopped');
});

test('batch size, accumulation, recompute and the optimizer settings apply live and mark the chart; a batch that does not split is refused in words', async ({ studio, page }) => {
  test.setTimeout(240_000);
  const stage = new StagePanel(page);
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(5);

  // Two micro-batches per step: the row says how the batch splits.
  const batch = Number(await stage.field('control-batch-size').inputValue());
  expect(batch % 2, 'the tiny preset’s batch splits in two').toBe(0);
  await stage.enter('control-accumulation', '2');
  await expect(stage.control('control-batch-size')).toContainText(`2 × ${batch / 2}`);

  // A value no control takes is caught in the field, and nothing is sent.
  await stage.field('control-accumulation').fill('0');
  await stage.field('control-accumulation').press('Enter');
  await expect(stage.control('control-accumulation')).toContainText('Must be at least 1.');
  await stage.field('control-accumulation').press('Escape');
  await expect(stage.field('control-accumulation')).toHaveValue('2');

  // A batch that does not split into the micro-batches: the trainer refuses it, in its words, beside the controls.
  const refused = page.getByTestId('controls-refused');
  await stage.field('control-batch-size').fill(String(batch + 1));
  await stage.field('control-batch-size').press('Enter');
  await expect(refused).toContainText(`Batch size ${batch + 1} does not split into 2 equal micro-batches.`);
  await expect(stage.field('control-batch-size')).toHaveValue(String(batch));
  await page.screenshot({ path: `${SCREENS}/stage-controls-refused.png` });
  const halved = await stage.enter('control-batch-size', String(batch / 2));
  await expect(refused).toHaveCount(0);
  await expect(studio.byTestId('error-banner'), 'the banner lets a refusal that was put right go too').toBeHidden();
  await expect(stage.marker('controls', halved).first()).toHaveAttribute('data-label', new RegExp(`batchSize ${batch / 2}`));

  await stage.flip('control-recompute', true);
  const decay = await stage.enter('control-weight-decay', '0.02');
  await expect(stage.marker('controls', decay).first()).toHaveAttribute('data-label', /weightDecay 0\.02/);
  await stage.enter('control-clip-norm', '0.5');
  await stage.enter('control-warmup', '10');
  await stage.enter('control-milestones', '5000 2000', '2000, 5000');
  await stage.nudgeUp('control-gamma');
  await stage.enter('control-lrd-cosine-period', '250');
  await stage.enter('control-gan-ramp', '50');
  await stage.control('control-recompute').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/stage-controls-batch-optimizer.png` });

  await studio.click('run-stop');
  await studio.expectState('stopped');
});

test('a reloaded window redraws the markers and applied controls of a live run', async ({ studio, page }) => {
  const stage = new StagePanel(page);
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();
  await studio.click('run-start');
  await studio.waitForStepAbove(5);
  const since = await studio.step();
  const step = await stage.flip('control-random-warp', false);
  await stage.expectSnapshotBefore(step, since);
  const before = { controls: await stage.markerSteps('controls'), snapshots: await stage.markerSteps('snapshot'), stages: await stage.markerSteps('stage') };

  await page.reload();
  await expect(studio.byTestId('connection-state')).toHaveText('connected');
  await expect(stage.switchOf('control-random-warp')).toHaveAttribute('aria-checked', 'false');
  await expect(stage.marker('controls', step).first()).toBeVisible();
  // The trainer's timeline replaces the window's: everything marked before the reload is marked again.
  const after = { controls: await stage.markerSteps('controls'), snapshots: await stage.markerSteps('snapshot'), stages: await stage.markerSteps('stage') };
  for (const kind of ['controls', 'snapshots', 'stages'] as const) expect(after[kind], kind).toEqual(expect.arrayContaining(before[kind]));
  await studio.click('run-stop');
  await studio.expectState('stopped');
});

test('grow a run in time from the stage panel: the new groups join the lock panel, the old ones lock, the timeline marks it', async ({ studio, page }) => {
  test.setTimeout(240_000);
  const stage = new StagePanel(page);
  await studio.createProject('grow', 'Grow');
  await studio.newRun('audio-to-motion', 'tiny', undefined, /grown in time/);
  await expect(stage.control('growth-level')).toHaveText('quarter rate');
  // The levels above are not in the model yet, so not in the lock panel either.
  await expect(stage.control('control-lock-encoder')).toBeVisible();
  await expect(stage.control('control-lock-encoder_half')).toHaveCount(0);
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(5);

  const since = await studio.step();
  const step = await stage.grow('half rate');
  await stage.expectSnapshotBefore(step, since);
  await expect(stage.control('growth-level')).toHaveText('half rate');
  await expect(stage.control('growth-fade')).toContainText('fading in');
  await expect(stage.switchOf('control-lock-encoder_half')).toHaveAttribute('aria-checked', 'false');
  for (const old of ['encoder', 'inter', 'codebook', 'decoder']) await expect(stage.switchOf(`control-lock-${old}`), `${old} is locked by growing`).toHaveAttribute('aria-checked', 'true');
  await expect(stage.control('control-lock-encoder_full')).toHaveCount(0);
  await page.getByTestId('growth').screenshot({ path: `${SCREENS}/stage-growth.png` });
  await page.screenshot({ path: `${SCREENS}/stage-growth-window.png` });
  // The plan form offers growth for this run: each stage can start at or grow to a level.
  await page.getByTestId('edit-plan').click();
  await expect(page.getByTestId('plan-form-growth').nth(1)).toHaveValue('1');
  await page.screenshot({ path: `${SCREENS}/plan-form-growth.png` });
});
