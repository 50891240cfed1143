/**
 * One WebSocket peer as a Transport: JSON text frames, events out, untrusted commands in.
 * A frame that is not JSON is handed on as its raw text so the validator reports it.
 *
 * The socket always has an error handler: `ws` reports a bad frame (too big, invalid UTF-8,
 * unmasked, reserved bits or opcodes, a bad close code, a fragmented control frame...) as an
 * 'error' after it has sent the close frame with the matching code, and an unhandled 'error'
 * would throw out of serve mode and take every window and the trainer with it. Here it only
 * ends this socket, and `onEnd` says why.
 *
 * Events out are bounded: a client with more than `maxBufferedBytes` unread is dropped
 * (terminated: a close frame would only queue behind what it is not reading), so serve never
 * holds more than that for any one window.
 */
import type { WebSocket } from 'ws';
import type { TrainerEvent } from '../protocol.js';
import type { Transport } from './transport.js';

/** How a socket ended, in words for the log. */
export type SocketEnd =
  | { kind: 'bad-frame'; code: number; reason: string }
  | { kind: 'not-reading'; bufferedBytes: number }
  | { kind: 'network'; reason: string }
  | { kind: 'closed'; code: number; reason: string };

export interface WebSocketTransportOptions {
  maxBufferedBytes?: number;
  onEnd?: (end: SocketEnd) => void;
}

export interface WebSocketPeer extends Transport {
  /** Sends already-serialized JSON (one broadcast serializes once for every window). */
  sendText(text: string): void;
  /** Closes this socket on purpose (serve shutting down). */
  close(code: number, reason: string): void;
}

export function webSocketTransport(socket: WebSocket, options: WebSocketTransportOptions = {}): WebSocketPeer {
  const maxBufferedBytes = options.maxBufferedBytes ?? Infinity;
  let end: SocketEnd | null = null;

  socket.on('error', (error: Error & { code?: string }) => {
    const code = closeCodeOf(error);
    end ??= code === null ? { kind: 'network', reason: error.code ?? error.message } : { kind: 'bad-frame', code, reason: error.message };
  });
  socket.once('close', (code: number, reason: Buffer) => {
    options.onEnd?.(end ?? { kind: 'closed', code, reason: reason.toString('utf8').slice(0, 123) });
  });

  const sendText = (text: string) => {
    if (socket.readyState !== socket.OPEN) return;
    const waiting = socket.bufferedAmount;
    if (waiting > maxBufferedBytes) {
      end ??= { kind: 'not-reading', bufferedBytes: waiting };
      socket.terminate();
      return;
    }
    socket.send(text);
  };

  return {
    send: (event: TrainerEvent) => sendText(JSON.stringify(event)),
    sendText,
    close: (code, reason) => {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
    },
    onMessage(listener) {
      const handler = (data: Buffer, isBinary: boolean) => {
        const text = isBinary ? '' : data.toString('utf8');
        let message: unknown = text;
        try {
          message = JSON.parse(text);
        } catch {
          // Not JSON: passed on as text, which the validator rejects with a clear error.
        }
        listener(message, data.length);
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
    onClose(listener) {
      socket.on('close', listener);
      return () => socket.off('close', listener);
    },
  };
}

/**
 * The close code `ws` sent for a protocol error (it keeps it under a symbol it does not
 * export), or null for a network error (reset, broken pipe), which has none.
 */
function closeCodeOf(error: Error & { code?: string }): number | null {
  const symbol = Object.getOwnPropertySymbols(error).find((s) => s.description === 'status-code');
  const value = symbol ? (error as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof value === 'number') return value;
  if (!error.code?.startsWith('WS_ERR_')) return null;
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || error.code === 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH') return 1009;
  if (error.code === 'WS_ERR_INVALID_UTF8') return 1007;
  if (error.code === 'WS_ERR_TOO_MANY_BUFFERED_PARTS') return 1008;
  return 1002;
}
