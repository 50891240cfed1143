/**
 * Which group a logged metric is charted under, as TensorBoard groups tags by their first path
 * segment. The keys the trainer logs today are placed by hand, so a group says what a person
 * looks for ("Optimizer", "Beat sync") rather than how a key happens to be spelled; every other
 * key falls into the group named by its first path segment ('foo/bar' → "foo"), so a metric a
 * recipe starts logging tomorrow is on screen the day it is logged. No key is ever dropped.
 */

export interface MetricGroup {
  id: string;
  title: string;
  /** One line on what the group holds, for the section header's tooltip. */
  about: string;
}

/** The known groups, in the order they are shown; groups named by an unknown prefix follow, A to Z. */
export const GROUPS: readonly MetricGroup[] = [
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

/** Keys placed by hand: the trainer's own names (training-loop, numerics, the recipes' evaluate). */
const BY_KEY: Readonly<Record<string, string>> = {
  loss: 'loss',
  likeness: 'likeness',
  'val/recon': 'loss',
  'val/joint_error_pct': 'likeness',
  'val/codebook_usage': 'codebook',
  'val/perplexity': 'validation',
  'val/token_accuracy': 'validation',
  'val/fd_g': 'validation',
  'val/fd_k': 'validation',
  'val/diversity': 'validation',
  'val/beat_align': 'beat',
  lr: 'optimizer',
  gradNorm: 'optimizer',
  lossScale: 'numerics',
  skippedSteps: 'numerics',
  nonFiniteSteps: 'numerics',
  stepsPerSec: 'speed',
  'debug/evalSkipped': 'speed',
};

/** Prefixes whose group has a friendlier name than the prefix itself. */
const BY_PREFIX: Readonly<Record<string, string>> = {
  loss: 'loss',
  gan: 'gan',
  mem: 'memory',
  smooth: 'smoothness',
  beat: 'beat',
  val: 'validation',
};

const KNOWN = new Map(GROUPS.map((g) => [g.id, g]));

/** The group id of a logged key: by hand, by a known prefix, else its first path segment. */
export function groupOf(key: string): string {
  const known = BY_KEY[key];
  if (known !== undefined) return known;
  if (key.endsWith('_likeness')) return 'likeness';
  const prefix = key.split('/', 1)[0]!;
  return BY_PREFIX[prefix] ?? prefix;
}

/** A group's title: a known one's, or an unknown prefix as it was logged (TensorBoard shows 'foo'). */
export function groupTitle(id: string): string {
  return KNOWN.get(id)?.title ?? id;
}

export function groupAbout(id: string): string {
  return KNOWN.get(id)?.about ?? `Metrics logged as ${id}/…`;
}

/** Known groups in their order, then unknown ones alphabetically. */
export function compareGroups(a: string, b: string): number {
  const rank = (id: string) => {
    const i = GROUPS.findIndex((g) => g.id === id);
    return i < 0 ? GROUPS.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
