import { describe, expect, it } from 'vitest';
import { controlLimits } from '../../../trainer/protocol';
import { sliderRange } from './slider-range';

describe("a control's slider range comes from the contract's limits", () => {
  it('spans the whole range the trainer accepts (GAN power up to 10, not 2)', () => {
    expect(sliderRange(controlLimits.gan.power)).toEqual({ min: 0, max: 10, step: 0.05 });
    expect(sliderRange(controlLimits.randomWarp.strength)).toEqual({ min: 0, max: 2, step: 0.1 });
  });

  it('starts one notch above a minimum the trainer refuses (a keep probability of 0)', () => {
    expect(sliderRange(controlLimits.lrd.keep)).toEqual({ min: 0.05, max: 1, step: 0.05 });
    expect(sliderRange(controlLimits.optimizer.gamma)).toEqual({ min: 0.05, max: 1, step: 0.05 });
  });
});
