/**
 * Bridges browser WebSockets to the one trainer child. Trust boundary: an upgrade must come
 * from a studio page and carry the launch token (upgrade-guard.ts), and every command a socket
 * sends is validated and admitted under its client's limit (command-limit.ts) before the
 * trainer sees it. Events go to every connected window, so two tabs (or a reload) see the same
 * run; a window that stops reading is dropped instead of buffered (transport/websocket.ts).
 * Whatever one socket does (a bad frame, a flood, a reset) ends at most that socket.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { answering, parseCommand, type TrainerEvent } from '../protocol.js';
import { webSocketTransport, type SocketEnd, type WebSocketPeer } from '../transport/websocket.js';
import { CommandLimit } from './command-limit.js';
import { DownloadRegistry } from './download-route.js';
import type { OriginCheck } from './origin-policy.js';
import { SERVE_LIMITS, type ServeLimits } from './serve-limits.js';
import { serveLog, throttledLog, type ServeLog } from './serve-log.js';
import type { TokenGate } from './token-gate.js';
import type { TrainerChild } from './trainer-child.js';
import { upgradeGuard } from './upgrade-guard.js';

export { SOCKET_PATH } from './upgrade-guard.js';

export interface BridgeOptions {
  gate: TokenGate;
  checkOrigin: OriginCheck;
  /** Where download/ready's server paths are kept, the windows getting an address instead. */
  downloads?: DownloadRegistry;
  limits?: ServeLimits;
  log?: ServeLog;
}

export interface Bridge {
  /** Closes every window's socket with 1001 (serve is going away) and takes no more. */
  closeAll(reason: string): void;
}

export function bridgeSockets(server: Server, trainer: TrainerChild, { gate, checkOrigin, downloads = new DownloadRegistry(), limits = SERVE_LIMITS, log = serveLog }: BridgeOptions): Bridge {
  const peers = new Set<WebSocketPeer>();
  const throttled = throttledLog(log);
  const guard = upgradeGuard(gate, checkOrigin, throttled);
  let exited: TrainerEvent | null = null;
  let closing = false;
  let nextId = 1;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, maxFragments: limits.maxFragments });
  server.on('upgrade', (req, socket, head) => {
    const admitted = guard.admit(req, socket);
    if (!admitted) return;
    if (closing) return socket.destroy();
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      admitted.handedOver();
      attach(ws, `#${nextId++} (${req.socket.remoteAddress ?? 'unknown'})`);
    });
  });

  function attach(ws: WebSocket, who: string): void {
    const limit = new CommandLimit({ burst: limits.commandBurst, perSecond: limits.commandsPerSecond, maxBytesInFlight: limits.maxCommandBytesInFlight });
    const peer = webSocketTransport(ws, {
      maxBufferedBytes: limits.maxBufferedBytes,
      onEnd: (end) => {
        peers.delete(peer);
        const refused = limit.refused > 0 ? `; it had ${limit.refused} commands refused over its limit` : '';
        // A plain close is routine (a tab closed, a reload); only the others need a line each.
        if (end.kind !== 'closed' || refused) log(`client ${who} ${describeEnd(end, limits)}${refused}`);
      },
    });
    peers.add(peer);
    if (exited) peer.send(exited);
    peer.onMessage((raw, bytes) => {
      // Admitted before it is validated: a flood costs serve a counter, not a schema check each.
      const admission = limit.admit(bytes ?? 0, costOf(raw, limits));
      if (!admission.admitted) {
        throttled(`busy ${who}`, `client ${who}: refused a command: ${admission.reason}`);
        return peer.send({ type: 'error', ...requestIdOf(raw), code: 'busy', message: `Too many commands at once: this one was not sent to the trainer (${admission.reason}). Nothing was changed; send it again in a moment.` });
      }
      const parsed = parseCommand(raw);
      if (!parsed.ok) {
        admission.done();
        return peer.send(parsed.error);
      }
      if (exited) {
        admission.done();
        return peer.send({ type: 'error', ...answering(parsed.command.requestId), code: 'internal', commandType: parsed.command.type, message: 'The trainer process has stopped; restart the studio to train again.' });
      }
      trainer.send(parsed.command, admission.done);
    });
  }

  const broadcast = (raw: TrainerEvent) => {
    if (peers.size === 0) return;
    // A browser never learns a path on this machine: it gets a token-guarded address instead.
    const event = raw.type === 'download/ready' ? downloads.register(raw) : raw;
    const text = JSON.stringify(event);
    for (const peer of peers) peer.sendText(text);
  };
  trainer.onEvent(broadcast);
  trainer.onExit((code, signal) => {
    exited = {
      type: 'trainer/exited',
      code,
      signal,
      message: signal ? `The trainer process was killed (${signal}).` : `The trainer process stopped (exit code ${code}).`,
    };
    if (!closing) broadcast(exited);
  });
  return {
    closeAll(reason) {
      closing = true;
      for (const peer of peers) peer.close(1001, reason);
    },
  };
}

/** What a command counts as under its client's rate (serve-limits.ts), read from its type alone. */
function costOf(raw: unknown, limits: ServeLimits): number {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' && Object.hasOwn(limits.commandCost, type) ? limits.commandCost[type]! : 1;
}

function describeEnd(end: SocketEnd, limits: ServeLimits): string {
  switch (end.kind) {
    case 'bad-frame':
      return `closed with ${end.code} after a bad frame: ${end.reason}`;
    case 'not-reading':
      return `dropped: ${(end.bufferedBytes / 2 ** 20).toFixed(1)} MiB of events waiting unread (the limit is ${limits.maxBufferedBytes / 2 ** 20} MiB); it can reconnect`;
    case 'network':
      return `lost its connection (${end.reason})`;
    case 'closed':
      return `closed (${end.code}${end.reason ? ` ${end.reason}` : ''})`;
  }
}

/** The requestId a refused command carried, if it is one the protocol would echo. */
function requestIdOf(raw: unknown): { requestId?: string } {
  const rid = typeof raw === 'object' && raw !== null ? (raw as { requestId?: unknown }).requestId : undefined;
  return typeof rid === 'string' && rid.length <= 100 ? { requestId: rid } : {};
}
