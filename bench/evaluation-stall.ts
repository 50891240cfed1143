/**
 * Suite: how much periodic evaluation (validation metrics + preview generation) costs the
 * training rate, in the real built trainer on audio-to-motion tiny (evaluation every
 * evalEvery steps). Measured twice: with evaluation in its second process (the default) and
 * in the training process (STAGECRAFT_EVAL_IN_PROCESS=1, the fallback), from the training
 * points' own timestamps: steps/s over whole evaluation periods, against steps/s of the
 * steps between evaluations (the median step interval). Late points (the worker's answers,
 * logged after newer steps) are counted as evaluations but not as steps.
 */
import type { MetricPoint } from '../trainer/protocol.js';
import { EVAL_IN_PROCESS_ENV } from '../trainer/evaluation/background-evaluation.js';
import { benchBackend } from './lib/backend.js';
import { benchDataDir } from './lib/built-trainer.js';
import { liveRun } from './lib/live-run.js';
import { median } from './lib/timing.js';
import type { BenchResult, BenchRow } from './report.js';

const TARGET_KEPT_PERCENT = 90;
/** Two evaluation periods of the tiny preset (evalEvery 250) after the first. */
const FROM = 250;
const TO = 750;

interface Stall {
  between: number;
  overall: number;
  evaluations: number;
  kept: number;
}

async function measure(inProcess: boolean): Promise<Stall> {
  const { dir, remove } = benchDataDir();
  try {
    // Past TO by a margin, so the worker's answer for step TO has time to arrive.
    const done = (points: { point: MetricPoint }[]) => (points.at(-1)?.point.step ?? 0) >= TO + 60;
    const run = await liveRun(dir, 'audio-to-motion', done, 30 * 60_000, { [EVAL_IN_PROCESS_ENV]: inProcess ? '1' : '0' });
    await run.stop();
    const all = run.points.map((p) => p.point).filter((p) => p.step >= FROM && p.step < TO);
    const evaluations = all.filter((p) => Object.keys(p.values).some((k) => k.startsWith('val/'))).length;
    const steps = all.filter((p) => p.late !== true);
    const first = steps[0];
    const last = steps.at(-1);
    if (!first || !last) throw new Error(`evaluation-stall: the run reported no metric points between steps ${FROM} and ${TO}`);
    const overall = (last.step - first.step) / ((last.time - first.time) / 1000);
    const intervals = steps.slice(1).map((p, i) => (p.time - (steps[i] as MetricPoint).time) / (p.step - (steps[i] as MetricPoint).step));
    const between = 1000 / median(intervals);
    return { between, overall, evaluations, kept: (100 * overall) / between };
  } finally {
    remove();
  }
}

function rows(label: string, stall: Stall, target: boolean): BenchRow[] {
  return [
    { metric: `${label}: steps/s between evaluations`, value: stall.between },
    { metric: `${label}: steps/s including evaluations`, value: stall.overall },
    { metric: `${label}: evaluations in the window`, value: stall.evaluations },
    target
      ? { metric: `${label}: training rate kept %`, value: stall.kept, target: `≥ ${TARGET_KEPT_PERCENT}`, met: stall.kept >= TARGET_KEPT_PERCENT }
      : { metric: `${label}: training rate kept %`, value: stall.kept },
  ];
}

export async function evaluationStall(): Promise<BenchResult> {
  const backend = await benchBackend();
  const worker = await measure(false);
  const inProcess = await measure(true);
  return {
    name: `evaluation stall (audio-to-motion tiny, built trainer, steps ${FROM}-${TO})`,
    backend,
    rows: [...rows('evaluation worker', worker, true), ...rows('in-process fallback', inProcess, false)],
  };
}
