/**
 * Bridges browser WebSockets to the one trainer child. Trust boundary: a socket must carry
 * the launch token (the token gate: constant-time, wrong tokens rate-limited per address; the
 * page asks the same gate first through token-check-route.ts, since a browser cannot read why
 * an upgrade was refused), and every command it sends is validated before the trainer sees it.
 * Events go to every connected window, so two tabs (or a reload) see the same run.
 */
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseCommand, type TrainerEvent } from '../protocol.js';
import { webSocketTransport } from '../transport/websocket.js';
import type { Transport } from '../transport/transport.js';
import { refusalHeaders, type TokenGate } from './token-gate.js';
import type { TrainerChild } from './trainer-child.js';

export const SOCKET_PATH = '/ws';

export function bridgeSockets(server: Server, gate: TokenGate, trainer: TrainerChild): WebSocketServer {
  const peers = new Set<Transport>();
  let exited: TrainerEvent | null = null;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      return refuse(socket, '400 Bad Request');
    }
    if (url.pathname !== SOCKET_PATH) return refuse(socket, '404 Not Found');
    const verdict = gate(req.socket.remoteAddress ?? 'unknown', url.searchParams.get('token'));
    if (!verdict.allowed) {
      const headers = Object.entries(refusalHeaders(verdict)).map(([name, value]) => `${name}: ${value}\r\n`);
      return refuse(socket, `${verdict.status} ${STATUS_CODES[verdict.status]}`, headers.join(''));
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const peer = webSocketTransport(ws);
    peers.add(peer);
    peer.onClose(() => peers.delete(peer));
    if (exited) peer.send(exited);
    peer.onMessage((raw) => {
      const parsed = parseCommand(raw);
      if (!parsed.ok) return peer.send(parsed.error);
      if (exited) return peer.send({ type: 'error', code: 'internal', commandType: parsed.command.type, message: 'The trainer process has stopped; restart the studio to train again.' });
      trainer.send(parsed.command);
    });
  }

  trainer.onEvent((event) => {
    for (const peer of peers) peer.send(event);
  });
  trainer.onExit((code, signal) => {
    exited = {
      type: 'trainer/exited',
      code,
      signal,
      message: signal ? `The trainer process was killed (${signal}).` : `The trainer process stopped (exit code ${code}).`,
    };
    for (const peer of peers) peer.send(exited);
  });
  return sockets;
}

function refuse(socket: { end(text: string): void }, status: string, headers = ''): void {
  socket.end(`HTTP/1.1 ${status}\r\n${headers}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}
