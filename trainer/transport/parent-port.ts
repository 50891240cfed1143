/**
 * The trainer behind Electron's utilityProcess parentPort. Typed structurally here because
 * trainer/ never imports electron: `process.parentPort` exists only inside a utilityProcess.
 */
import type { TrainerEvent } from '../protocol.js';
import type { Transport } from './transport.js';

export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  off(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  off(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
}

export function findParentPort(): ParentPortLike | undefined {
  return (process as unknown as { parentPort?: ParentPortLike }).parentPort;
}

export function parentPortTransport(port: ParentPortLike): Transport {
  return {
    send(event: TrainerEvent) {
      port.postMessage(event);
    },
    onMessage(listener) {
      const handler = (e: { data: unknown }) => listener(e.data);
      port.on('message', handler);
      return () => port.off('message', handler);
    },
    onClose(listener) {
      port.on('close', listener);
      return () => port.off('close', listener);
    },
  };
}
