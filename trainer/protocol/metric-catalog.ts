/**
 * What every logged metric is, as both sides read it: the group it is charted under, its unit,
 * which way is better, and what it means when its name does not say. The trainer checks plans
 * against it (a plateau on a metric the recipe never logs, or watched the wrong way, is refused)
 * and the window groups, labels and explains its charts from it; neither keeps a copy.
 *
 * Groups follow TensorBoard: a key no entry names falls into the group of its first path segment
 * ('probe/x' → "probe"), so a metric a recipe starts logging tomorrow is charted the day it is
 * logged, never dropped.
 */

export interface MetricGroupInfo {
  id: string;
  title: string;
  /** One line on what the group holds. */
  about: string;
}

/** The known groups, in the order they are shown; groups named by an unknown prefix follow, A to Z. */
export const METRIC_GROUPS: readonly MetricGroupInfo[] = [
  { id: 'loss', title: 'Loss by phase', about: "Each phase's total loss and its terms, each on its own scale." },
  { id: 'likeness', title: 'Likeness', about: 'Calibrated: 0% = holding the mean pose, 100% = the ground truth.' },
  { id: 'validation', title: 'Validation', about: 'Scores on the fixed validation clips, at each evaluation.' },
  { id: 'codebook', title: 'Codebook', about: "The motion tokenizer's codebook." },
  { id: 'smoothness', title: 'Smoothness', about: 'High-frequency power and jerk, beside the ground truth.' },
  { id: 'beat', title: 'Beat sync', about: 'Motion against the audio, beside the ground truth and shifted audio (a control).' },
  { id: 'gan', title: 'GAN', about: 'Discriminator and adversarial losses, while GAN is on.' },
  { id: 'optimizer', title: 'Optimizer', about: 'Learning rate and gradient norm.' },
  { id: 'numerics', title: 'Numerics', about: 'FP16 loss scale and steps skipped for overflow or a non-finite loss.' },
  { id: 'speed', title: 'Speed', about: 'Training steps per second and evaluations skipped to keep up.' },
  { id: 'memory', title: 'Memory', about: 'Tensor memory (what a leak grows) and the whole process.' },
];

export interface MetricInfo {
  /** A METRIC_GROUPS id, or an unknown key's first path segment. */
  group: string;
  /** 'higher' for a likeness, 'lower' for a loss; absent where neither is (a learning rate, a diversity). */
  better?: 'higher' | 'lower';
  /** What it means beyond its name, when that is not plain. */
  about?: string;
}

/** Keys named one by one: the training loop's own, and the recipes' (each recipe lists the keys it logs: Recipe.metrics). */
const BY_KEY: Readonly<Record<string, MetricInfo>> = {
  loss: { group: 'loss', better: 'lower' },
  likeness: { group: 'likeness', better: 'higher', about: 'the headline: a copy of the likeness series of the part being trained' },
  'val/recon': { group: 'loss', better: 'lower', about: 'the reconstruction loss on the validation clips' },
  'val/joint_error_pct': { group: 'likeness', better: 'lower', about: 'mean joint position error on the validation clips, % of body height (lower is better)' },
  'val/recon_pck': { group: 'validation', better: 'higher', about: 'share of reconstructed joints within 5% of body height of the truth (the mean pose alone scores about 88%)' },
  'val/codebook_usage': { group: 'codebook', better: 'higher', about: 'share of the codes the validation clips use' },
  'val/perplexity': { group: 'validation', better: 'lower' },
  'val/token_accuracy': { group: 'validation', better: 'higher' },
  'val/fd_g': { group: 'validation', better: 'lower' },
  'val/fd_k': { group: 'validation', better: 'lower' },
  'val/diversity': { group: 'validation' },
  'val/beat_align': { group: 'beat' },
  'beat/align_gain': { group: 'beat', better: 'higher', about: 'BeatAlign against the real audio minus against audio shifted by 1.5 s: the part that follows the speech' },
  'beat/speed_loudness_r': { group: 'beat', better: 'higher', about: 'correlation of joint speed with audio loudness at lag 0' },
  lr: { group: 'optimizer' },
  gradNorm: { group: 'optimizer' },
  lossScale: { group: 'numerics' },
  skippedSteps: { group: 'numerics', about: 'steps whose scaled gradients overflowed FP16, so were not applied' },
  nonFiniteSteps: { group: 'numerics', about: 'steps whose loss was NaN or infinite, so were not applied' },
  stepsPerSec: { group: 'speed', better: 'higher' },
  'debug/evalSkipped': { group: 'speed', about: 'evaluations skipped because the previous one was still running' },
  'growth/level': { group: 'growth', about: 'the growth level the model trains at (0 = the coarsest frame rate)' },
  'growth/alpha': { group: 'growth', about: 'how far the newest growth level is faded in (1 = fully)' },
};

/** Groups whose name is friendlier than their prefix. */
const BY_PREFIX: Readonly<Record<string, string>> = { loss: 'loss', gan: 'gan', mem: 'memory', smooth: 'smoothness', beat: 'beat', val: 'validation' };

/** What a logged key is: named one by one, else a likeness series, a loss term, else by its prefix. */
export function metricInfo(key: string): MetricInfo {
  const known = BY_KEY[key];
  if (known !== undefined) return known;
  if (key.endsWith('_likeness')) return { group: 'likeness', better: 'higher' };
  const prefix = key.split('/', 1)[0]!;
  const group = BY_PREFIX[prefix] ?? prefix;
  return group === 'loss' || group === 'gan' ? { group, better: 'lower' } : { group };
}

/** The metrics every run logs whatever its recipe: the training loop's own. */
export const LOOP_METRICS: readonly string[] = [
  'loss', 'lr', 'gradNorm', 'stepsPerSec', 'lossScale', 'skippedSteps', 'nonFiniteSteps', 'gan/d_loss', 'mem/tensorMB', 'mem/rssMB', 'debug/evalSkipped',
  // Runs built to grow only.
  'growth/level', 'growth/alpha',
];
