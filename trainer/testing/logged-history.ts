/**
 * Test and benchmark fixture: what a run that trained for a long time leaves on disk. Its
 * metrics log is written with the trainer's own MetricsLog and its run.json says how far it got
 * (stopped at the last step), so a studio that opens the project serves that history through
 * the real trainer, as it would after days of training. The values are made up but shaped like
 * the recipes' own: falling losses, an evaluation every 250 steps, GAN losses once GAN is on,
 * memory every 10 steps, and non-finite steps logged as null (the charts' gaps).
 */
import type { MetricPoint } from '../protocol.js';
import { ProjectStore } from '../project/project-store.js';

export interface HistoryShape {
  /** Steps logged, from step 1. */
  steps: number;
  /** Steps whose loss is logged as non-finite (null), drawn as gaps. */
  nonFinite?: readonly number[];
  /** GAN losses are logged from this step on (GAN switched on); none when absent. */
  ganFrom?: number;
  /**
   * What each evaluation (every 250 steps) reports: 'autoencoder' (val/recon, val/joint_error_pct),
   * or 'audio-to-motion', every key that recipe's evaluation logs: the named likeness series and
   * the headline copying one of them, codebook, validation, smooth/* and beat/*.
   */
  evaluation?: 'autoencoder' | 'audio-to-motion';
  /** From this step on the generator trains instead of the tokenizer: the loss is its token cross-entropy (~3), the headline its likeness. */
  generatorFrom?: number;
}

/** Logs `shape` into run `runId` of the project at `projectDir` and marks the run stopped there; returns every key logged. */
export function writeLoggedHistory(projectDir: string, runId: string, shape: HistoryShape): string[] {
  const project = ProjectStore.read(projectDir);
  const run = project.run(runId);
  if (!run) throw new Error(`writeLoggedHistory: '${projectDir}' has no run '${runId}'`);
  const log = project.openMetricsLog(runId, run.branch);
  const keys = new Set<string>();
  try {
    const CHUNK = 10_000;
    for (let first = 1; first <= shape.steps; first += CHUNK) {
      const points = Array.from({ length: Math.min(CHUNK, shape.steps - first + 1) }, (_, i) => loggedPoint(first + i, shape));
      for (const p of points) for (const key in p.values) keys.add(key);
      log.append(points);
    }
  } finally {
    log.close();
  }
  project.saveRun({ ...run, state: 'stopped', step: shape.steps });
  return [...keys].sort();
}

/** One logged step of `shape`. */
export function loggedPoint(step: number, shape: HistoryShape): MetricPoint {
  const generatorFrom = shape.generatorFrom ?? Infinity;
  const generating = step >= generatorFrom;
  // The tokenizer's loss falls towards ~0.05; the generator's cross-entropy starts near 3.
  const loss = generating ? 1.2 + 2 / (1 + (step - generatorFrom) / 2000) + 0.1 * Math.sin(step * 0.37) : 0.05 + 2 / (1 + step / 20_000) + 0.08 * Math.sin(step * 0.37);
  const a2m = shape.evaluation === 'audio-to-motion';
  const terms: Record<string, number> = generating
    ? { 'loss/tokens': loss }
    : { 'loss/recon': loss * 0.7, 'loss/velocity': loss * 0.2 + 0.01 * Math.cos(step * 0.11), ...(a2m ? { 'loss/commit': loss * 0.1 } : {}) };
  const values: Record<string, number | null> = {
    loss: shape.nonFinite?.includes(step) ? null : loss,
    ...terms,
    lr: 2e-4 * Math.min(1, step / 2000),
    stepsPerSec: 6 + Math.sin(step / 900),
  };
  if (a2m) values.gradNorm = 1 + 0.5 * Math.abs(Math.sin(step / 40));
  if (shape.ganFrom !== undefined && step >= shape.ganFrom) Object.assign(values, { 'gan/d_loss': 0.69 + 0.05 * Math.sin(step / 50), 'gan/g_adv': 0.7 + 0.05 * Math.cos(step / 70) });
  if (step % 10 === 0) Object.assign(values, { 'mem/rssMB': 400 + step / 10_000, 'mem/tensorMB': 24 });
  if (step % 250 === 0 && a2m) Object.assign(values, audioToMotionEvaluation(step / shape.steps, generating));
  else if (step % 250 === 0) Object.assign(values, { 'val/recon': loss * 0.8, 'val/joint_error_pct': 100 * loss * 0.05 });
  return { step, time: step / 6, values };
}

/** One evaluation of the audio-to-motion recipe `t` of the way through the run, with plausible values. */
function audioToMotionEvaluation(t: number, generating: boolean): Record<string, number> {
  const tokenizer = 60 + 30 * t;
  const generator = generating ? 20 + 45 * t : 2 + 3 * t;
  return {
    'val/recon': 0.05 + 0.2 * (1 - t),
    'val/tokenizer_likeness': tokenizer,
    'val/codebook_usage': 0.4 + 0.5 * t,
    'val/perplexity': 40 - 30 * t,
    'val/token_accuracy': 0.1 + 0.4 * t,
    'val/fd_g': 0.01 * (1.2 - t),
    'val/fd_k': 0.5 * (1.2 - t),
    'val/diversity': 0.3 + 0.2 * t,
    'val/beat_align': 0.2 + 0.1 * t,
    'val/generator_likeness': generator,
    // The headline copies the series of the part being trained.
    likeness: generating ? generator : tokenizer,
    'smooth/recon_hf_share': 12 - 4 * t,
    'smooth/generated_hf_share': 20 - 10 * t,
    'smooth/truth_hf_share': 8,
    'smooth/recon_hf_ratio': 1.5 - 0.4 * t,
    'smooth/generated_hf_ratio': 2.5 - 1.2 * t,
    'smooth/recon_jerk_ratio': 1.4 - 0.3 * t,
    'smooth/generated_jerk_ratio': 2.2 - t,
    'smooth/recon_jerk': 30 - 8 * t,
    'smooth/generated_jerk': 45 - 20 * t,
    'smooth/truth_jerk': 22,
    'beat/align': 0.2 + 0.1 * t,
    'beat/align_shifted': 0.18,
    'beat/align_gain': 0.02 + 0.1 * t,
    'beat/truth_align': 0.34,
    'beat/truth_align_shifted': 0.19,
    'beat/truth_align_gain': 0.15,
    'beat/speed_loudness_r': 0.05 + 0.3 * t,
    'beat/truth_speed_loudness_r': 0.42,
  };
}
