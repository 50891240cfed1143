/**
 * The motion preview against the real trainer: skeletons render in WebGL from the step-0
 * baseline on, the clip plays with its audio and scrubs, `p` brings a newer step, the sample
 * history steps back, two snapshots are compared on the same clip, and a reload brings it all back.
 * The scene's colours are the design tokens of tokens.css. And the grid: the first validation
 * clips each with its numbers; a tile click brings that clip (and its sound) to the big view; the
 * camera orbits and zooms and frames again on a double-click and on its button; Enlarge fills
 * the window until Esc.
 */
import { expect, test } from './fixtures';
import { PreviewPanel } from './pages/preview';
import { SnapshotsPanel } from './pages/snapshots-panel';

const SCREENS = 'test-output/screens';
const GENERATED: [number, number, number] = [0x4c, 0xc2, 0xb0];
const TRUTH: [number, number, number] = [0xd7, 0xdb, 0xe0];
const SECOND: [number, number, number] = [0xc9, 0xa4, 0x5c];

test('open the preview, play it with audio, scrub, refresh with p, step through history, compare two snapshots', async ({ studio, page }) => {
  test.setTimeout(240_000);
  const preview = new PreviewPanel(page);
  const snapshots = new SnapshotsPanel(page);

  await studio.createProject('preview', 'Preview');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');

  // The untrained baseline arrives first: two skeletons of 12 bones each (13 joints), drawn.
  await preview.waitForStep((s) => s === 0, 'the step-0 preview shows');
  await expect.poll(() => preview.bones()).toBe(24);
  const pixels = await preview.pixelCounts({ generated: GENERATED, truth: TRUTH });
  expect(pixels.generated, 'generated skeleton pixels').toBeGreaterThan(200);
  expect(pixels.truth, 'ground-truth skeleton pixels').toBeGreaterThan(200);
  await expect(preview.byTestId('preview-waveform')).toHaveAttribute('data-onsets', /^[1-9]\d*$/);
  await expect(preview.byTestId('preview-caption')).toContainText('clip-000');

  // Previews every 10 steps from now on.
  await preview.byTestId('preview-interval').selectOption('10');
  await preview.waitForStep((s) => s >= 10, 'an automatic preview at step 10 or later');

  // Play with sound: the AudioContext runs and the playhead and the skeleton move.
  await preview.play();
  await expect(preview.byTestId('preview-playback')).toHaveAttribute('data-audio-state', 'running');
  await expect.poll(() => preview.seconds(), { message: 'the playhead advances' }).toBeGreaterThan(0.5);
  const movingFrame = await preview.frame();
  await expect.poll(() => preview.frame()).not.toBe(movingFrame);
  await page.screenshot({ path: `${SCREENS}/preview-playing.png` });
  await preview.pause();

  // Scrub: the skeleton shows that moment; speed and loop are there to change.
  await preview.scrubTo(4);
  await expect.poll(() => preview.seconds()).toBeCloseTo(4, 1);
  await expect.poll(() => preview.frame()).toBe(120);
  await preview.byTestId('preview-speed').selectOption('0.5');
  await preview.byTestId('preview-loop').uncheck();
  await preview.play();
  await expect.poll(() => preview.seconds()).toBeGreaterThan(4.1);
  await preview.pause();

  // Overlay puts both figures on one spot, still both drawn.
  await preview.byTestId('preview-layout-overlay').click();
  await expect.poll(async () => (await preview.pixelCounts({ truth: TRUTH })).truth).toBeGreaterThan(100);
  await page.screenshot({ path: `${SCREENS}/preview-overlay.png` });
  await preview.byTestId('preview-layout-side').click();

  // p: a fresh preview from the live model, newer than what was on screen (automatic ones off, so it is p's).
  await preview.byTestId('preview-interval').selectOption('0');
  await expect(preview.byTestId('preview-interval')).toHaveValue('0');
  const before = (await preview.shownStep())!;
  await studio.waitForStepAbove(before + 3);
  await page.locator('body').press('p');
  const refreshed = await preview.waitForStep((s) => s > before, 'p brings a newer step');

  // The history: step 0 is there to go back to, and "Latest" follows new previews again.
  await preview.historyItems().first().click();
  await preview.waitForStep((s) => s === 0, 'history goes back to step 0');
  await expect(preview.byTestId('preview-caption')).toContainText('from history');
  await preview.byTestId('preview-follow').click();
  await preview.waitForStep((s) => s >= refreshed, 'Latest follows the newest preview again');

  // Two snapshots, compared on the same clip side by side.
  const first = await snapshots.take();
  const firstId = (await first.getAttribute('data-snapshot-id'))!;
  await studio.waitForStepAbove((await snapshots.stepOf(first)) + 20);
  const second = await snapshots.take();
  const secondId = (await second.getAttribute('data-snapshot-id'))!;
  expect(secondId).not.toBe(firstId);
  await preview.compare(firstId, secondId);
  await expect.poll(() => preview.bones()).toBe(24);
  await expect.poll(async () => (await preview.pixelCounts({ second: SECOND })).second).toBeGreaterThan(200);
  await expect(preview.byTestId('preview-caption')).toContainText('Snapshots at step');
  await preview.panel.screenshot({ path: `${SCREENS}/preview-compare.png` });
  await page.screenshot({ path: `${SCREENS}/preview-main.png` });
  await preview.byTestId('preview-compare-close').click();
  await expect(preview.panel).not.toHaveAttribute('data-comparing', /.*/);

  // A reloaded window shows the newest kept preview at once and has the history back. This
  // window also sets the ground truth's design token (tokens.css): the scene and legend draw in it.
  const newest = (await preview.shownStep())!;
  await page.addInitScript({ content: `document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = 'html:root { --preview-truth: #ff00ff; }'; document.head.append(s); });` });
  await page.reload();
  await expect(studio.byTestId('connection-state')).toHaveText('connected');
  await preview.waitForStep((s) => s >= newest, 'the newest preview is back after a reload');
  await expect.poll(() => preview.bones()).toBe(24);
  expect(await preview.historyItems().count()).toBeGreaterThan(3);
  await expect.poll(async () => (await preview.pixelCounts({ token: [0xff, 0x00, 0xff] })).token, { message: 'ground truth drawn in the token’s colour' }).toBeGreaterThan(200);
  await expect(preview.panel.locator('.preview-legend i').nth(1)).toHaveCSS('background-color', 'rgb(255, 0, 255)');
});

test('the preview grid: four validation clips with their numbers, a tile to the big view with its sound, the camera framed again, enlarged until Esc', async ({ studio, page }) => {
  test.setTimeout(240_000);
  const preview = new PreviewPanel(page);
  await studio.createProject('preview-grid', 'Preview grid');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');
  await preview.waitForStep((s) => s === 0, 'the step-0 preview shows');

  // The grid: the same four validation clips every time, each generated beside its truth with its own numbers.
  await expect(preview.tiles()).toHaveCount(4);
  await expect.poll(async () => (await preview.tiles().getByTestId('preview-tile-canvas').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-bones')))))).toEqual([24, 24, 24, 24]);
  const numbers = await preview.tileNumbers();
  expect(numbers.map((n) => n.clip)).toEqual(['clip-000', 'clip-001', 'clip-002', 'clip-003']);
  for (const n of numbers) {
    expect(n.likeness).toMatch(/^likeness \d{1,3}%$/);
    expect(n.wobble).toMatch(/^wobble [\d.]+% \([\d.,]+× truth\)$/);
    expect(n.wobbleTitle).toContain('above 4 Hz');
  }
  await expect(preview.tile('clip-000')).toHaveAttribute('aria-current', 'true');
  await preview.byTestId('preview-grid').screenshot({ path: `${SCREENS}/preview-grid.png` });
  await page.screenshot({ path: `${SCREENS}/preview-grid-window.png` });

  // A tile click puts that clip in the big view, with its own sound fetched once.
  await preview.tile('clip-002').click();
  await expect(preview.byTestId('preview-caption')).toContainText('clip-002');
  await expect(preview.tile('clip-002')).toHaveAttribute('aria-current', 'true');
  await expect(preview.byTestId('preview-sound-waiting')).toHaveCount(0);
  await expect(preview.byTestId('preview-playback')).toHaveAttribute('data-audio-state', 'suspended');
  await preview.tile('clip-000').click();
  await expect(preview.byTestId('preview-caption')).toContainText('clip-000');

  // The camera: a drag orbits and the wheel zooms; a double-click and the reset button frame it again.
  await expect.poll(() => preview.camera()).not.toBeNull();
  const framed = await preview.camera();
  await preview.orbit();
  await expect.poll(() => preview.camera(), { message: 'a drag orbits the camera' }).not.toBe(framed);
  await preview.canvas.dblclick();
  await expect.poll(() => preview.camera(), { message: 'a double-click frames it again' }).toBe(framed);
  await preview.zoom();
  await expect.poll(() => preview.camera(), { message: 'the wheel zooms' }).not.toBe(framed);
  await preview.byTestId('preview-reset-camera').click();
  await expect.poll(() => preview.camera(), { message: 'the reset button frames it again' }).toBe(framed);

  // Enlarge fills the window with the preview; Esc brings the panel back.
  const small = (await preview.canvas.boundingBox())!;
  await preview.byTestId('preview-enlarge').click();
  await expect(preview.panel).toHaveAttribute('data-enlarged', 'true');
  await expect.poll(async () => (await preview.canvas.boundingBox())!.width).toBeGreaterThan(small.width * 1.5);
  await expect.poll(() => preview.bones()).toBe(24);
  await page.screenshot({ path: `${SCREENS}/preview-enlarged.png` });
  await page.keyboard.press('Escape');
  await expect(preview.panel).toHaveAttribute('data-enlarged', 'false');
});
