/**
 * Slows token guessing: after a few wrong tokens from one address, that address is locked out
 * for a while, doubling with every further failure. While locked out every attempt is refused,
 * the right token included: otherwise the answer would still tell a guesser when they hit it.
 */
export interface FailureLimiterOptions {
  /** Wrong tokens allowed before the first lock-out (a person mistyping gets a few tries). */
  maxFailures?: number;
  /** The first lock-out; each further failure doubles it. */
  baseLockMs?: number;
  maxLockMs?: number;
  /** Addresses remembered at most, so a flood of sources cannot grow memory without bound. */
  maxAddresses?: number;
  now?: () => number;
}

interface Record {
  failures: number;
  lockedUntil: number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class FailureLimiter {
  private readonly records = new Map<string, Record>();
  private readonly maxFailures: number;
  private readonly baseLockMs: number;
  private readonly maxLockMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(options: FailureLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.baseLockMs = options.baseLockMs ?? 1_000;
    this.maxLockMs = options.maxLockMs ?? 5 * 60_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  check(address: string): Verdict {
    const record = this.records.get(address);
    const wait = record ? record.lockedUntil - this.now() : 0;
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  fail(address: string): void {
    const record = this.records.get(address) ?? { failures: 0, lockedUntil: 0 };
    record.failures += 1;
    if (record.failures >= this.maxFailures) {
      const lockMs = Math.min(this.maxLockMs, this.baseLockMs * 2 ** (record.failures - this.maxFailures));
      record.lockedUntil = this.now() + lockMs;
    }
    // Re-inserted so the map's order is least-recently-failed first, which is what gets evicted.
    this.records.delete(address);
    this.records.set(address, record);
    if (this.records.size > this.maxAddresses) this.records.delete(this.records.keys().next().value as string);
  }

  succeed(address: string): void {
    this.records.delete(address);
  }
}
