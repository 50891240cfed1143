/**
 * GET /ws/check?token=…: answers whether the socket would take this token, before the page
 * opens one. A browser cannot read why a WebSocket upgrade failed (a refused token, a lock-out
 * and a dead server all look alike to it), so the page asks here and can say which it is:
 * 204 the token is right, 401 it is not, 429 wrong tokens are locked out (Retry-After),
 * 403 the request came from another site's page. It goes through the same gate as the
 * upgrade, so it is no easier to guess with.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OriginCheck } from './origin-policy.js';
import { refusalHeaders, type TokenGate } from './token-gate.js';
import { SOCKET_PATH } from './upgrade-guard.js';

export const TOKEN_CHECK_PATH = `${SOCKET_PATH}/check`;

/** A request's address, parsed (null for one that does not parse: no route of ours then). */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://x');
  } catch {
    return null;
  }
}

/** Returns a request handler that answers the check and returns true, or returns false for any other path. */
export function tokenCheckRoute(gate: TokenGate, checkOrigin: OriginCheck): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = requestUrl(req);
    if (url?.pathname !== TOKEN_CHECK_PATH) return false;
    // no-store: the answer changes when serve mode restarts with a new token.
    const common = { 'Cache-Control': 'no-store', 'Content-Length': '0' };
    // The page's own check is a same-origin GET, which browsers send without Origin; one that
    // carries a foreign Origin is another site's page asking. Without one, the name the page was
    // opened under (Host) is the origin its socket will send: a name serve does not know would
    // pass here and be refused at the upgrade, so the page would retry forever; 403 lets it say why.
    const origin = req.headers.origin ?? (req.headers.host ? `http://${req.headers.host}` : undefined);
    if (!checkOrigin(origin).allowed) {
      res.writeHead(403, common).end();
      return true;
    }
    const verdict = gate(req.socket.remoteAddress ?? 'unknown', url.searchParams.get('token'));
    if (verdict.allowed) res.writeHead(204, common).end();
    else res.writeHead(verdict.status, { ...common, ...refusalHeaders(verdict) }).end();
    return true;
  };
}
