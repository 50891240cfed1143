import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultControls } from '../engine/controls.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import { ProjectStore } from './project-store.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('project store', () => {
  it('marks runs a vanished trainer left running or paused as stopped when the project opens', () => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-project-'));
    const project = ProjectStore.create(join(dir, 'p'), 'P');
    const fields = {
      recipe: 'motion-autoencoder',
      preset: 'tiny',
      dataset: 'demo',
      seed: 1,
      controls: defaultControls(motionAutoencoder.layerGroups, { learningRate: 1e-3, batchSize: 16 }),
      layerGroups: [...motionAutoencoder.layerGroups],
      plan: motionAutoencoder.defaultPlan,
    };
    const running = project.createRun(fields);
    const paused = project.createRun(fields);
    const idle = project.createRun(fields);
    project.saveRun({ ...running, state: 'running', step: 40 });
    project.saveRun({ ...paused, state: 'paused', step: 12 });

    const reopened = ProjectStore.open(join(dir, 'p'));
    reopened.settleInterruptedRuns();
    const states = Object.fromEntries(reopened.runs().map((r) => [r.id, [r.state, r.step]]));
    expect(states).toEqual({ [running.id]: ['stopped', 40], [paused.id]: ['stopped', 12], [idle.id]: ['idle', 0] });
  });
});
