/** The per-launch secret a browser must present on the socket (it travels in the URL). */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Constant-time comparison, so response timing leaks nothing about the token. Both sides are
 * hashed first: digests have one length whatever was given, so not even the token's length
 * shows (timingSafeEqual alone needs equal lengths, and an early length check would be a tell).
 */
export function tokenMatches(expected: string, given: string | null): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given ?? '').digest();
  return timingSafeEqual(a, b) && given !== null;
}
