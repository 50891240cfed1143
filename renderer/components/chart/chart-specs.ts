/**
 * Which metric goes on which chart, and how each chart may be drawn. Laid out from the keys the
 * run has logged, so a chart (and its group) shows only once one of its metrics is logged: the
 * GAN chart appears when GAN turns on, the loss-scale chart when FP16 does. Keys that measure
 * one quantity on one scale share a chart ("Jerk": reconstruction, generated, ground truth);
 * a key no chart here knows gets a chart of its own in its group (metric-groups), so every
 * logged key is drawn somewhere. The one exception is the headline `likeness`, a copy of a
 * named likeness series, which is drawn under that series' name instead.
 */
import { isLikenessSeries } from '../../../trainer/protocol';
import { isLossTerm, TOTAL_LOSS, type LossPhase } from './loss-phases';
import { compareGroups, groupOf } from './metric-groups';

export interface ChartSpec {
  id: string;
  /** The group (metric-groups) it is shown under; the loss chart's is 'loss' but it stands above the groups. */
  group: string;
  title: string;
  /** What the y axis measures ("jerk"); with `unit` it is the axis title. */
  quantity: string;
  /** The y axis unit ("MB", "%", "× ground truth"), when it has one. */
  unit?: string;
  /** The series it draws, in drawing order: logged keys, or a loss phase's total (loss-phases). */
  keys: readonly string[];
  /** Noisy per-step curves take the smoothing slider; evaluations and settings never do. */
  smooth: boolean;
  /** 'toggle' follows the log switch; 'always' for quantities that move by powers of two. */
  log: 'toggle' | 'always' | 'never';
  /** Points per series: the loss chart is wide, the small ones about a third of it. */
  pointsPerSeries: number;
  /** The big loss chart at the top. */
  primary?: boolean;
}

/** The y axis title: "memory (MB)". */
export const axisTitle = (spec: ChartSpec): string => (spec.unit ? `${spec.quantity} (${spec.unit})` : spec.quantity);

const PRIMARY_POINTS = 600;
const SMALL_POINTS = 240;

/** A known chart: which keys it takes, and in what order. */
interface Template extends Omit<ChartSpec, 'keys' | 'group' | 'pointsPerSeries' | 'smooth' | 'log'> {
  takes(key: string): boolean;
  smooth?: boolean;
  log?: ChartSpec['log'];
}

const is = (...keys: string[]) => (key: string) => keys.includes(key);

/** Series of one quantity in the order that reads best: generated, reconstruction, ground truth; a control after its series. */
function byRole(key: string): number {
  const role = key.startsWith('val/') ? 3 : key.includes('truth') ? 2 : key.includes('recon') ? 1 : 0;
  return role + (key.endsWith('_shifted') ? 0.5 : 0);
}

/** Every chart but the loss and likeness charts (laid out first, below), in the order shown within a group. */
const TEMPLATES: readonly Template[] = [
  { id: 'joint-error', title: 'Joint error', quantity: 'joint error', unit: '%', takes: is('val/joint_error_pct') },
  { id: 'perplexity', title: 'Token perplexity (teacher-forced)', quantity: 'perplexity', takes: is('val/perplexity') },
  { id: 'token-accuracy', title: 'Token accuracy (teacher-forced)', quantity: 'accuracy', unit: 'fraction', takes: is('val/token_accuracy') },
  { id: 'fd-g', title: 'FD_g (geometric, from audio)', quantity: 'Fréchet distance', takes: is('val/fd_g') },
  { id: 'fd-k', title: 'FD_k (kinetic, from audio)', quantity: 'Fréchet distance', takes: is('val/fd_k') },
  { id: 'diversity', title: 'Diversity (from audio)', quantity: 'diversity', takes: is('val/diversity') },
  { id: 'codebook-usage', title: 'Codebook usage', quantity: 'codes used', unit: 'fraction', takes: is('val/codebook_usage') },
  { id: 'hf-share', title: 'High-frequency share', quantity: 'power above 4 Hz', unit: '%', takes: (k) => /^smooth\/.+_hf_share$/.test(k) },
  { id: 'hf-ratio', title: 'High-frequency ratio (× ground truth)', quantity: 'HF power', unit: '× truth', takes: (k) => /^smooth\/.+_hf_ratio$/.test(k) },
  { id: 'jerk-ratio', title: 'Jerk ratio (× ground truth)', quantity: 'jerk', unit: '× truth', takes: (k) => /^smooth\/.+_jerk_ratio$/.test(k) },
  { id: 'jerk', title: 'Jerk', quantity: 'jerk', unit: 'body heights/s³', takes: (k) => /^smooth\/.+_jerk$/.test(k) },
  { id: 'beat-align', title: 'Beat alignment', quantity: 'BeatAlign', takes: (k) => /^beat\/(truth_)?align(_shifted)?$/.test(k) || k === 'val/beat_align' },
  { id: 'beat-gain', title: 'Alignment gain over shifted audio', quantity: 'BeatAlign gain', takes: (k) => /^beat\/(truth_)?align_gain$/.test(k) },
  { id: 'speed-loudness', title: 'Speed–loudness correlation', quantity: 'Pearson r', takes: (k) => /^beat\/(truth_)?speed_loudness_r$/.test(k) },
  { id: 'gan', title: 'GAN D / G', quantity: 'loss', takes: (k) => k.startsWith('gan/'), smooth: true, log: 'toggle' },
  { id: 'lr', title: 'Learning rate', quantity: 'learning rate', takes: is('lr') },
  { id: 'grad-norm', title: 'Gradient norm (before clipping)', quantity: 'global L2 norm', takes: is('gradNorm'), smooth: true, log: 'toggle' },
  { id: 'loss-scale', title: 'Loss scale (FP16)', quantity: 'loss scale', takes: is('lossScale'), log: 'always' },
  { id: 'skipped-steps', title: 'Skipped steps', quantity: 'steps skipped', unit: 'total', takes: is('skippedSteps', 'nonFiniteSteps') },
  { id: 'speed', title: 'Steps/s', quantity: 'speed', unit: 'steps/s', takes: is('stepsPerSec'), smooth: true },
  { id: 'eval-skipped', title: 'Skipped evaluations', quantity: 'skipped', unit: 'total', takes: is('debug/evalSkipped') },
  // Tensor memory first: it is what a leak grows.
  { id: 'memory', title: 'Memory', quantity: 'memory', unit: 'MB', takes: (k) => k.startsWith('mem/') },
];

/**
 * The charts for the keys logged so far (in the order first logged) and the loss phases seen:
 * the loss chart first, then the rest ordered by group and, within one, as listed above, with
 * charts of unknown keys last.
 */
export function chartLayout(logged: readonly string[], phases: readonly LossPhase[]): ChartSpec[] {
  const left = new Set(logged);
  const take = (keys: readonly string[]) => keys.forEach((k) => left.delete(k));
  const charts: ChartSpec[] = [];

  // The loss chart: each phase's total (in place of the one 'loss' line), every term, and the validation loss dashed.
  const terms = logged.filter(isLossTerm);
  const lossKeys = [...phases.map((p) => p.key), ...terms, ...logged.filter((k) => k === 'val/recon')];
  take([TOTAL_LOSS, ...lossKeys]);
  if (lossKeys.length > 0) charts.push({ ...small('loss', 'Loss', 'loss', lossKeys, undefined, 'loss'), smooth: true, log: 'toggle', pointsPerSeries: PRIMARY_POINTS, primary: true });
  // With two phases or more, each phase again on its own scale: the small one is not squashed by the big one.
  if (phases.length > 1) {
    phases.forEach((phase, i) => charts.push({ ...small(`loss-phase-${i + 1}`, `Phase ${i + 1}: ${phase.key}`, 'loss', [phase.key, ...phase.terms], undefined, 'loss'), smooth: true, log: 'toggle' }));
  }

  // Likeness: the named series (never the headline copy, which changes meaning); else the headline
  // alone; else the autoencoder's validation joint error, which says the same thing inverted.
  const named = logged.filter(isLikenessSeries);
  const likeness = named.length > 0 ? named : logged.includes('likeness') ? ['likeness'] : logged.filter((k) => k === 'val/joint_error_pct');
  take(['likeness', ...likeness]);
  if (likeness.length > 0) {
    const jointError = likeness[0] === 'val/joint_error_pct';
    charts.push(small('likeness', 'Likeness', jointError ? 'joint error' : 'likeness', likeness, '%'));
  }

  for (const t of TEMPLATES) {
    const keys = [...left].filter(t.takes).sort((a, b) => byRole(a) - byRole(b) || (t.id === 'memory' ? b.localeCompare(a) : a.localeCompare(b)));
    if (keys.length === 0) continue;
    take(keys);
    charts.push({ ...small(t.id, t.title, t.quantity, keys, t.unit), smooth: t.smooth ?? false, log: t.log ?? 'never' });
  }
  // Anything else: a chart of its own, TensorBoard style, named by its key.
  for (const key of [...left].sort()) charts.push(small(`metric-${key}`, key, key.split('/').at(-1)!, [key]));

  const order = new Map(charts.map((c, i) => [c, i]));
  return charts.sort((a, b) => Number(b.primary ?? false) - Number(a.primary ?? false) || compareGroups(a.group, b.group) || order.get(a)! - order.get(b)!);
}

/** A small evaluation-style chart: raw values, linear axis; its group is its first logged key's. */
function small(id: string, title: string, quantity: string, keys: readonly string[], unit?: string, group = groupOf(keys[0]!)): ChartSpec {
  return { id, group, title, quantity, ...(unit ? { unit } : {}), keys, smooth: false, log: 'never', pointsPerSeries: SMALL_POINTS };
}
