/**
 * Suite: the charts with 1,000,000 logged points per series. In Chromium (the built renderer in
 * serve mode, a real trainer behind it, the steps delivered through the renderer's dev feed):
 * how long one 500-step batch takes to show, for the whole run and for the last-5k window.
 * In Node: the pieces of that update the renderer pays for before React draws anything: the
 * transport's validation, the store's reducer, and the chart's own smoothing + LTTB step.
 * Target (issue 8): chart update with 1,000,000 points ≤ 16 ms.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/find-chromium.js';
import { ChartsPanel } from '../e2e/pages/charts.js';
import { ChartData } from '../renderer/components/chart/chart-data.js';
import { applyEvent } from '../renderer/store/apply-event.js';
import { initialChartSettings } from '../renderer/store/chart-settings.js';
import { MetricLog } from '../renderer/store/metric-log.js';
import { emptyRunData, initialTrainerView, type TrainerView } from '../renderer/store/trainer-view.js';
import { startServe } from '../trainer/testing/start-serve.js';
import { TrainerEvent, type MetricPoint } from '../trainer/protocol.js';
import type { BenchResult, BenchRow } from './report.js';

const POINTS = 1_000_000;
const BATCH = 500;
const RUNS = 15;
const FRAME_MS = 16;

export async function chartBench(): Promise<BenchResult> {
  const node = nodeFigures();
  const browser = await browserFigures();
  const rows: BenchRow[] = [
    { metric: 'chart update, 500-step batch on 1M points/series (Chromium) ms', value: browser.update, target: `≤ ${FRAME_MS}`, met: browser.update <= FRAME_MS },
    { metric: '  … until the next frame (Chromium) ms', value: browser.frame },
    { metric: 'chart update in the last-5k window (Chromium) ms', value: browser.window5k, target: `≤ ${FRAME_MS}`, met: browser.window5k <= FRAME_MS },
    { metric: 'points drawn, all charts', value: browser.drawn },
    { metric: 'store: apply one 500-point batch at 1M (Node) ms', value: node.store },
    { metric: 'transport: validate one 500-point batch (Node) ms', value: node.validate },
    { metric: 'chart data: one batch at 1M, smooth + LTTB (Node) ms', value: node.chartBatch },
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

async function browserFigures(): Promise<{ update: number; frame: number; window5k: number; drawn: number }> {
  if (!existsSync('dist/trainer/serve.js') || !existsSync('dist/renderer/index.html')) {
    throw new Error('chart bench: dist/ is missing or incomplete; run `npm run build` first (the bench measures the built renderer).');
  }
  const executablePath = findChromium() ?? '/usr/bin/chromium';
  const dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-chart-bench-'));
  const serve = await startServe(dataDir, { built: true });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${serve.pageUrl}&dev-feed`);
    await page.getByTestId('connection-state').filter({ hasText: 'connected' }).waitFor();
    await page.getByTestId('project-path-input').fill('chart-bench');
    await page.getByTestId('project-name-input').fill('Chart bench');
    await page.getByTestId('create-project-button').click();
    await page.getByTestId('new-run-button').click();
    await page.getByTestId('new-run-recipe').selectOption('motion-autoencoder');
    await page.getByTestId('new-run-create').click();
    const run = page.getByTestId('run-item').first();
    await run.click();
    const runId = (await run.getAttribute('data-run-id'))!;
    const charts = new ChartsPanel(page);
    await charts.feed({ runId, from: 1, count: POINTS, batch: BATCH, nonFinite: [], ganFrom: Infinity });
    await page.locator(`[data-testid="loss-chart"][data-points="${POINTS}"]`).waitFor({ timeout: 180_000 });

    let next = POINTS + 1;
    const timeBatches = async (runs: number) => {
      const timings = [];
      for (let k = 0; k < runs; k++, next += BATCH) timings.push(await charts.timeOneBatch(runId, next));
      return timings;
    };
    await timeBatches(3);
    const all = await timeBatches(RUNS);
    const drawn = await charts.drawnVertices();
    await page.locator('body').press('l');
    await charts.windowButton(5000).and(page.locator('[aria-pressed="true"]')).waitFor();
    await timeBatches(2);
    const windowed = await timeBatches(RUNS);
    return {
      update: median(all.map((t) => t.updateMs)),
      frame: median(all.map((t) => t.frameMs)),
      window5k: median(windowed.map((t) => t.updateMs)),
      drawn,
    };
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
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
