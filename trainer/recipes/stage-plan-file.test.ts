import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultControls, validatePlan } from '../engine/controls.js';
import { audioToMotion } from './audio-to-motion/recipe.js';
import { motionAutoencoder } from './motion-autoencoder/recipe.js';
import { parseStagePlan, readStagePlan } from './stage-plan-file.js';

describe('stage plan files', () => {
  it('ships a default plan that follows practice: warp on, warp off, lock + LRD, GAN, fine-tune', () => {
    const stages = motionAutoencoder.defaultPlan.stages;
    expect(stages[0]?.controls.randomWarp?.enabled).toBe(true);
    expect(stages[1]?.controls.randomWarp?.enabled).toBe(false);
    expect(stages[2]?.controls).toMatchObject({ locks: { encoder: true }, lrd: { enabled: true } });
    expect(stages[3]?.controls.gan?.enabled).toBe(true);
    expect(stages.at(-1)?.end.type).toBe('manual');
  });

  it('ships default plans that apply cleanly to their recipe\'s controls', () => {
    for (const recipe of [motionAutoencoder, audioToMotion]) {
      const controls = defaultControls(recipe.layerGroups, { learningRate: 1e-3, batchSize: 16 });
      expect(() => validatePlan(controls, recipe.defaultPlan, recipe), recipe.id).not.toThrow();
    }
    // The audio plan trains the tokenizer first, then the generator on frozen tokens.
    const stages = audioToMotion.defaultPlan.stages;
    expect(stages[0]?.controls.locks).toMatchObject({ generator: true, audio_encoder: true });
    expect(stages[3]?.controls.locks).toMatchObject({ decoder: true, generator: false, audio_encoder: false });
  });

  it('names the file and the field of a bad plan', () => {
    const bad = { name: 'x', stages: [{ name: 'a', controls: {}, end: { type: 'steps', steps: -5 } }] };
    expect(() => parseStagePlan(bad, 'my-plan.json')).toThrow(/Stage plan 'my-plan.json': stages\.0\.end\.steps:/);
    const unknownControl = { name: 'x', stages: [{ name: 'a', controls: { warp: true }, end: { type: 'manual' } }] };
    expect(() => parseStagePlan(unknownControl, 'p.json')).toThrow(/stages\.0\.controls/);
  });

  it('reads a plan from disk and reports unreadable JSON with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stagecraft-plan-file-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(motionAutoencoder.defaultPlan));
    expect(readStagePlan(good)).toEqual(motionAutoencoder.defaultPlan);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "name": ');
    expect(() => readStagePlan(broken)).toThrow(/broken\.json' is not readable JSON/);
    rmSync(dir, { recursive: true, force: true });
  });
});
