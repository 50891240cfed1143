import { describe, expect, it } from 'vitest';
import type { StagePlan } from '../protocol.js';
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
    expect(() => validatePlan(base, plan)).toThrow(/Stage 2 'typo': No layer group named 'codebook'/);
  });
});
