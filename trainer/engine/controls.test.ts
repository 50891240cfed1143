import { describe, expect, it } from 'vitest';
import type { StagePlan } from '../protocol.js';
import { audioToMotion } from '../recipes/audio-to-motion/recipe.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import { defaultControls, describeChange, mergeControls, validatePlan } from './controls.js';

const base = defaultControls(['encoder', 'decoder'], { learningRate: 2e-3, batchSize: 16 });

describe('controls as data', () => {
  it('merges nested patches key by key', () => {
    const next = mergeControls(base, { lrd: { enabled: true }, locks: { encoder: true } });
    expect(next.lrd).toEqual({ ...base.lrd, enabled: true });
    expect(next.locks).toEqual({ encoder: true, decoder: false });
    expect(next.randomWarp).toEqual(base.randomWarp);
  });

  it('fails loudly on an unknown layer group or a batch that does not split', () => {
    expect(() => mergeControls(base, { locks: { encodr: true } })).toThrow(/No layer group named 'encodr'; this recipe has encoder, decoder/);
    expect(() => mergeControls(base, { batchSize: 10, accumulation: 4 })).toThrow(/does not split into 4/);
  });

  it("refuses names Object.prototype has as layer groups: only the recipe's own groups are groups", () => {
    for (const group of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      expect(() => mergeControls(base, { locks: { [group]: true } }), group).toThrow(`No layer group named '${group}'; this recipe has encoder, decoder.`);
    }
  });

  it('names each change and flags the risky ones', () => {
    const warm = mergeControls(base, { randomWarp: { enabled: true }, locks: { encoder: true } });
    const cases: [Parameters<typeof mergeControls>[1], string[]][] = [
      [{ randomWarp: { enabled: false } }, ['random warp off']],
      [{ locks: { encoder: false } }, ['unlock encoder']],
      [{ locks: { decoder: true } }, []],
      [{ gan: { enabled: true } }, ['GAN on']],
      [{ precision: 'fp16' }, ['FP16 on']],
      [{ precision: 'bf16' }, []],
      [{ learningRate: 4e-3 }, ['LR up']],
      [{ learningRate: 1e-3 }, []],
      [{ lrd: { enabled: true } }, []],
    ];
    for (const [patch, risky] of cases) expect(describeChange(warm, mergeControls(warm, patch)).risky, JSON.stringify(patch)).toEqual(risky);
    const change = describeChange(warm, mergeControls(warm, { randomWarp: { enabled: false }, learningRate: 1e-3 }));
    expect(change.changed).toEqual(['learningRate', 'randomWarp.enabled']);
    expect(change.label).toBe('LR 2.0e-3 → 1.0e-3, random warp off');
  });
});

describe('plan validation', () => {
  it('names the stage whose controls cannot apply', () => {
    const plan: StagePlan = {
      name: 'p',
      stages: [
        { name: 'fine', controls: { locks: { encoder: true } }, end: { type: 'steps', steps: 5 } },
        { name: 'typo', controls: { locks: { codebook: true } }, end: { type: 'manual' } },
      ],
    };
    expect(() => validatePlan(base, plan, { id: 'r', metrics: [] })).toThrow(/Stage 2 'typo': No layer group named 'codebook'/);
  });

  const plateauOn = (metric: string, mode?: 'min' | 'max'): StagePlan => ({
    name: 'p',
    stages: [
      { name: 'warm', controls: {}, end: { type: 'steps', steps: 5 } },
      { name: 'watch', controls: {}, end: { type: 'plateau', metric, patience: 100, minDelta: 0.5, ...(mode ? { mode } : {}) } },
    ],
  });
  const recipe = { id: 'audio-to-motion', metrics: audioToMotion.metrics };

  it('refuses a plateau on a metric the recipe never logs, naming the stage, the field and the nearest metric', () => {
    expect(() => validatePlan(base, plateauOn('val/tokeniser_likeness', 'max'), recipe)).toThrow(
      "Stage 2 'watch': end.metric 'val/tokeniser_likeness' is not a metric audio-to-motion logs; the closest it logs is 'val/tokenizer_likeness'.",
    );
    // The autoencoder logs no likeness at all.
    expect(() => validatePlan(base, plateauOn('val/tokenizer_likeness', 'max'), { id: 'motion-autoencoder', metrics: motionAutoencoder.metrics })).toThrow(/not a metric motion-autoencoder logs/);
  });

  it("refuses a plateau that watches a metric the wrong way, and takes one watched the metric's way", () => {
    expect(() => validatePlan(base, plateauOn('val/tokenizer_likeness'), recipe)).toThrow(/end.mode 'min' watches 'val\/tokenizer_likeness' the wrong way: higher is better, so its plateau needs mode 'max'/);
    expect(() => validatePlan(base, plateauOn('val/fd_g', 'max'), recipe)).toThrow(/needs mode 'min'/);
    expect(() => validatePlan(base, plateauOn('val/tokenizer_likeness', 'max'), recipe)).not.toThrow();
    expect(() => validatePlan(base, plateauOn('loss'), recipe)).not.toThrow();
    // Neither way is better for a diversity: either mode is the person's call.
    expect(() => validatePlan(base, plateauOn('val/diversity', 'max'), recipe)).not.toThrow();
  });
});
