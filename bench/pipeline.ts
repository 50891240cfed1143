/**
 * Suite: the trainer → UI metric pipeline, trainer side (the chart's own cost in Chromium is
 * the chart benchmark's).
 *  - Live: the built trainer trains the motion autoencoder (tiny, its fastest steps) and the
 *    client records when each point arrives. The rate is bounded by training speed, so it
 *    shows the pipeline keeps up; "no queue growth" is the arrival lag (arrival − creation
 *    time) late in the window against early in it.
 *  - Capacity: the same process answering metrics/get with the run's whole history: points/s
 *    read, serialised, sent over IPC and parsed by the client.
 *  - Renderer: the pure reducer (renderer/store/apply-event.ts) applying one batch of 500
 *    points (the batcher's largest) to a run that already holds 10k, 100k and 1M points.
 */
import type { MetricPoint } from '../trainer/protocol.js';
import { applyEvent } from '../renderer/store/apply-event.js';
import { initialTrainerView, type TrainerView } from '../renderer/store/trainer-view.js';
import { benchBackend } from './lib/backend.js';
import { benchDataDir } from './lib/built-trainer.js';
import { liveRun, type ObservedPoint } from './lib/live-run.js';
import { median, timeMs } from './lib/timing.js';
import type { BenchResult, BenchRow } from './report.js';

const TARGET_POINTS_PER_SECOND = 2000;
/** Lag may wobble by a batching period (200 ms) without being a growing queue. */
const MAX_LAG_GROWTH_MS = 200;
const LIVE_SECONDS = 15;

export async function pipeline(): Promise<BenchResult> {
  const backend = await benchBackend();
  const rows: BenchRow[] = [];
  const { dir, remove } = benchDataDir();
  try {
    const started = Date.now();
    const run = await liveRun(dir, 'motion-autoencoder', (points) => (points.at(-1)?.arrivedAt ?? 0) - started > LIVE_SECONDS * 1000 + 5000, 120_000);
    try {
      // Skip the first 5 s (start-up, first evaluation); measure the rest.
      const window = run.points.filter((p) => p.arrivedAt - started > 5000);
      const seconds = ((window.at(-1)?.arrivedAt ?? 0) - (window[0]?.arrivedAt ?? 0)) / 1000;
      const lags = window.map(lagMs);
      const third = Math.max(1, Math.floor(lags.length / 3));
      const growth = median(lags.slice(-third)) - median(lags.slice(0, third));
      rows.push(
        { metric: 'live: metric points/s delivered (training-bound)', value: window.length / seconds },
        { metric: 'live: median lag creation → client ms', value: median(lags) },
        { metric: 'live: lag growth, last third vs first ms', value: growth, target: `≤ ${MAX_LAG_GROWTH_MS} (no queue growth)`, met: growth <= MAX_LAG_GROWTH_MS },
      );
      const history = await run.history();
      const rate = history.points / (history.ms / 1000);
      rows.push(
        { metric: `capacity: history of ${history.points} points, points/s`, value: rate, target: `≥ ${TARGET_POINTS_PER_SECOND}`, met: rate >= TARGET_POINTS_PER_SECOND },
      );
    } finally {
      await run.stop();
    }
  } finally {
    remove();
  }
  for (const held of [10_000, 100_000, 1_000_000]) {
    // Each batch goes onto the state the previous one produced, as in the live store.
    let state = viewWithPoints(held);
    let step = held;
    const ms = timeMs(() => {
      state = applyEvent(state, { type: 'metrics/batch', runId: 'r', branch: 'main', points: makePoints(step, 500) });
      step += 500;
    }, 9, 2);
    rows.push({ metric: `renderer: apply 500 points to a run holding ${held.toLocaleString('en')} ms`, value: ms });
  }
  return { name: 'pipeline (trainer → client metric events; renderer reducer)', backend, rows };
}

function lagMs(observed: ObservedPoint): number {
  return observed.arrivedAt - observed.point.time;
}

function makePoints(from: number, count: number): MetricPoint[] {
  return Array.from({ length: count }, (_, i) => ({ step: from + i, time: 0, values: { loss: 1 / (from + i + 1), 'loss/recon': 0.5, gradNorm: 1, lr: 1e-3 } }));
}

function viewWithPoints(count: number): TrainerView {
  const base = applyEvent(initialTrainerView, { type: 'metrics/batch', runId: 'r', branch: 'main', points: makePoints(0, count) });
  return base;
}
