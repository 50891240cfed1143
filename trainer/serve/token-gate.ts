/**
 * The one place serve mode decides whether a request carries the launch token: the socket
 * upgrade and the page's token check both ask it, so they always give the same answer and
 * count toward the same limit. The right token is always let in; every wrong token gets the
 * same 401, or 429 while wrong tokens are locked out (failure-limiter.ts: counted over all
 * addresses together).
 */
import { SERVE_LIMITS } from './serve-limits.js';
import { serveLog, type ServeLog } from './serve-log.js';
import { FailureLimiter } from './failure-limiter.js';
import { tokenMatches } from './token.js';

export type GateVerdict = { allowed: true } | { allowed: false; status: 401 } | { allowed: false; status: 429; retryAfterS: number };

export type TokenGate = (address: string, givenToken: string | null) => GateVerdict;

export function defaultFailureLimiter(): FailureLimiter {
  return new FailureLimiter({
    maxFailures: SERVE_LIMITS.wrongTokensBeforeLockout,
    baseLockMs: SERVE_LIMITS.firstLockoutMs,
    maxLockMs: SERVE_LIMITS.maxLockoutMs,
    forgetAfterMs: SERVE_LIMITS.forgetWrongTokensAfterMs,
  });
}

export function tokenGate(token: string, limiter = defaultFailureLimiter(), log: ServeLog = serveLog): TokenGate {
  return (address, givenToken) => {
    // Checked first and alone: the right token never waits on anyone else's wrong ones.
    if (tokenMatches(token, givenToken)) return { allowed: true };
    const verdict = limiter.check();
    if (!verdict.allowed) return { allowed: false, status: 429, retryAfterS: Math.ceil(verdict.retryAfterMs / 1000) };
    const lock = limiter.fail();
    if (lock) log(`${limiter.wrongTokens} wrong tokens (the latest from ${address}): wrong tokens are refused with 429 for ${Math.ceil(lock.lockedForMs / 1000)} s; the right one still connects.`);
    return { allowed: false, status: 401 };
  };
}

export type Refusal = Exclude<GateVerdict, { allowed: true }>;

/** The headers a refusal carries: how long wrong tokens must wait. */
export function refusalHeaders(verdict: Refusal): Record<string, string> {
  return verdict.status === 429 ? { 'Retry-After': String(verdict.retryAfterS) } : {};
}
