/**
 * How the trainer core talks to its host, whatever carries the bytes: an Electron parentPort
 * (utilityProcess), Node IPC (child_process.fork) or a WebSocket. The core sees only this.
 */
import type { TrainerEvent } from '../protocol.js';

export interface Transport {
  /** Sends one event to the other side. Never throws: a closed channel drops the event. */
  send(event: TrainerEvent): void;
  /**
   * Subscribes to raw, untrusted messages (validated by the caller); returns its unsubscribe.
   * `bytes` is the message's size on the wire where the transport knows it (WebSocket).
   */
  onMessage(listener: (message: unknown, bytes?: number) => void): () => void;
  /** Subscribes to the channel closing; returns its unsubscribe. */
  onClose(listener: () => void): () => void;
}
