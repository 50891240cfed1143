/**
 * Watches each step for trouble. A non-finite loss or gradient skips the step (train-step
 * already did); after `maxInARow` such steps the run must pause before it wastes the night.
 * Each loss term far above its own moving average raises a warning, at most once per
 * `quietSteps`; once every term is back near its average the warning clears. The averages
 * restart whenever what is optimised changes (a stage locks the tokenizer and trains the
 * generator): a loss that changed meaning is not a spike.
 */
import type { StepResult } from './train-step.js';

export interface GuardOptions {
  /** Non-finite steps in a row that count as a collapse. */
  maxInARow: number;
  /** A loss term this many times its moving average is a spike. */
  spikeFactor: number;
  /** Steps of a term before its spikes are judged: early losses fall fast and would all look like spikes. */
  warmupSteps: number;
  /** Moving-average weight of the past. */
  smoothing: number;
  /** Steps between two spike warnings. */
  quietSteps: number;
  /**
   * A term's rise counts only when it is at least this share of the whole loss's average: a
   * term worth 0.1% of the loss (a VQ commitment term) swings by multiples without meaning anything.
   */
  minShare: number;
  /** A spike is over once every term has been under `settleFactor`× its average for this many steps. */
  settleSteps: number;
  settleFactor: number;
}

export const DEFAULT_GUARD: GuardOptions = { maxInARow: 5, spikeFactor: 3, warmupSteps: 50, smoothing: 0.98, quietSteps: 100, minShare: 0.1, settleSteps: 50, settleFactor: 1.5 };

export type Verdict =
  | { kind: 'ok' }
  | { kind: 'spike'; message: string }
  | { kind: 'recovered'; message: string }
  | { kind: 'non-finite'; message: string }
  | { kind: 'collapse'; message: string };

/** The terms a step reports that the guard averages: each loss part, or the total when there are none. */
function termsOf(values: Record<string, number>): [string, number][] {
  const parts = Object.entries(values).filter(([k]) => k.startsWith('loss/') || k.startsWith('gan/'));
  return parts.length > 0 ? parts : values.loss === undefined ? [] : [['loss', values.loss]];
}

export class CollapseGuard {
  /** Every step skipped for a non-finite loss or gradient, for the charts. */
  skippedTotal = 0;
  private inARow = 0;
  private readonly averages = new Map<string, { value: number; seen: number }>();
  private lastSpike = -Infinity;
  /** Set while a spike's warning stands: the steps every term has stayed settled since. */
  private settledFor: number | null = null;

  constructor(private readonly options: GuardOptions = DEFAULT_GUARD) {}

  /** What is optimised changed: the old averages describe another loss. */
  restart(): void {
    this.averages.clear();
  }

  observe(step: number, result: StepResult): Verdict {
    if (result.skipped === 'non-finite') {
      this.inARow += 1;
      this.skippedTotal += 1;
      if (this.inARow >= this.options.maxInARow) {
        return { kind: 'collapse', message: `${this.inARow} steps in a row had a non-finite loss or gradient (last at step ${step}); the run was paused.` };
      }
      return { kind: 'non-finite', message: `Step ${step} had a non-finite loss or gradient and was skipped (${this.inARow} in a row).` };
    }
    this.inARow = 0;
    if (!result.applied) return { kind: 'ok' };
    let spike: { term: string; value: number; average: number } | null = null;
    let settled = true;
    const terms = termsOf(result.values);
    // What a term's rise is measured against: the sum of the terms' averages (the loss as it usually is).
    const whole = terms.reduce((sum, [term]) => sum + (this.averages.get(term)?.value ?? 0), 0);
    for (const [term, value] of terms) {
      if (!Number.isFinite(value)) continue;
      const entry = this.averages.get(term);
      if (!entry) {
        this.averages.set(term, { value, seen: 1 });
        continue;
      }
      const judged = entry.seen >= this.options.warmupSteps && value - entry.value >= this.options.minShare * whole;
      if (judged && value > this.options.spikeFactor * entry.value && (!spike || value / entry.value > spike.value / spike.average)) spike = { term, value, average: entry.value };
      if (judged && value > this.options.settleFactor * entry.value) settled = false;
      entry.value = this.options.smoothing * entry.value + (1 - this.options.smoothing) * value;
      entry.seen += 1;
    }
    if (spike && step - this.lastSpike >= this.options.quietSteps) {
      this.lastSpike = step;
      this.settledFor = 0;
      const name = spike.term === 'loss' ? 'Loss' : `Loss term ${spike.term}`;
      return { kind: 'spike', message: `${name} ${spike.value.toPrecision(3)} at step ${step} is ${(spike.value / spike.average).toFixed(1)}× its moving average (${spike.average.toPrecision(3)}).` };
    }
    if (this.settledFor === null) return { kind: 'ok' };
    this.settledFor = settled ? this.settledFor + 1 : 0;
    if (this.settledFor < this.options.settleSteps) return { kind: 'ok' };
    this.settledFor = null;
    return { kind: 'recovered', message: `The loss is back near its moving average (for ${this.options.settleSteps} steps by step ${step}).` };
  }
}
