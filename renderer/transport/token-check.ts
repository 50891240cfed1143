/**
 * Before opening a socket the page asks serve mode whether it would take the token
 * (GET /ws/check, trainer/serve/token-check-route.ts): a browser cannot read why a WebSocket
 * upgrade failed, and a refused token must be told apart from a server that is not there.
 */
export type TokenVerdict =
  | { kind: 'accepted' }
  | { kind: 'refused' }
  | { kind: 'locked-out'; retryAfterMs: number }
  /** Serve mode does not take sockets from a page opened under this address's name (403). */
  | { kind: 'origin-refused' }
  /** No answer, or none we understand: treated like a server that is down. */
  | { kind: 'unreachable' };

export type TokenCheck = (socketUrl: string) => Promise<TokenVerdict>;

/** ws(s)://host/ws?token=… → http(s)://host/ws/check?token=… */
export function tokenCheckUrl(socketUrl: string): string {
  const url = new URL(socketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/check`;
  return url.toString();
}

export function fetchTokenVerdict(fetchFn: typeof fetch = (...args) => fetch(...args)): TokenCheck {
  return async (socketUrl) => {
    let response: Response;
    try {
      response = await fetchFn(tokenCheckUrl(socketUrl), { cache: 'no-store' });
    } catch {
      return { kind: 'unreachable' };
    }
    if (response.status === 401) return { kind: 'refused' };
    if (response.status === 403) return { kind: 'origin-refused' };
    if (response.status === 429) {
      const seconds = Number(response.headers.get('Retry-After'));
      return { kind: 'locked-out', retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000 };
    }
    return response.ok ? { kind: 'accepted' } : { kind: 'unreachable' };
  };
}
