/**
 * The one place serve mode decides whether a request carries the launch token: the socket
 * upgrade and the page's token check both ask it, so they always give the same answer and
 * count toward the same per-address limit. Every wrong token gets the same refusal.
 */
import { FailureLimiter } from './failure-limiter.js';
import { tokenMatches } from './token.js';

export type GateVerdict = { allowed: true } | { allowed: false; status: 401 } | { allowed: false; status: 429; retryAfterS: number };

export type TokenGate = (address: string, givenToken: string | null) => GateVerdict;

export function tokenGate(token: string, limiter = new FailureLimiter()): TokenGate {
  return (address, givenToken) => {
    const verdict = limiter.check(address);
    if (!verdict.allowed) return { allowed: false, status: 429, retryAfterS: Math.ceil(verdict.retryAfterMs / 1000) };
    if (!tokenMatches(token, givenToken)) {
      limiter.fail(address);
      return { allowed: false, status: 401 };
    }
    limiter.succeed(address);
    return { allowed: true };
  };
}

export type Refusal = Exclude<GateVerdict, { allowed: true }>;

/** The headers a refusal carries: how long a locked-out address must wait. */
export function refusalHeaders(verdict: Refusal): Record<string, string> {
  return verdict.status === 429 ? { 'Retry-After': String(verdict.retryAfterS) } : {};
}
