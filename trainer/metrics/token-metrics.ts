/**
 * Metrics for the token stage (audio → motion-codebook tokens).
 */

/**
 * Perplexity from the mean per-token cross-entropy in nats: exp(ce). Reads as "the model is
 * as unsure as a uniform choice among this many codes" — comparable to the codebook size.
 * Cross-entropy must be in nats; a value in bits would need 2^ce instead.
 */
export function perplexity(meanCrossEntropyNats: number): number {
  return Math.exp(meanCrossEntropyNats);
}

/**
 * Share of positions where the predicted token equals the target. Positions whose target is
 * `ignoreIndex` (padding) are left out of both counts. No counted positions → NaN, so an
 * empty batch never reads as 0% or 100%.
 */
export function tokenAccuracy(predicted: Int32Array, target: Int32Array, ignoreIndex?: number): number {
  if (predicted.length !== target.length) {
    throw new Error(`tokenAccuracy: ${predicted.length} predictions vs ${target.length} targets`);
  }
  let correct = 0;
  let counted = 0;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === ignoreIndex) continue;
    counted++;
    if (predicted[i] === target[i]) correct++;
  }
  return counted === 0 ? Number.NaN : correct / counted;
}
