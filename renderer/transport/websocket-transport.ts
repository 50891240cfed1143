/**
 * Serve mode: JSON text over a WebSocket to the serve bridge. Incoming messages are untrusted
 * (another process wrote them), so each is validated against the protocol before the store
 * sees it. A closed socket is retried with capped exponential backoff, forever: the trainer
 * may be restarting, and the window must come back on its own when it does.
 */
import { TrainerEvent, type CommandInput } from '../../trainer/protocol';
import { handshake } from './handshake';
import { Listeners } from './listeners';
import type { ConnectionStatus, RendererTransport } from './renderer-transport';

export interface WebSocketTransportOptions {
  url: string;
  /** Injected for tests; the browser's WebSocket otherwise. */
  createSocket?: (url: string) => WebSocket;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (message: string, detail?: unknown) => void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
}

export function createWebSocketTransport(options: WebSocketTransportOptions): RendererTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const log = options.log ?? ((message: string, detail?: unknown) => console.warn(`[stagecraft] ${message}`, detail ?? ''));
  const events = new Listeners<TrainerEvent>();
  const statuses = new Listeners<ConnectionStatus>();
  let status: ConnectionStatus = 'connecting';
  let socket: WebSocket | null = null;
  let attempt = 0;
  let retryTimer: unknown = null;
  let closed = false;

  const setStatus = (next: ConnectionStatus) => {
    if (next === status) return;
    status = next;
    statuses.emit(next);
  };

  const sendNow = (command: CommandInput) => socket?.send(JSON.stringify(command));

  const receive = (data: unknown) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      return log('ignored a message that is not JSON', data);
    }
    const parsed = TrainerEvent.safeParse(raw);
    if (!parsed.success) return log('ignored a message that is not a trainer event', parsed.error.issues.slice(0, 3));
    events.emit(parsed.data);
  };

  const connect = () => {
    retryTimer = null;
    if (closed) return;
    // Retries stay 'disconnected' until one opens: flipping to 'connecting' every few seconds
    // would make the window blink while nothing has changed for the person watching it.
    if (status !== 'disconnected') setStatus('connecting');
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('connected');
      handshake().forEach(sendNow);
    };
    ws.onmessage = (message) => receive(message.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      setStatus('disconnected');
      if (closed) return;
      retryTimer = setTimer(connect, reconnectDelay(attempt++));
    };
    // Errors are always followed by close, which schedules the retry; nothing else to do here.
    ws.onerror = () => {};
  };

  return {
    send: (command) => {
      if (status === 'connected') sendNow(command);
      else log(`dropped '${command.type}': not connected to the trainer`);
    },
    onEvent: (listener) => events.subscribe(listener),
    onStatus: (listener) => {
      listener(status);
      return statuses.subscribe(listener);
    },
    open: () => {
      if (socket === null && retryTimer === null && !closed) connect();
    },
    close: () => {
      closed = true;
      if (retryTimer !== null) clearTimer(retryTimer);
      socket?.close();
      setStatus('disconnected');
    },
  };
}
