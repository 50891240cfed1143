/**
 * The charts, as a person watching a long run uses them: a run that logged a million steps
 * reopens with a bounded answer from the trainer and draws a bounded number of points; `l`
 * cycles the window and dragging zooms, and a closer view of older steps asks the trainer for
 * that range; double-click zooms out; non-finite steps are gaps with a mark; every logged metric
 * has a chart in its group, a group folds away, the loss is split by phase and likeness is two
 * named series. Long histories are what days of training leave on disk (written by
 * trainer/testing/logged-history.ts with the trainer's own log writer) and reach the window only
 * through the real trainer; the live tests train for real.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeLoggedHistory, type HistoryShape } from '../trainer/testing/logged-history';
import { expect, test } from './fixtures';
import { ChartsPanel } from './pages/charts';
import { StudioPage } from './pages/studio-page';

const SCREENS = 'test-output/screens';
const MILLION = 1_000_000;
/** Every series' points summed, as drawn in the SVG: a few thousand, whatever the run length. */
const MAX_DRAWN_VERTICES = 6000;
/** What the trainer may send for one history, whatever its length (issue #19). */
const MAX_ANSWER_BYTES = 1_000_000;

/** The text of every metrics/history answer the page receives from now on, as the WebSocket carries it (listen before the page connects). */
function historyAnswers(page: Page): string[] {
  const answers: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => void (typeof payload === 'string' && payload.includes('"type":"metrics/history"') && answers.push(payload))));
  return answers;
}

/**
 * A project with one run of `recipe` that logged `shape` on disk, opened afresh through the
 * trainer and the run selected; returns the run's id, every key logged, and when it was picked.
 */
async function openLoggedRun(studio: StudioPage, page: Page, dataDir: string, shape: HistoryShape, recipe: 'motion-autoencoder' | 'audio-to-motion' = 'motion-autoencoder') {
  await studio.createProject('long-run', 'Long run');
  await studio.newRun(recipe);
  const runId = await studio.activeRunId();
  const logged = writeLoggedHistory(join(dataDir, 'long-run'), runId, shape);
  await studio.openProject('long-run');
  await expect(studio.runItem(runId)).toHaveAttribute('data-state', 'stopped');
  const charts = new ChartsPanel(page);
  const shownAt = Date.now();
  await studio.runItem(runId).click();
  await expect(charts.panel).toHaveAttribute('data-logged-step', String(shape.steps));
  return { runId, logged, charts, shownAt };
}

test('a run that logged 1,000,000 steps reopens from a bounded answer, draws a bounded number of points, and a closer view asks for its range', async ({ page, serve, dataDir }) => {
  test.setTimeout(300_000);
  const answers = historyAnswers(page);
  const studio = new StudioPage(page);
  await studio.open(serve.pageUrl);
  const { charts, shownAt } = await openLoggedRun(studio, page, dataDir, { steps: MILLION, nonFinite: [123_456, 654_321], ganFrom: 500_001 });
  await expect.poll(() => charts.drawnVertices()).toBeGreaterThan(1000);
  console.log(`1,000,000 logged steps: charts drawn ${Date.now() - shownAt} ms after the run was picked; the trainer's answer was ${answers[0]!.length.toLocaleString('en')} bytes`);
  expect(answers).toHaveLength(1);
  expect(answers[0]!.length, 'the answer stays bounded however long the run').toBeLessThan(MAX_ANSWER_BYTES);
  const held = Number(await charts.panel.getAttribute('data-points'));
  expect(held, 'the window holds a page of the history, not all of it').toBeLessThanOrEqual(3000);

  for (const id of ['loss', 'likeness', 'gan', 'lr', 'speed', 'memory']) await expect(charts.chart(id)).toBeVisible();
  expect(await charts.drawnVertices(), 'points drawn across all charts').toBeLessThanOrEqual(MAX_DRAWN_VERTICES);
  // The loss went non-finite twice: the thinned page kept both steps, the line breaks there and a mark says so.
  await expect(charts.chart('loss').getByTestId('chart-gap')).toHaveCount(2);
  await expect(charts.chart('loss').getByTestId('chart-gap').first()).toHaveAttribute('data-step', '123456');
  await page.screenshot({ path: `${SCREENS}/charts-1m.png` });

  // `l` cycles the window. The newest 5k steps reach back past the whole tail the page holds:
  // the window asks the trainer for that range and draws the 5k steps from thousands of points.
  await page.locator('body').press('l');
  await charts.expectWindow(5000);
  const [from5k, to5k] = await charts.range();
  expect(to5k - from5k).toBe(5000);
  expect(to5k, 'the newest step is in view').toBe(MILLION);
  // More points inside the 5k window than the whole page held: they came from the trainer.
  await expect.poll(() => charts.rangePoints(), { message: 'the 5k window filled in from the trainer' }).toBeGreaterThan(held);
  expect(answers).toHaveLength(2);
  expect(answers[1]!.length).toBeLessThan(MAX_ANSWER_BYTES);
  for (const w of [10000, 50000, 'all'] as const) {
    await page.locator('body').press('l');
    await charts.expectWindow(w);
  }

  // Drag across the middle of the loss chart: every chart zooms to that range, which the trainer fills in; double-click zooms out.
  const full = await charts.range();
  const before = answers.length;
  await charts.dragZoom(0.3, 0.6);
  await expect(page.getByTestId('chart-reset-zoom')).toBeVisible();
  const [from, to] = await charts.range();
  expect(from).toBeGreaterThan(full[0] + 0.25 * (full[1] - full[0]));
  expect(to).toBeLessThan(full[0] + 0.65 * (full[1] - full[0]));
  // The page held ~600 points across this stretch; the trainer's answer fills it in.
  await expect.poll(() => answers.length, { message: 'the zoom asked the trainer for its range' }).toBe(before + 1);
  await expect.poll(() => charts.rangePoints()).toBeGreaterThan(2000);
  expect(await charts.drawnVertices()).toBeLessThanOrEqual(MAX_DRAWN_VERTICES);
  await expect(charts.chart('loss').getByTestId('chart-gap')).toHaveCount(0);
  await charts.chart('loss').locator('.metric-chart-plot').dblclick();
  await expect(page.getByTestId('chart-reset-zoom')).toHaveCount(0);
  expect(await charts.range()).toEqual(full);
  await expect(charts.chart('loss').getByTestId('chart-gap')).toHaveCount(2);

  // Log scale and smoothing change the drawing only: nothing more is asked for.
  const asked = answers.length;
  await page.getByTestId('chart-log').check();
  const smoothing = page.getByTestId('chart-smoothing').getByRole('slider');
  await smoothing.focus();
  await smoothing.press('End');
  await expect(smoothing).toHaveValue('0.99');
  expect(await charts.drawnVertices()).toBeLessThanOrEqual(MAX_DRAWN_VERTICES);
  expect(answers).toHaveLength(asked);
  await page.screenshot({ path: `${SCREENS}/charts-1m-log-smoothed.png` });
});

test('a chart below the fold shows the newest steps as soon as it scrolls into view', async ({ page, studio }) => {
  const charts = new ChartsPanel(page);
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(20);
  // A short window: the speed chart (steps/s, logged every step) starts below it, out of view.
  await page.setViewportSize({ width: 1280, height: 600 });
  const below = charts.chart('speed');
  await expect(below).toBeAttached();
  expect((await below.boundingBox())!.y, 'the speed chart starts below the window').toBeGreaterThanOrEqual(600);
  const hidden = Number(await below.getAttribute('data-last-step'));

  // The run goes on while the memory chart is out of view; the loss chart in view follows at once.
  await studio.waitForStepAbove(hidden + 100);
  await studio.click('run-pause');
  await studio.expectState('paused');
  const last = await charts.loggedStep();
  await expect(charts.chart('loss')).toHaveAttribute('data-last-step', String(last));
  const range = (await charts.range()).join(',');
  await expect(charts.chart('loss')).toHaveAttribute('data-range', range);
  expect(Number(await below.getAttribute('data-last-step')), 'out of view, it kept what it last drew').toBeLessThan(last);
  await below.scrollIntoViewIfNeeded();
  await expect(below).toHaveAttribute('data-last-step', String(last));
  // Its axis caught up too: the same step range as the loss chart's.
  await expect(below).toHaveAttribute('data-range', range);
  await expect(below.locator('path.recharts-line-curve').first()).toBeVisible();
  await studio.click('run-stop');
});

test('every logged metric is charted in its group; the loss splits by phase; likeness is two named series and the headline says which', async ({ page, studio, dataDir }) => {
  // The audio-to-motion shape: the tokenizer trains to step 10,000, then the generator; evaluations every 250 steps.
  const shape = { steps: 20_000, ganFrom: 15_001, evaluation: 'audio-to-motion', generatorFrom: 10_001 } as const;
  const { logged, charts } = await openLoggedRun(studio, page, dataDir, shape, 'audio-to-motion');

  expect(await charts.groupIds()).toEqual(['loss', 'likeness', 'validation', 'codebook', 'smoothness', 'beat', 'gan', 'optimizer', 'speed', 'memory']);
  // Nothing logged is left off: every key is a legend entry somewhere, except the total loss, drawn per
  // phase, and the headline likeness, a copy of the named series drawn under its own name.
  const shown = await page.getByTestId('chart-legend-entry').evaluateAll((entries) => entries.map((e) => e.getAttribute('data-series')));
  expect(logged.filter((key) => !shown.includes(key))).toEqual(['likeness', 'loss']);

  // The total loss is one series per phase, named by its terms; each phase again on its own scale.
  expect((await charts.legend('loss')).map((e) => e.label)).toEqual(['loss (recon, velocity, commit)', 'loss (tokens)', 'loss/recon', 'loss/velocity', 'loss/commit', 'loss/tokens', 'val/recon']);
  await expect(charts.chart('loss-phase-1').getByRole('heading')).toHaveText('Phase 1: loss (recon, velocity, commit)');
  await expect(charts.chart('loss-phase-2').getByRole('heading')).toHaveText('Phase 2: loss (tokens)');
  await expect(charts.chart('loss-phase-1')).toHaveAttribute('data-last-step', '10000');

  // Likeness: the two named series under their names, never the headline line that changes meaning.
  expect(await charts.legend('likeness')).toEqual([
    { series: 'val/tokenizer_likeness', label: 'Tokenizer likeness' },
    { series: 'val/generator_likeness', label: 'Generator likeness' },
  ]);
  await expect(charts.chart('likeness').locator('[data-series="val/generator_likeness"]')).toHaveAttribute('title', /from audio alone/);
  // The headline is the generator's now, and says so.
  await expect(page.getByTestId('stat-likeness-label')).toHaveText('Generator likeness');
  await expect(page.getByTestId('stat-likeness')).toHaveAttribute('data-series', 'val/generator_likeness');
  await expect(page.getByTestId('stat-likeness')).toHaveText(/^\d+\.\d%$/);

  // Each chart says what its axes measure.
  await expect(charts.chart('jerk').getByTestId('chart-axis-y')).toHaveText('jerk (body heights/s³)');
  await expect(charts.chart('jerk').getByTestId('chart-axis-x')).toHaveText('step');
  expect(await charts.clippedAxisTitles(), 'every axis title fits beside its plot').toEqual([]);
  expect((await charts.legend('jerk')).map((e) => e.label)).toEqual(['generated', 'reconstruction', 'ground truth']);
  expect((await charts.legend('beat-align')).map((e) => e.label)).toEqual([
    'generated',
    'generated, shifted audio',
    'ground truth',
    'ground truth, shifted audio',
    'generated (val/beat_align)',
  ]);
  await page.screenshot({ path: `${SCREENS}/charts-groups.png` });
  await charts.group('smoothness').screenshot({ path: `${SCREENS}/charts-group-smoothness.png` });
  await charts.group('beat').screenshot({ path: `${SCREENS}/charts-group-beat-sync.png` });

  // A group folds away (its header still names what it holds; nothing of it is drawn) and opens again.
  const drawnBefore = Number(await charts.panel.getAttribute('data-drawn-points'));
  await charts.toggleGroup('smoothness');
  await expect(charts.group('smoothness')).toHaveAttribute('data-folded', 'true');
  await expect(charts.chart('jerk')).toHaveCount(0);
  await expect(charts.group('smoothness').getByTestId('chart-group-summary')).toContainText('Jerk');
  expect(Number(await charts.panel.getAttribute('data-drawn-points'))).toBeLessThan(drawnBefore);
  await charts.toggleGroup('smoothness');
  await expect(charts.group('smoothness')).toHaveAttribute('data-folded', 'false');
  await expect(charts.chart('jerk')).toBeVisible();

  // The whole panel at once, on a tall window, to read every group (one folded).
  await charts.toggleGroup('memory');
  await page.setViewportSize({ width: 1440, height: 3600 });
  await charts.panel.evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
  await expect(charts.chart('loss')).toBeInViewport();
  await expect(charts.group('memory')).toBeInViewport();
  await page.screenshot({ path: `${SCREENS}/charts-groups-all.png` });
});

test('a live run charts loss, speed and memory with its markers; the window and zoom follow it', async ({ studio, page }) => {
  const charts = new ChartsPanel(page);
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(60);
  for (const id of ['loss', 'lr', 'speed', 'memory']) await expect(charts.chart(id)).toBeVisible();
  await expect(charts.chart('loss').locator('path.recharts-line-curve').first()).toBeVisible();
  // The plan's first stage turned random warp on at step 0: its marker is on the loss chart and its copies on the others.
  await expect(page.locator('[data-testid="chart-marker"][data-kind="stage"]').first()).toBeVisible();
  await expect(charts.chart('speed').locator('[data-testid="chart-marker-copy"]').first()).toBeVisible();

  await page.locator('body').press('l');
  await charts.expectWindow(5000);
  await charts.dragZoom(0.2, 0.5);
  await expect(page.getByTestId('chart-reset-zoom')).toBeVisible();
  const zoomed = await charts.range();
  await studio.waitForStepAbove(zoomed[1] + 5);
  expect(await charts.range(), 'a zoomed view holds still while the run goes on').toEqual(zoomed);
  await page.getByTestId('chart-reset-zoom').click();
  await expect.poll(async () => (await charts.range())[1]).toBeGreaterThan(zoomed[1]);

  await studio.click('run-pause');
  await studio.expectState('paused');
  await page.screenshot({ path: `${SCREENS}/charts-live.png` });
  await studio.click('run-stop');
});
