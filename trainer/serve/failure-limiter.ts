/**
 * Slows a flood of wrong tokens without ever keeping the person out. Wrong tokens are counted
 * across all addresses together: per address, every 127.x.x.x and ::1 (or a botnet) would get
 * its own fresh allowance. After a few, wrong tokens are answered 429 for a while, doubling
 * with every further one; the right token is never limited (token-gate.ts asks this only for
 * wrong ones), so a forgotten tab with a stale token or a hostile page in the person's browser
 * cannot lock them out of their own trainer.
 *
 * What keeps the token safe is its size (192 random bits, token.ts), not this: the limit keeps
 * a flood of guesses cheap to answer, visible in the log, and bounded in memory (one record).
 */
export interface FailureLimiterOptions {
  /** Wrong tokens allowed before the first lock-out (a person mistyping gets a few tries). */
  maxFailures?: number;
  /** The first lock-out; each further failure doubles it. */
  baseLockMs?: number;
  maxLockMs?: number;
  /** A quiet spell this long (no wrong token) forgets the count. */
  forgetAfterMs?: number;
  now?: () => number;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class FailureLimiter {
  private failures = 0;
  private lockedUntil = 0;
  private lastFailureAt = 0;
  private readonly maxFailures: number;
  private readonly baseLockMs: number;
  private readonly maxLockMs: number;
  private readonly forgetAfterMs: number;
  private readonly now: () => number;

  constructor(options: FailureLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5;
    this.baseLockMs = options.baseLockMs ?? 1_000;
    this.maxLockMs = options.maxLockMs ?? 5 * 60_000;
    this.forgetAfterMs = options.forgetAfterMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether a wrong token may be answered 401 now (or must get 429 and a wait). */
  check(): Verdict {
    const wait = this.lockedUntil - this.now();
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  /**
   * Counts a wrong token answered 401, and says whether it started a lock-out (for the log).
   * Those refused while locked out are not counted: they do not extend the wait.
   */
  fail(): { lockedForMs: number } | null {
    const t = this.now();
    if (this.failures > 0 && t - this.lastFailureAt >= this.forgetAfterMs) this.failures = 0;
    this.lastFailureAt = t;
    this.failures += 1;
    if (this.failures < this.maxFailures) return null;
    const lockedForMs = Math.min(this.maxLockMs, this.baseLockMs * 2 ** Math.min(30, this.failures - this.maxFailures));
    this.lockedUntil = t + lockedForMs;
    return { lockedForMs };
  }

  get wrongTokens(): number {
    return this.failures;
  }
}
