import { describe, expect, it } from 'vitest';
import { perplexity, tokenAccuracy } from './token-metrics.js';

describe('perplexity', () => {
  it('is exp of the cross-entropy: a uniform guess over 512 codes gives 512', () => {
    expect(perplexity(0)).toBe(1);
    expect(perplexity(Math.log(512))).toBeCloseTo(512, 9);
  });
});

describe('tokenAccuracy', () => {
  it('counts exact matches', () => {
    expect(tokenAccuracy(Int32Array.of(1, 2, 3, 4), Int32Array.of(1, 2, 0, 0))).toBe(0.5);
    expect(tokenAccuracy(Int32Array.of(7, 7), Int32Array.of(7, 7))).toBe(1);
  });

  it('leaves padding out', () => {
    expect(tokenAccuracy(Int32Array.of(1, 9, 9), Int32Array.of(1, -1, -1), -1)).toBe(1);
    expect(tokenAccuracy(Int32Array.of(9), Int32Array.of(-1), -1)).toBeNaN();
  });

  it('rejects mismatched lengths', () => {
    expect(() => tokenAccuracy(Int32Array.of(1), Int32Array.of(1, 2))).toThrow();
  });
});
