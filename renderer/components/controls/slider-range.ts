/** A slider's range, read from the contract's limit for its control. */
import type { SliderLimit } from '../../../trainer/protocol';

export interface SliderRange {
  min: number;
  max: number;
  step: number;
}

/**
 * The slider's ends and notch. A minimum the contract excludes (a keep probability of 0) is not a
 * place a thumb may rest: the lowest notch is one step above it.
 */
export function sliderRange(limit: SliderLimit): SliderRange {
  return { min: limit.minExclusive ? limit.min + limit.step : limit.min, max: limit.max, step: limit.step };
}
