/**
 * The learning rate at a step: linear warm-up, then MultiStepLR, times DeepFaceLab's cosine
 * modulation while LRD with cosine is on. One pure function, so the chart's "lr" line is
 * exactly what the optimizer used.
 */
import type { Controls } from '../protocol.js';

export function learningRateAt(step: number, controls: Controls): number {
  const { learningRate, optimizer, lrd } = controls;
  const warmup = optimizer.warmupSteps > 0 ? Math.min(1, (step + 1) / optimizer.warmupSteps) : 1;
  const decays = optimizer.milestones.filter((m) => step >= m).length;
  const cosine = lrd.enabled && lrd.cosine ? 0.5 * (1 + Math.cos((2 * Math.PI * step) / lrd.cosinePeriod)) : 1;
  return learningRate * warmup * optimizer.gamma ** decays * cosine;
}
