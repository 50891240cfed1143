/**
 * Serve mode: JSON text over a WebSocket to the serve bridge. Incoming messages are untrusted
 * (another process wrote them), so each is validated against the protocol before the store
 * sees it. Before every (re)connection the page asks serve mode whether it would take the
 * token (token-check.ts), because a refused token looks like a dead server to a WebSocket:
 * - no answer: retried with capped exponential backoff, forever, since the server may be
 *   restarting and the window must come back on its own when it does;
 * - locked out (too many wrong tokens lately, from any address; only wrong ones are limited):
 *   retried once the wait is over;
 * - refused: never retried. The same token would be refused again, and every try counts
 *   toward the server's limit on wrong tokens.
 */
import { TrainerEvent, type CommandInput } from '../../trainer/protocol';
import { sessionAcceptedAddresses, type AcceptedAddresses } from './accepted-addresses';
import { handshake } from './handshake';
import { Listeners } from './listeners';
import type { ConnectionStatus, RendererTransport } from './renderer-transport';
import { fetchTokenVerdict, type TokenCheck, type TokenVerdict } from './token-check';

export interface WebSocketTransportOptions {
  url: string;
  /** Injected for tests; the browser's WebSocket otherwise. */
  createSocket?: (url: string) => WebSocket;
  /** Injected for tests; GET /ws/check with fetch otherwise. */
  checkToken?: TokenCheck;
  /** Injected for tests; this tab's sessionStorage otherwise. */
  acceptedAddresses?: AcceptedAddresses;
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
  const checkToken = options.checkToken ?? fetchTokenVerdict();
  const accepted = options.acceptedAddresses ?? sessionAcceptedAddresses();
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const log = options.log ?? ((message: string, detail?: unknown) => console.warn(`[stagecraft] ${message}`, detail ?? ''));
  const events = new Listeners<TrainerEvent>();
  const statuses = new Listeners<ConnectionStatus>();
  let status: ConnectionStatus = 'connecting';
  let socket: WebSocket | null = null;
  let checking = false;
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

  const retryIn = (ms: number) => {
    retryTimer = setTimer(connect, ms);
  };

  const openSocket = () => {
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      accepted.remember(options.url);
      setStatus('connected');
      handshake().forEach(sendNow);
    };
    ws.onmessage = (message) => receive(message.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      setStatus('disconnected');
      if (!closed) retryIn(reconnectDelay(attempt++));
    };
    // Errors are always followed by close, which schedules the retry; nothing else to do here.
    ws.onerror = () => {};
  };

  const act = (verdict: TokenVerdict) => {
    if (verdict.kind === 'accepted') return openSocket();
    if (verdict.kind === 'refused') return setStatus(accepted.has(options.url) ? 'token-replaced' : 'token-refused');
    if (verdict.kind === 'origin-refused') return setStatus('origin-refused');
    // Retries stay 'disconnected' (or 'locked-out') until one opens: flipping to 'connecting'
    // every few seconds would make the window blink while nothing changed for the person.
    setStatus(verdict.kind === 'locked-out' ? 'locked-out' : 'disconnected');
    const backoff = reconnectDelay(attempt++);
    retryIn(verdict.kind === 'locked-out' ? Math.max(backoff, verdict.retryAfterMs) : backoff);
  };

  const connect = () => {
    retryTimer = null;
    if (closed) return;
    checking = true;
    void checkToken(options.url)
      .catch((): TokenVerdict => ({ kind: 'unreachable' }))
      .then((verdict) => {
        checking = false;
        if (!closed) act(verdict);
      });
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
      if (socket === null && retryTimer === null && !checking && !closed) connect();
    },
    close: () => {
      closed = true;
      if (retryTimer !== null) clearTimer(retryTimer);
      socket?.close();
      setStatus('disconnected');
    },
  };
}
