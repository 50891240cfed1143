/**
 * The total loss, split by phase. A recipe that trains its parts in turn logs a total `loss`
 * that changes meaning: in audio-to-motion it is the tokenizer's (~0.05) for thousands of steps,
 * then the generator's token cross-entropy (~3). One line across both squashes the first part
 * flat and joins two unrelated quantities. So a point's phase is the set of `loss/*` terms
 * logged with it (the trainer logs every term it sums), and the total is drawn as one series
 * per phase, named by its terms: "loss (recon, velocity, commit)", "loss (tokens)". No recipe
 * name is known here; the rule only reads which terms came with the total.
 */

export const TOTAL_LOSS = 'loss';
const TERM_PREFIX = 'loss/';

export const isLossTerm = (key: string): boolean => key.startsWith(TERM_PREFIX);

/** One phase: the series key its totals are drawn under, and the terms (full keys) it sums. */
export interface LossPhase {
  key: string;
  terms: readonly string[];
}

/** "loss (recon, velocity, commit)"; a total logged without terms is plain "loss". */
export function phaseKey(terms: readonly string[]): string {
  return terms.length === 0 ? TOTAL_LOSS : `${TOTAL_LOSS} (${terms.map((t) => t.slice(TERM_PREFIX.length)).join(', ')})`;
}

/** Whether a series key is a phase's total (derived here), not a key the trainer logged. */
export const isPhaseTotal = (key: string): boolean => key === TOTAL_LOSS || key.startsWith(`${TOTAL_LOSS} (`);

/**
 * Assigns each logged total to its phase, point by point, as the log grows. The same set of
 * terms in any order is the same phase; it is named by the order its terms were first logged
 * in, which is the order the recipe sums them. Consecutive points almost always share a phase,
 * so the common case compares the keys with the previous point's and builds no string.
 */
export class PhaseTracker {
  private readonly byIdentity = new Map<string, LossPhase>();
  readonly phases: LossPhase[] = [];
  private previousTerms: string[] = [];
  private previous: LossPhase | null = null;

  /**
   * The phase of a point that logged a total with these terms (its `loss/*` keys, in logged
   * order); `terms` is only read, so a caller may reuse one array for every point.
   */
  phaseOf(terms: readonly string[]): LossPhase {
    if (this.previous && sameList(terms, this.previousTerms)) return this.previous;
    const identity = [...terms].sort().join('\n');
    let phase = this.byIdentity.get(identity);
    if (!phase) {
      phase = { key: phaseKey(terms), terms: [...terms] };
      this.byIdentity.set(identity, phase);
      this.phases.push(phase);
    }
    this.previous = phase;
    this.previousTerms = [...terms];
    return phase;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
