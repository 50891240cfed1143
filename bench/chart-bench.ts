/**
 * Suite: the charts of a run with 1,000,000 logged steps.
 * In Chromium (the built renderer in serve mode, a real trainer behind it): the run as it is
 * left on disk after training (trainer/testing/logged-history.ts) is reopened; the trainer's
 * answer must stay under 1 MB and the charts must draw within 2 s (issue #19), and the last-5k
 * window fills in from the trainer.
 * In Node: a window that stayed open through all million steps holds every live point; the
 * pieces of one 500-step batch it pays for before React draws anything (the transport's
 * validation, the store's reducer, the chart's own smoothing + LTTB step) must fit a frame,
 * 16 ms (issue 8).
 */
import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/find-chromium.js';
import { ChartsPanel } from '../e2e/pages/charts.js';
import { StudioPage } from '../e2e/pages/studio-page.js';
import { ChartData } from '../renderer/components/chart/chart-data.js';
import { applyEvent } from '../renderer/store/apply-event.js';
import { initialChartSettings } from '../renderer/store/chart-settings.js';
import { MetricLog } from '../renderer/store/metric-log.js';
import { emptyRunData, initialTrainerView, type TrainerView } from '../renderer/store/trainer-view.js';
import { indexFileOf } from '../trainer/project/metrics-file-index.js';
import { writeLoggedHistory } from '../trainer/testing/logged-history.js';
import { startServe } from '../trainer/testing/start-serve.js';
import { TrainerEvent, type MetricPoint } from '../trainer/protocol.js';
import type { BenchResult, BenchRow } from './report.js';

const POINTS = 1_000_000;
const BATCH = 500;
const RUNS = 15;
const FRAME_MS = 16;
/** Issue #19: a reopened run's history answer, and the time until its charts are drawn. */
const ANSWER_BYTES = 1_000_000;
const DRAW_MS = 2000;
const RELOADS = 5;

export async function chartBench(): Promise<BenchResult> {
  const node = nodeFigures();
  const browser = await browserFigures();
  const perBatch = node.validate + node.store + node.chartBatch;
  const rows: BenchRow[] = [
    { metric: 'reopened 1M-step run: largest history answer, bytes', value: browser.answerBytes, target: `< ${ANSWER_BYTES.toLocaleString('en')}`, met: browser.answerBytes < ANSWER_BYTES },
    { metric: '  pick the run → charts drawn, first look since the trainer started (Chromium) ms', value: browser.coldMs, target: `≤ ${DRAW_MS}`, met: browser.coldMs <= DRAW_MS },
    { metric: `  the same after a page reload, median of ${RELOADS} (Chromium) ms`, value: browser.warmMs, target: `≤ ${DRAW_MS}`, met: browser.warmMs <= DRAW_MS },
    { metric: '  the same for a log without its index, scanned once (Chromium) ms', value: browser.scanMs },
    { metric: '  `l` → last-5k window filled in from the trainer (Chromium) ms', value: browser.window5kMs },
    { metric: '  points drawn, all charts', value: browser.drawn },
    { metric: 'window open through 1M live steps: one 500-step batch, all parts (Node) ms', value: perBatch, target: `≤ ${FRAME_MS}`, met: perBatch <= FRAME_MS },
    { metric: '  transport: validate the batch ms', value: node.validate },
    { metric: '  store: apply it ms', value: node.store },
    { metric: '  chart data: smooth + LTTB ms', value: node.chartBatch },
    { metric: 'chart data: first frame of 1M steps (Node) ms', value: node.chartCold },
  ];
  return { name: `charts (${POINTS.toLocaleString('en')} points per series)`, backend: 'chromium', rows };
}

/** One logged step as the trainer reports it: five per-step series, memory every 10 steps. */
function point(step: number): MetricPoint {
  const loss = 0.05 + 2 / (1 + step / 20_000) + 0.08 * Math.sin(step * 0.37);
  const values: Record<string, number | null> = { loss, 'loss/recon': loss * 0.7, 'loss/velocity': loss * 0.2, lr: 2e-4, stepsPerSec: 6 + Math.sin(step / 900) };
  if (step % 10 === 0) Object.assign(values, { 'mem/rssMB': 400, 'mem/tensorMB': 24 });
  return { step, time: step / 6, values };
}

function batchFrom(first: number): MetricPoint[] {
  return Array.from({ length: BATCH }, (_, i) => point(first + i));
}

function nodeFigures(): { store: number; validate: number; chartBatch: number; chartCold: number } {
  let metrics = Array.from({ length: POINTS }, (_, i) => point(i + 1));
  // Each batch goes onto the state the previous one produced, as in the live store.
  let state: TrainerView = { ...initialTrainerView, activeRunId: 'r', runData: { r: { ...emptyRunData, metrics: MetricLog.of(metrics) } } };
  const event = { type: 'metrics/batch', runId: 'r', branch: 'main', points: batchFrom(POINTS + 1) } as const;
  const storeBatches = Array.from({ length: RUNS + 3 }, (_, k) => batchFrom(POINTS + 1 + k * BATCH));
  let storeBatch = 0;
  const store = medianMs(() => {
    state = applyEvent(state, { type: 'metrics/batch', runId: 'r', branch: 'main', points: storeBatches[storeBatch++]! });
  });
  const wire = JSON.parse(JSON.stringify(event)) as unknown;
  const validate = medianMs(() => TrainerEvent.parse(wire));

  const data = new ChartData();
  const coldStart = performance.now();
  data.frame(metrics, [], initialChartSettings, 'r');
  const chartCold = performance.now() - coldStart;
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    metrics = metrics.concat(batchFrom(POINTS + 1 + k * BATCH));
    const start = performance.now();
    data.frame(metrics, [], initialChartSettings, 'r');
    times.push(performance.now() - start);
  }
  return { store, validate, chartBatch: median(times), chartCold };
}

/**
 * A run that logged POINTS steps, reopened: the trainer reads its log from disk and answers with
 * a page of it. Times the pick of the run until its charts are drawn: the first look (the log's
 * index read from disk), after a page reload (the trainer holds the index), and for a log
 * without its index (scanned); then the 5k window's fill-in from the trainer. Weighs each
 * answer as the WebSocket carried it.
 */
async function browserFigures(): Promise<{ coldMs: number; warmMs: number; scanMs: number; answerBytes: number; window5kMs: number; drawn: number }> {
  if (!existsSync('dist/trainer/serve.js') || !existsSync('dist/renderer/index.html')) {
    throw new Error('chart bench: dist/ is missing or incomplete; run `npm run build` first (the bench measures the built renderer).');
  }
  const executablePath = findChromium() ?? '/usr/bin/chromium';
  const dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-chart-bench-'));
  const serve = await startServe(dataDir, { built: true });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const answers: number[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => void (typeof payload === 'string' && payload.includes('"type":"metrics/history"') && answers.push(payload.length))));
    const studio = new StudioPage(page);
    await studio.open(serve.pageUrl);
    await studio.createProject('chart-bench', 'Chart bench');
    await studio.newRun('motion-autoencoder');
    const runId = await studio.activeRunId();
    writeLoggedHistory(join(dataDir, 'chart-bench'), runId, { steps: POINTS, nonFinite: [123_456], ganFrom: POINTS / 2 });
    await studio.openProject('chart-bench');
    await studio.runItem(runId).and(page.locator('[data-state="stopped"]')).waitFor();
    const charts = new ChartsPanel(page);
    const pickAndDraw = async () => {
      const start = performance.now();
      await studio.runItem(runId).click();
      await page.locator(`[data-testid="loss-chart"][data-logged-step="${POINTS}"]`).waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="chart-loss"] path.recharts-line-curve').first().waitFor();
      return performance.now() - start;
    };
    const coldMs = await pickAndDraw();
    const warm: number[] = [];
    for (let k = 0; k < RELOADS; k++) {
      await page.reload();
      await page.getByTestId('connection-state').filter({ hasText: 'connected' }).waitFor();
      warm.push(await pickAndDraw());
    }
    // A log left without its index (a run from before indexes, or one the index fell behind): scanned once.
    const log = join(dataDir, 'chart-bench', 'runs', runId, 'metrics.jsonl');
    rmSync(indexFileOf(log));
    utimesSync(log, new Date(), new Date());
    await page.reload();
    await page.getByTestId('connection-state').filter({ hasText: 'connected' }).waitFor();
    const scanMs = await pickAndDraw();
    const drawn = await charts.drawnVertices();
    const start = performance.now();
    await page.locator('body').press('l');
    await page.waitForFunction(() => Number((globalThis as unknown as RangePoints).document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-range-points')) > 3000, undefined, { timeout: 60_000 });
    const window5kMs = performance.now() - start;
    return { coldMs, warmMs: median(warm), scanMs, answerBytes: Math.max(...answers), window5kMs, drawn };
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The one browser global the page function above reads (bench compiles without the DOM library). */
interface RangePoints {
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
}

function medianMs(fn: () => void): number {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
