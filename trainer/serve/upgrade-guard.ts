/**
 * The socket upgrade's gate: the right path, a page of this studio (origin-policy.ts), the
 * launch token (token-gate.ts). Anything else is answered with a status and the connection is
 * closed before `ws` sees it. The raw socket gets its error handler first: once Node hands a
 * socket to 'upgrade' it drops its own handler, and a client that resets mid-answer would
 * otherwise throw out of the process.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OriginCheck } from './origin-policy.js';
import { refusalHeaders, type TokenGate } from './token-gate.js';

export const SOCKET_PATH = '/ws';

export interface UpgradeGuard {
  /**
   * Answers and closes the socket (returning null) unless the upgrade may go on; then returns
   * `handedOver`, to call once `ws` owns the socket and its errors.
   */
  admit(req: IncomingMessage, socket: Duplex): { handedOver: () => void } | null;
}

export function upgradeGuard(gate: TokenGate, checkOrigin: OriginCheck, log: (key: string, line: string) => void): UpgradeGuard {
  return {
    admit(req, socket) {
      const address = req.socket.remoteAddress ?? 'unknown';
      const onError = (error: NodeJS.ErrnoException) => log(`upgrade-error ${address}`, `socket from ${address} failed during the upgrade: ${error.code ?? error.message}`);
      socket.on('error', onError);
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://x');
      } catch {
        return refuse(socket, 400);
      }
      if (url.pathname !== SOCKET_PATH) return refuse(socket, 404);
      const origin = checkOrigin(req.headers.origin);
      if (!origin.allowed) {
        log(`origin ${req.headers.origin}`, `refused a socket from ${address} with 403: ${origin.reason}`);
        return refuse(socket, 403);
      }
      const verdict = gate(address, url.searchParams.get('token'));
      if (!verdict.allowed) return refuse(socket, verdict.status, refusalHeaders(verdict));
      return { handedOver: () => socket.off('error', onError) };
    },
  };
}

function refuse(socket: Duplex, status: number, headers: Record<string, string> = {}): null {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
  return null;
}
