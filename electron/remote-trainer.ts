/**
 * "Connect to remote trainer": a serve-mode studio on another machine (`npm run serve -- --host
 * 0.0.0.0 --allow-remote`) opened in its own window. That window gets no preload and its own
 * in-memory session: the remote page talks to its own trainer over its WebSocket and can reach
 * nothing local.
 */
export const REMOTE_PARTITION = 'remote-trainer';

export type RemoteAddress = { ok: true; url: string; origin: string } | { ok: false; message: string };

/** Checks an address as serve mode prints it: http(s)://host:port/?token=… */
export function parseRemoteAddress(input: string): RemoteAddress {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: `"${input.trim().slice(0, 200)}" is not an address. Paste the whole line serve mode printed, e.g. http://gpu-box:7860/?token=…` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: `Only http:// and https:// addresses can be opened (got ${url.protocol}).` };
  if (url.username || url.password) return { ok: false, message: 'The address must not carry a user name or password; serve mode uses its token.' };
  if (!url.searchParams.get('token')) return { ok: false, message: 'The address has no ?token=…; copy it exactly as serve mode printed it.' };
  url.hash = '';
  return { ok: true, url: url.href, origin: url.origin };
}

/**
 * The policy the remote page runs under, set as a response header as well as its own meta tag:
 * only its own scripts, sockets only back to its own host.
 */
export function remoteContentSecurityPolicy(origin: string): string {
  const socketOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${socketOrigin}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
