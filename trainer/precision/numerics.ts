/**
 * The emulated precision a step runs in: the quantizer applied at layer boundaries and, in
 * FP16, the dynamic loss scaler. Rebuilt only when the precision control changes; leaving
 * FP16 drops the scaler, so re-entering starts again from 2^15 as a fresh FP16 run would.
 */
import { DynamicLossScaler } from './loss-scaler.js';
import { makeQuantizer, type Quantizer } from './quantize.js';
import type { Precision } from '../protocol.js';

export class Numerics {
  private precision: Precision | null = null;
  quantize: Quantizer = (x) => x;
  scaler: DynamicLossScaler | null = null;

  use(precision: Precision): void {
    if (precision === this.precision) return;
    this.precision = precision;
    this.quantize = makeQuantizer(precision);
    this.scaler = precision === 'fp16' ? new DynamicLossScaler() : null;
  }

  /** Values for the charts: the loss scale and skipped steps matter only in FP16. */
  report(): Record<string, number> {
    if (!this.scaler) return {};
    const { scale, skipped } = this.scaler.state();
    return { lossScale: scale, skippedSteps: skipped };
  }
}
