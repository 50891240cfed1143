import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type TrainerEvent } from '../../trainer/protocol';
import { inMemoryAcceptedAddresses, type AcceptedAddresses } from './accepted-addresses';
import type { ConnectionStatus } from './renderer-transport';
import type { TokenVerdict } from './token-check';
import { createWebSocketTransport, reconnectDelay } from './websocket-transport';
import { serveSocketUrl } from './choose-transport';

const URL = 'ws://127.0.0.1:5000/ws?token=t';

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

/** Lets the transport's pending token check settle: its promise chain runs on microtasks, all done before the next task. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A transport whose token checks answer from `verdicts` in order (the last one repeats), with
 * its sockets, retry timers, statuses and logs laid open.
 */
function setup(verdicts: TokenVerdict['kind'][] = ['accepted'], acceptedAddresses: AcceptedAddresses = inMemoryAcceptedAddresses()) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const logs: string[] = [];
  const checks: string[] = [];
  const transport = createWebSocketTransport({
    url: URL,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    checkToken: async (url) => {
      checks.push(url);
      const kind = verdicts.length > 1 ? verdicts.shift()! : verdicts[0]!;
      return kind === 'locked-out' ? { kind, retryAfterMs: 30_000 } : { kind };
    },
    acceptedAddresses,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
    log: (m) => void logs.push(m),
  });
  const events: TrainerEvent[] = [];
  const statuses: ConnectionStatus[] = [];
  transport.onEvent((e) => events.push(e));
  transport.onStatus((s) => statuses.push(s));
  transport.open();
  /** Fires the next retry timer and lets its token check settle. */
  const retry = async () => {
    timers.shift()!.fn();
    await settle();
  };
  return { transport, sockets, timers, logs, checks, events, statuses, retry };
}

describe('serve-mode WebSocket transport', () => {
  it('checks the token, then greets the trainer and asks for the whole session on open', async () => {
    const { sockets, statuses, checks } = setup();
    await settle();
    expect(checks).toEqual([URL]);
    sockets[0]!.onopen!();
    expect(sockets[0]!.sent).toEqual([{ type: 'hello', protocolVersion: PROTOCOL_VERSION, client: 'renderer' }, { type: 'state/get' }]);
    expect(statuses).toEqual(['connecting', 'connected']);
  });

  it('passes valid events on and ignores (and logs) anything else', async () => {
    const { sockets, events, logs } = setup();
    await settle();
    sockets[0]!.onopen!();
    sockets[0]!.onmessage!({ data: 'not json' });
    sockets[0]!.onmessage!({ data: JSON.stringify({ type: 'run/state', run: {} }) });
    sockets[0]!.onmessage!({ data: JSON.stringify({ type: 'trainer/exited', code: 1, signal: null, message: 'boom' }) });
    expect(events).toEqual([{ type: 'trainer/exited', code: 1, signal: null, message: 'boom' }]);
    expect(logs).toHaveLength(2);
  });

  it('a server that stops answering is "disconnected" and retried with growing delays until it is back', async () => {
    const { sockets, timers, statuses, checks, retry } = setup(['accepted', 'unreachable', 'unreachable', 'accepted']);
    await settle();
    sockets[0]!.onopen!();
    sockets[0]!.onclose!();
    expect(statuses).toEqual(['connecting', 'connected', 'disconnected']);
    expect(timers[0]!.ms).toBe(reconnectDelay(0));
    await retry();
    expect(timers[0]!.ms).toBe(reconnectDelay(1));
    await retry();
    expect(timers[0]!.ms).toBe(reconnectDelay(2));
    expect(sockets).toHaveLength(1);
    await retry();
    expect(checks).toHaveLength(4);
    expect(statuses.at(-1), 'no blinking through "connecting" while retrying').toBe('disconnected');
    sockets[1]!.onopen!();
    expect(statuses.at(-1)).toBe('connected');
    expect(sockets[1]!.sent).toHaveLength(2);
    expect(reconnectDelay(100)).toBe(5000);
  });

  it('a token refused on the first try says so and stops trying', async () => {
    const { sockets, timers, statuses } = setup(['refused']);
    await settle();
    expect(statuses).toEqual(['connecting', 'token-refused']);
    expect(sockets, 'no socket is opened with a refused token').toEqual([]);
    expect(timers, 'and nothing is retried').toEqual([]);
  });

  it('a page opened under an address name serve does not take says so and stops trying', async () => {
    const { sockets, timers, statuses } = setup(['origin-refused']);
    await settle();
    expect(statuses).toEqual(['connecting', 'origin-refused']);
    expect(sockets).toEqual([]);
    expect(timers).toEqual([]);
  });

  it('a token refused after it was accepted means the server restarted with a new one: says so and stops trying', async () => {
    const { sockets, timers, statuses, retry } = setup(['accepted', 'unreachable', 'refused']);
    await settle();
    sockets[0]!.onopen!();
    sockets[0]!.onclose!();
    await retry();
    await retry();
    expect(statuses).toEqual(['connecting', 'connected', 'disconnected', 'token-replaced']);
    expect(timers).toEqual([]);
  });

  it('a reloaded tab whose address was accepted before also reads the refusal as a restart', async () => {
    const memory = inMemoryAcceptedAddresses();
    memory.remember(URL);
    const { statuses } = setup(['refused'], memory);
    await settle();
    expect(statuses).toEqual(['connecting', 'token-replaced']);
  });

  it('a locked-out address waits out the lock before trying again', async () => {
    const { sockets, timers, statuses, retry } = setup(['locked-out', 'accepted']);
    await settle();
    expect(statuses).toEqual(['connecting', 'locked-out']);
    expect(timers[0]!.ms).toBe(30_000);
    await retry();
    sockets[0]!.onopen!();
    expect(statuses.at(-1)).toBe('connected');
  });

  it('drops commands while disconnected instead of throwing', () => {
    const { transport, sockets, logs } = setup();
    transport.send({ type: 'run/list' });
    expect(sockets).toEqual([]);
    expect(logs[0]).toMatch(/dropped 'run\/list'/);
  });

  it('close stops reconnecting, also while a token check is on its way', async () => {
    const open = setup();
    await settle();
    open.transport.close();
    expect(open.sockets[0]!.closed).toBe(true);
    expect(open.timers).toEqual([]);

    const checking = setup();
    checking.transport.close();
    await settle();
    expect(checking.sockets).toEqual([]);
    expect(checking.timers).toEqual([]);
  });

  it('builds the socket address from the page address and token', () => {
    expect(serveSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a b' })).toBe('ws://127.0.0.1:5000/ws?token=a%20b');
    expect(serveSocketUrl({ protocol: 'https:', host: 'h', search: '?token=x' })).toBe('wss://h/ws?token=x');
  });
});
