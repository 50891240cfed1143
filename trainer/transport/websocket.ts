/**
 * One WebSocket peer as a Transport: JSON text frames, events out, untrusted commands in.
 * A frame that is not JSON is handed on as its raw text so the validator reports it.
 */
import type { WebSocket } from 'ws';
import type { TrainerEvent } from '../protocol.js';
import type { Transport } from './transport.js';

export function webSocketTransport(socket: WebSocket): Transport {
  return {
    send(event: TrainerEvent) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    },
    onMessage(listener) {
      const handler = (data: unknown, isBinary: boolean) => {
        const text = isBinary ? '' : String(data);
        let message: unknown = text;
        try {
          message = JSON.parse(text);
        } catch {
          // Not JSON: passed on as text, which the validator rejects with a clear error.
        }
        listener(message);
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
