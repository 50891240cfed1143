/**
 * Watches each step for trouble. A non-finite loss or gradient skips the step (train-step
 * already did); after `maxInARow` such steps the run must pause before it wastes the night.
 * A loss far above its moving average raises a warning, at most once per `quietSteps`.
 */
import type { StepResult } from './train-step.js';

export interface GuardOptions {
  /** Non-finite steps in a row that count as a collapse. */
  maxInARow: number;
  /** A loss this many times its moving average is a spike. */
  spikeFactor: number;
  /** Steps before spikes are judged: early losses fall fast and would all look like spikes. */
  warmupSteps: number;
  /** Moving-average weight of the past. */
  smoothing: number;
  /** Steps between two spike warnings. */
  quietSteps: number;
}

export const DEFAULT_GUARD: GuardOptions = { maxInARow: 5, spikeFactor: 3, warmupSteps: 50, smoothing: 0.98, quietSteps: 100 };

export type Verdict = { kind: 'ok' } | { kind: 'spike'; message: string } | { kind: 'non-finite'; message: string } | { kind: 'collapse'; message: string };

export class CollapseGuard {
  /** Every step skipped for a non-finite loss or gradient, for the charts. */
  skippedTotal = 0;
  private inARow = 0;
  private average: number | null = null;
  private seen = 0;
  private lastSpike = -Infinity;

  constructor(private readonly options: GuardOptions = DEFAULT_GUARD) {}

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
    const loss = result.values.loss;
    if (loss === undefined || !Number.isFinite(loss) || !result.applied) return { kind: 'ok' };
    this.seen += 1;
    const average = this.average;
    this.average = average === null ? loss : this.options.smoothing * average + (1 - this.options.smoothing) * loss;
    const isSpike = average !== null && this.seen > this.options.warmupSteps && loss > this.options.spikeFactor * average;
    if (!isSpike || step - this.lastSpike < this.options.quietSteps) return { kind: 'ok' };
    this.lastSpike = step;
    return { kind: 'spike', message: `Loss ${loss.toPrecision(3)} at step ${step} is ${(loss / average).toFixed(1)}× its moving average (${average.toPrecision(3)}).` };
  }
}
