/**
 * Which metric goes on which chart, and how each chart may be drawn. A chart shows only once
 * its metrics are logged, so the GAN chart appears when GAN turns on and the loss-scale chart
 * when FP16 does.
 */

export interface ChartSpec {
  id: string;
  title: string;
  /** The metrics it draws, picked from the keys the run has logged, in drawing order. */
  keys(logged: readonly string[]): string[];
  /** Noisy per-step curves take the smoothing slider; evaluations and settings never do. */
  smooth: boolean;
  /** 'toggle' follows the log switch; 'always' for quantities that move by powers of two. */
  log: 'toggle' | 'always' | 'never';
  /** Points per series: the loss chart is wide, the small ones about a third of it. */
  pointsPerSeries: number;
  /** Short unit for the title ("MB", "%"). */
  unit?: string;
}

const isLoss = (k: string) => k === 'loss' || k.startsWith('loss/') || k === 'val/recon';
const isLikeness = (k: string) => k === 'likeness' || k.endsWith('_likeness');

export const LOSS_CHART: ChartSpec = {
  id: 'loss',
  title: 'Loss',
  keys: (logged) => logged.filter(isLoss).sort(byLossFirst),
  smooth: true,
  log: 'toggle',
  pointsPerSeries: 600,
};

export const SMALL_CHARTS: readonly ChartSpec[] = [
  {
    id: 'likeness',
    title: 'Likeness',
    unit: '%',
    // The autoencoder has no likeness score; its validation joint error says the same thing, inverted.
    keys: (logged) => {
      const likeness = logged.filter(isLikeness).sort();
      return likeness.length > 0 ? likeness : logged.filter((k) => k === 'val/joint_error_pct');
    },
    smooth: false,
    log: 'never',
    pointsPerSeries: 240,
  },
  { id: 'gan', title: 'GAN D / G', keys: (logged) => logged.filter((k) => k.startsWith('gan/')).sort(), smooth: true, log: 'toggle', pointsPerSeries: 240 },
  { id: 'lr', title: 'Learning rate', keys: (logged) => logged.filter((k) => k === 'lr'), smooth: false, log: 'never', pointsPerSeries: 240 },
  { id: 'loss-scale', title: 'Loss scale', keys: (logged) => logged.filter((k) => k === 'lossScale'), smooth: false, log: 'always', pointsPerSeries: 240 },
  { id: 'speed', title: 'Steps/s', keys: (logged) => logged.filter((k) => k === 'stepsPerSec'), smooth: true, log: 'never', pointsPerSeries: 240 },
  { id: 'memory', title: 'Memory', unit: 'MB', keys: (logged) => logged.filter((k) => k.startsWith('mem/')).sort().reverse(), smooth: false, log: 'never', pointsPerSeries: 240 },
];

export const ALL_CHARTS: readonly ChartSpec[] = [LOSS_CHART, ...SMALL_CHARTS];

/** Display names: the keys are the trainer's, the legend speaks to a person. */
export function seriesLabel(key: string): string {
  if (key === 'val/joint_error_pct') return 'joint error (val)';
  if (key === 'mem/rssMB') return 'process';
  if (key === 'mem/tensorMB') return 'tensors';
  if (key === 'stepsPerSec') return 'steps/s';
  if (key === 'lossScale') return 'loss scale';
  if (key === 'gan/d_loss') return 'D loss';
  if (key === 'gan/g_adv') return 'G adversarial';
  return key;
}

function byLossFirst(a: string, b: string): number {
  if (a === 'loss') return -1;
  if (b === 'loss') return 1;
  return a.localeCompare(b);
}
