/** The launch token lets in exactly the right string, whatever a wrong one looks like. */
import { describe, expect, it } from 'vitest';
import { newToken, tokenMatches } from './token.js';

describe('launch token', () => {
  it('matches only itself: not a near miss, a prefix, a longer string, an empty one or none', () => {
    const token = newToken();
    expect(tokenMatches(token, token)).toBe(true);
    const nearMiss = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const wrong of [nearMiss, token.slice(0, 10), `${token}x`, '', null]) expect(tokenMatches(token, wrong)).toBe(false);
  });

  it('is new at every launch', () => {
    expect(newToken()).not.toBe(newToken());
  });
});
