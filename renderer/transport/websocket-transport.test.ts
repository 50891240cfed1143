import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type TrainerEvent } from '../../trainer/protocol';
import type { ConnectionStatus } from './renderer-transport';
import { createWebSocketTransport, reconnectDelay } from './websocket-transport';
import { serveSocketUrl } from './choose-transport';

/** Just enough of a browser WebSocket for the transport to drive. */
class FakeSocket {
  sent: unknown[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
    this.onclose?.();
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const logs: string[] = [];
  const transport = createWebSocketTransport({
    url: 'ws://127.0.0.1:5000/ws?token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
    log: (m) => void logs.push(m),
  });
  const events: TrainerEvent[] = [];
  const statuses: ConnectionStatus[] = [];
  transport.onEvent((e) => events.push(e));
  transport.onStatus((s) => statuses.push(s));
  transport.open();
  return { transport, sockets, timers, logs, events, statuses };
}

describe('serve-mode WebSocket transport', () => {
  it('greets the trainer and asks for the whole session on open', () => {
    const { sockets, statuses } = setup();
    sockets[0]!.onopen!();
    expect(sockets[0]!.sent).toEqual([{ type: 'hello', protocolVersion: PROTOCOL_VERSION, client: 'renderer' }, { type: 'state/get' }]);
    expect(statuses).toEqual(['connecting', 'connected']);
  });

  it('passes valid events on and ignores (and logs) anything else', () => {
    const { sockets, events, logs } = setup();
    sockets[0]!.onopen!();
    sockets[0]!.onmessage!({ data: 'not json' });
    sockets[0]!.onmessage!({ data: JSON.stringify({ type: 'run/state', run: {} }) });
    sockets[0]!.onmessage!({ data: JSON.stringify({ type: 'trainer/exited', code: 1, signal: null, message: 'boom' }) });
    expect(events).toEqual([{ type: 'trainer/exited', code: 1, signal: null, message: 'boom' }]);
    expect(logs).toHaveLength(2);
  });

  it('reconnects with growing delays and greets again', () => {
    const { sockets, timers, statuses } = setup();
    sockets[0]!.onclose!();
    expect(statuses.at(-1)).toBe('disconnected');
    timers.shift()!.fn();
    sockets[1]!.onclose!();
    expect(timers[0]!.ms).toBeGreaterThan(reconnectDelay(0));
    timers.shift()!.fn();
    expect(statuses).toEqual(['connecting', 'disconnected']);
    sockets[2]!.onopen!();
    expect(statuses.at(-1)).toBe('connected');
    expect(sockets[2]!.sent).toHaveLength(2);
    expect(reconnectDelay(100)).toBe(5000);
  });

  it('drops commands while disconnected instead of throwing', () => {
    const { transport, sockets, logs } = setup();
    transport.send({ type: 'run/list' });
    expect(sockets[0]!.sent).toEqual([]);
    expect(logs[0]).toMatch(/dropped 'run\/list'/);
  });

  it('close stops reconnecting', () => {
    const { transport, sockets, timers } = setup();
    transport.close();
    expect(sockets[0]!.closed).toBe(true);
    expect(timers).toEqual([]);
  });

  it('builds the socket address from the page address and token', () => {
    expect(serveSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a b' })).toBe('ws://127.0.0.1:5000/ws?token=a%20b');
    expect(serveSocketUrl({ protocol: 'https:', host: 'h', search: '?token=x' })).toBe('wss://h/ws?token=x');
  });
});
