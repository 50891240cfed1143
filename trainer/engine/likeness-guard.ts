/**
 * Watches likeness the way a practitioner does: each phase (the series the recipe's headline
 * likeness follows: the tokenizer's, then the generator's) has a best so far; a new best is
 * worth a snapshot, and a drop of more than `likenessDrop` points below it over
 * `evaluations` evaluations in a row is a warning (and, by default, a pause). Once likeness is
 * back within the margin the warning clears.
 */
import type { GuardSettings } from '../protocol.js';

// The headline and its phase are the protocol's rule (protocol/likeness.ts): the window reads them the same way.
import type { LikenessReading } from '../protocol.js';
export { likenessReading, type LikenessReading } from '../protocol.js';

export type LikenessVerdict =
  | { kind: 'none' }
  | { kind: 'best'; phase: string; value: number; /** Set when this best also ends a drop that was warned about. */ cleared?: string }
  | { kind: 'drop'; phase: string; value: number; best: number; bestStep: number; message: string }
  | { kind: 'recovered'; phase: string; value: number; message: string };

/** A best that beats the previous one by less than this is not worth another snapshot. */
const BEST_MARGIN = 0.5;

export class LikenessGuard {
  private readonly best = new Map<string, { value: number; step: number }>();
  private below = 0;
  private warned = false;

  /** Starts from bests already known (the run's 'best' snapshots), so a continued run does not forget them. */
  constructor(known: Iterable<{ phase: string; value: number; step: number }> = []) {
    for (const b of known) if (b.value > (this.best.get(b.phase)?.value ?? -Infinity)) this.best.set(b.phase, { value: b.value, step: b.step });
  }

  bestOf(phase: string): { value: number; step: number } | undefined {
    return this.best.get(phase);
  }

  observe(step: number, reading: LikenessReading, settings: GuardSettings): LikenessVerdict {
    const best = this.best.get(reading.phase);
    if (!best || reading.value >= best.value + BEST_MARGIN) {
      this.best.set(reading.phase, { value: reading.value, step });
      return this.settle({ kind: 'best', phase: reading.phase, value: reading.value }, reading);
    }
    if (reading.value > best.value) best.value = reading.value;
    const dropped = settings.likenessDrop > 0 && reading.value < best.value - settings.likenessDrop;
    if (!dropped) return this.settle({ kind: 'none' }, reading);
    this.below += 1;
    if (this.below < settings.evaluations || this.warned) return { kind: 'none' };
    this.warned = true;
    const message = `Likeness ${pct(reading.value)} at step ${step.toLocaleString('en')} is ${(best.value - reading.value).toFixed(1)} points below this phase's best (${pct(best.value)} at step ${best.step.toLocaleString('en')}) for ${this.below} evaluations in a row.`;
    return { kind: 'drop', phase: reading.phase, value: reading.value, best: best.value, bestStep: best.step, message };
  }

  /** A reading within the margin ends a drop: the warning it raised clears. */
  private settle(verdict: LikenessVerdict, reading: LikenessReading): LikenessVerdict {
    this.below = 0;
    if (!this.warned) return verdict;
    this.warned = false;
    const message = `Likeness is back to ${pct(reading.value)}.`;
    if (verdict.kind === 'best') return { ...verdict, cleared: message };
    return { kind: 'recovered', phase: reading.phase, value: reading.value, message };
  }
}

function pct(value: number): string {
  return `${value.toFixed(1)}%`;
}
