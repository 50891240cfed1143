/**
 * Test helper: a motion-autoencoder run as run.json holds it, at step 0 of a one-stage manual
 * plan, for tests of what reads runs (controller, branches, stage tracking). Override what the
 * test is about.
 */
import { defaultControls } from '../engine/controls.js';
import type { RunFile } from '../project/project-store.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';

export function testRunFile(overrides: Partial<RunFile> = {}): RunFile {
  return {
    id: 'run-1',
    name: 'run-1',
    recipe: 'motion-autoencoder',
    preset: 'tiny',
    dataset: 'demo',
    seed: 1,
    state: 'running',
    step: 0,
    branch: 'main',
    controls: defaultControls(motionAutoencoder.layerGroups, { learningRate: 1e-3, batchSize: 16 }),
    layerGroups: [...motionAutoencoder.layerGroups],
    plan: { name: 'hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] },
    stage: { index: 0, startedAt: 0 },
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}
