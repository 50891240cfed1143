/** Token guessing is slowed per address; a person who mistypes a few times is not punished. */
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.js';

function limiter() {
  let time = 0;
  const l = new FailureLimiter({ maxFailures: 3, baseLockMs: 1000, maxLockMs: 8000, maxAddresses: 2, now: () => time });
  return { l, advance: (ms: number) => (time += ms) };
}

describe('failure limiter', () => {
  it('allows a few failures, then locks the address out with a doubling wait', () => {
    const { l, advance } = limiter();
    l.fail('a');
    l.fail('a');
    expect(l.check('a')).toEqual({ allowed: true });
    l.fail('a');
    expect(l.check('a')).toEqual({ allowed: false, retryAfterMs: 1000 });
    advance(1000);
    expect(l.check('a')).toEqual({ allowed: true });
    l.fail('a');
    expect(l.check('a')).toEqual({ allowed: false, retryAfterMs: 2000 });
    advance(2000);
    for (let i = 0; i < 5; i++) l.fail('a');
    expect(l.check('a')).toEqual({ allowed: false, retryAfterMs: 8000 });
  });

  it('keeps addresses apart and forgets an address once it succeeds', () => {
    const { l } = limiter();
    for (let i = 0; i < 3; i++) l.fail('a');
    expect(l.check('b')).toEqual({ allowed: true });
    l.succeed('a');
    expect(l.check('a')).toEqual({ allowed: true });
  });

  it('remembers a bounded number of addresses, dropping the oldest', () => {
    const { l } = limiter();
    for (let i = 0; i < 3; i++) l.fail('a');
    l.fail('b');
    l.fail('c');
    expect(l.check('a')).toEqual({ allowed: true });
  });
});
