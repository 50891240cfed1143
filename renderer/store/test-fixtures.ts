/** Protocol-shaped fixtures for the store's tests, so they stay in step with the contract. */
import { controlDefaults, type Controls, type MetricPoint, type ProjectInfo, type RunSummary, type StagePlan } from '../../trainer/protocol';

export const LAYER_GROUPS = ['encoder', 'decoder', 'discriminator'];

export function controls(over: Partial<Controls> = {}): Controls {
  // The contract's defaults, as the trainer would report them for a recipe, mid-warp.
  const shared = structuredClone(controlDefaults);
  return {
    ...shared,
    learningRate: 2e-3,
    randomWarp: { ...shared.randomWarp, enabled: true },
    locks: Object.fromEntries(LAYER_GROUPS.map((g) => [g, false])),
    batchSize: 16,
    ...over,
  };
}

export const plan: StagePlan = {
  name: 'Face-swap style',
  stages: [
    { name: 'Warm up with random warp', controls: { randomWarp: { enabled: true } }, end: { type: 'steps', steps: 2000 } },
    { name: 'Sharpen', controls: { randomWarp: { enabled: false } }, end: { type: 'plateau', metric: 'val/recon', patience: 500, minDelta: 0.001 } },
    { name: 'Lock + LRD', controls: { locks: { encoder: true }, lrd: { enabled: true } }, end: { type: 'manual' } },
  ],
};

export const run = (id: string, over: Partial<RunSummary> = {}): RunSummary => ({
  id,
  name: id,
  recipe: 'motion-autoencoder',
  preset: 'tiny',
  dataset: 'demo',
  state: 'idle',
  step: 0,
  controls: controls(),
  layerGroups: LAYER_GROUPS,
  plan,
  stage: { index: 0, startedAt: 0 },
  branch: 'main',
  createdAt: `2025-01-01T00:00:0${id.slice(-1)}Z`,
  ...over,
});

export const project = (runs: RunSummary[], path = '/data/demo-speaker'): ProjectInfo => ({ path, name: 'Demo speaker', datasets: ['demo'], runs });

export const point = (step: number, loss: number | null = 1 / (step + 1), extra: Record<string, number | null> = {}): MetricPoint => ({
  step,
  time: step * 10,
  values: { loss, 'loss/recon': loss, stepsPerSec: 6.2, ...extra },
});
