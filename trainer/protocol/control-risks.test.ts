import { describe, expect, it } from 'vitest';
import { controlDefaults } from './control-defaults.js';
import { riskSentence, riskyTransitions } from './control-risks.js';
import type { Controls } from './shapes.js';

const base: Controls = {
  ...structuredClone(controlDefaults),
  learningRate: 2e-3,
  randomWarp: { enabled: true, strength: 1 },
  locks: { encoder: true, decoder: false },
  batchSize: 16,
};
const after = (change: (c: Controls) => void): Controls => {
  const next = structuredClone(base);
  change(next);
  return next;
};

describe('which control changes take a snapshot first', () => {
  it('names each risky transition in words and in a sentence', () => {
    const cases: [string, (c: Controls) => void, { path: string; words: string; sentence: string }][] = [
      ['warp off', (c) => (c.randomWarp.enabled = false), { path: 'randomWarp.enabled', words: 'random warp off', sentence: 'Turning random warp off takes a snapshot first.' }],
      ['unlock', (c) => (c.locks.encoder = false), { path: 'locks.encoder', words: 'unlock encoder', sentence: 'Unlocking the encoder takes a snapshot first.' }],
      ['GAN on', (c) => (c.gan.enabled = true), { path: 'gan.enabled', words: 'GAN on', sentence: 'Turning GAN on takes a snapshot first.' }],
      ['FP16', (c) => (c.precision = 'fp16'), { path: 'precision', words: 'FP16 on', sentence: 'Switching to FP16 takes a snapshot first.' }],
      ['LR up', (c) => (c.learningRate = 4e-3), { path: 'learningRate', words: 'LR up', sentence: 'Raising the learning rate takes a snapshot first.' }],
    ];
    for (const [name, change, expected] of cases) expect(riskyTransitions(base, after(change)), name).toEqual([expected]);
  });

  it('lets the safe directions and the other controls through without a snapshot', () => {
    const safe: [string, (c: Controls) => void][] = [
      ['nothing changed', () => undefined],
      ['lock', (c) => (c.locks.decoder = true)],
      ['LR down', (c) => (c.learningRate = 1e-3)],
      ['BF16', (c) => (c.precision = 'bf16')],
      ['LRD on', (c) => (c.lrd.enabled = true)],
      ['more GAN power', (c) => (c.gan.power = 0.5)],
      ['stronger warp', (c) => (c.randomWarp.strength = 2)],
      ['batch', (c) => (c.batchSize = 32)],
    ];
    for (const [name, change] of safe) expect(riskyTransitions(base, after(change)), name).toEqual([]);
    const offWarp = after((c) => (c.randomWarp.enabled = false));
    expect(riskyTransitions(offWarp, base), 'warp back on').toEqual([]);
    const gan = after((c) => (c.gan.enabled = true));
    expect(riskyTransitions(gan, base), 'GAN off').toEqual([]);
  });

  it('lists several risky parts of one change in a fixed order: LR, warp, GAN, locks, precision', () => {
    const many = after((c) => {
      c.precision = 'fp16';
      c.locks.encoder = false;
      c.gan.enabled = true;
      c.randomWarp.enabled = false;
      c.learningRate = 1e-2;
    });
    expect(riskyTransitions(base, many).map((r) => r.words)).toEqual(['LR up', 'random warp off', 'GAN on', 'unlock encoder', 'FP16 on']);
  });

  it('gives the window the sentence for each control that can be risky, and none for the rest', () => {
    expect(riskSentence('gan.enabled')).toBe('Turning GAN on takes a snapshot first.');
    expect(riskSentence('randomWarp.enabled')).toBe('Turning random warp off takes a snapshot first.');
    expect(riskSentence('learningRate')).toBe('Raising the learning rate takes a snapshot first.');
    expect(riskSentence('locks.audio.encoder')).toBe('Unlocking the audio.encoder takes a snapshot first.');
    expect(riskSentence('precision', 'fp16')).toBe('Switching to FP16 takes a snapshot first.');
    expect(riskSentence('precision', 'bf16')).toBeUndefined();
    expect(riskSentence('lrd.enabled')).toBeUndefined();
    expect(riskSentence('gan.power')).toBeUndefined();
  });

  it("reads layer groups as the controls' own keys, so a group named like Object.prototype is still a group", () => {
    const before: Controls = { ...base, locks: { constructor: true } };
    expect(riskyTransitions(before, { ...base, locks: { constructor: false } }).map((r) => r.words)).toEqual(['unlock constructor']);
  });
});
