/** Which trainer refusal of a control change the Controls panel shows beside the controls. */
import type { RecentError } from '../../store/trainer-view';

/**
 * The newest refused `controls/set` that nobody dismissed and that no later applied change
 * settled: `settledThrough` is the newest error id the window had when a change last applied.
 */
export function controlsRefusal(errors: readonly RecentError[], settledThrough: number): RecentError | null {
  for (let i = errors.length - 1; i >= 0; i--) {
    const error = errors[i]!;
    if (error.id <= settledThrough) return null;
    if (error.commandType === 'controls/set' && !error.dismissed) return error;
  }
  return null;
}

/** Refused control changes still open that a later applied change has settled: the banner can let them go. */
export function settledRefusals(errors: readonly RecentError[], settledThrough: number): number[] {
  return errors.filter((e) => e.id <= settledThrough && e.commandType === 'controls/set' && !e.dismissed).map((e) => e.id);
}
