/**
 * What a series is called in its chart's legend and hover readout. The chart's title already
 * names the quantity ("Jerk"), so a series is named by whose it is: "generated",
 * "reconstruction", "ground truth", or a control ("shifted audio"). The logged key is always in
 * the legend entry's tooltip, so a number on screen can be traced to the log and back.
 */
import { isLikenessSeries, likenessLabel, likenessMeaning, metricInfo } from '../../../trainer/protocol';

const NAMES: Readonly<Record<string, string>> = {
  likeness: 'likeness (headline)',
  'val/joint_error_pct': 'joint error (val)',
  'val/perplexity': 'perplexity',
  'val/token_accuracy': 'token accuracy',
  'val/fd_g': 'FD_g',
  'val/fd_k': 'FD_k',
  'val/diversity': 'diversity',
  'val/codebook_usage': 'codes used',
  'val/beat_align': 'generated (val/beat_align)',
  'mem/rssMB': 'process',
  'mem/tensorMB': 'tensors',
  stepsPerSec: 'steps/s',
  lossScale: 'loss scale',
  skippedSteps: 'FP16 overflow',
  nonFiniteSteps: 'non-finite loss',
  gradNorm: 'grad norm',
  'debug/evalSkipped': 'skipped evaluations',
  'gan/d_loss': 'D loss',
  'gan/g_adv': 'G adversarial',
};

export function seriesLabel(key: string): string {
  const named = NAMES[key];
  if (named !== undefined) return named;
  if (isLikenessSeries(key)) return likenessLabel(key);
  const smooth = /^smooth\/(recon|generated|truth)_/.exec(key);
  if (smooth) return WHOSE[smooth[1]!]!;
  const beat = /^beat\/(truth_)?(align|align_shifted|align_gain|speed_loudness_r)$/.exec(key);
  // beat/align, beat/align_gain…: the generated motion's, named without a prefix.
  if (beat) return `${beat[1] ? 'ground truth' : 'generated'}${beat[2] === 'align_shifted' ? ', shifted audio' : ''}`;
  return key;
}

const WHOSE: Readonly<Record<string, string>> = { recon: 'reconstruction', generated: 'generated', truth: 'ground truth' };

/** The tooltip of a legend entry: the logged key, and what it means when that is not plain. */
export function seriesTitle(key: string): string {
  const meaning = isLikenessSeries(key) ? likenessMeaning(key) : metricInfo(key).about;
  return meaning ? `${key}: ${meaning}` : key;
}
