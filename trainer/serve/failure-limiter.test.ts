/** Wrong tokens are slowed over all addresses together; a person who mistypes a few times is not punished. */
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.js';

function limiter() {
  let time = 0;
  const l = new FailureLimiter({ maxFailures: 3, baseLockMs: 1000, maxLockMs: 8000, forgetAfterMs: 60_000, now: () => time });
  return { l, advance: (ms: number) => (time += ms) };
}

describe('failure limiter', () => {
  it('allows a few failures, then locks wrong tokens out with a doubling wait, up to the cap', () => {
    const { l, advance } = limiter();
    expect(l.fail()).toBeNull();
    expect(l.fail()).toBeNull();
    expect(l.check()).toEqual({ allowed: true });
    expect(l.fail()).toEqual({ lockedForMs: 1000 });
    expect(l.check()).toEqual({ allowed: false, retryAfterMs: 1000 });
    advance(1000);
    expect(l.check()).toEqual({ allowed: true });
    expect(l.fail()).toEqual({ lockedForMs: 2000 });
    advance(2000);
    for (let i = 0; i < 5; i++) l.fail();
    expect(l.check()).toEqual({ allowed: false, retryAfterMs: 8000 });
  });

  it('forgets past failures after a quiet spell', () => {
    const { l, advance } = limiter();
    l.fail();
    l.fail();
    advance(60_000);
    expect(l.fail()).toBeNull();
    expect(l.wrongTokens).toBe(1);
  });

  it('keeps one record whatever the number of addresses (no per-address allowance to reset)', () => {
    const { l } = limiter();
    // The limiter takes no address at all: 127.0.0.2, 127.0.0.3 and ::1 share one count.
    l.fail();
    l.fail();
    l.fail();
    expect(l.check().allowed).toBe(false);
  });
});
