/**
 * The words under a preview tile, from the numbers the trainer measured (PreviewScores): a
 * likeness a person reads as "how close to the real motion", and wobble as "how shaky,
 * compared with the real motion". Formatting only; nothing is measured here.
 */
import type { PreviewScores } from '../../../trainer/protocol';

export const LIKENESS_TITLE =
  'Pose likeness of this clip: how much of the ground truth’s movement away from the dataset’s mean pose the generated motion reproduces. 0% = no closer than standing in the mean pose, 100% = the ground truth.';

export function likenessText(scores: PreviewScores | null): string {
  return scores ? `likeness ${Math.round(scores.likeness)}%` : 'likeness —';
}

/** "wobble 38% (120× truth)": the generated share of high-frequency motion, and how many times the truth's it is. */
export function wobbleText(scores: PreviewScores | null): string {
  if (!scores || scores.wobble === null) return 'wobble —';
  const share = `wobble ${percent(scores.wobble)}`;
  if (scores.truthWobble === null || scores.truthWobble <= 0) return share;
  return `${share} (${times(scores.wobble / scores.truthWobble)} truth)`;
}

export function wobbleTitle(scores: PreviewScores | null): string {
  const what = 'Wobble: the share of joint-velocity power above 4 Hz (root-relative), what a person sees as shaking; real gesture has almost none. Beside it, how many times the ground truth’s share that is (1× = as smooth as the data).';
  if (!scores) return `${what} Not measured for this preview.`;
  const truth = scores.truthWobble === null ? '—' : percent(scores.truthWobble);
  const jerk = scores.jerk === null || scores.truthJerk === null ? '' : ` Mean jerk ${scores.jerk.toFixed(1)} vs ${scores.truthJerk.toFixed(1)} body heights/s³ for the truth.`;
  return `${what} Ground truth: ${truth}.${jerk}`;
}

function percent(share: number): string {
  const p = share * 100;
  return `${p < 1 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

function times(ratio: number): string {
  return `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio).toLocaleString('en-US')}×`;
}
