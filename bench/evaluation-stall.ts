/**
 * Suite: how much periodic evaluation (validation metrics + preview generation) costs the
 * training rate, in the real built trainer on audio-to-motion tiny (evaluation every
 * evalEvery steps, in the training process itself). Measured from the metric points' own
 * timestamps: steps/s over whole evaluation periods, against steps/s of the steps between
 * evaluations (the median step interval). Evaluation in a second process is not built, so this
 * figure is what a person sees today.
 */
import { benchBackend } from './lib/backend.js';
import { benchDataDir } from './lib/built-trainer.js';
import { liveRun } from './lib/live-run.js';
import { median } from './lib/timing.js';
import type { BenchResult } from './report.js';

const TARGET_KEPT_PERCENT = 90;
/** Two evaluation periods of the tiny preset (evalEvery 250) after the first. */
const STEPS = 760;

export async function evaluationStall(): Promise<BenchResult> {
  const backend = await benchBackend();
  const { dir, remove } = benchDataDir();
  try {
    const run = await liveRun(dir, 'audio-to-motion', (points) => (points.at(-1)?.point.step ?? 0) >= STEPS, 30 * 60_000);
    await run.stop();
    const points = run.points.map((p) => p.point).filter((p) => p.step >= 250 && p.step < 750);
    const evaluations = points.filter((p) => Object.keys(p.values).some((k) => k.startsWith('val/'))).length;
    const first = points[0];
    const last = points.at(-1);
    if (!first || !last) throw new Error('evaluation-stall: the run reported no metric points between steps 250 and 750');
    const overall = (last.step - first.step) / ((last.time - first.time) / 1000);
    const intervals = points.slice(1).map((p, i) => (p.time - (points[i] as typeof p).time) / (p.step - (points[i] as typeof p).step));
    const between = 1000 / median(intervals);
    const kept = (100 * overall) / between;
    return {
      name: 'evaluation stall (audio-to-motion tiny, built trainer, steps 250-750)',
      backend,
      rows: [
        { metric: 'steps/s between evaluations', value: between },
        { metric: 'steps/s including evaluations', value: overall },
        { metric: 'evaluations in the window', value: evaluations },
        { metric: 'training rate kept %', value: kept, target: `≥ ${TARGET_KEPT_PERCENT}`, met: kept >= TARGET_KEPT_PERCENT },
      ],
    };
  } finally {
    remove();
  }
}
