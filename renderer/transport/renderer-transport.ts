/**
 * How the window reaches the trainer, whatever carries the messages: the Electron preload
 * bridge or a WebSocket in serve mode. The store sees only this.
 */
import type { CommandInput, TrainerEvent } from '../../trainer/protocol';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface RendererTransport {
  /** Sends a command; while disconnected it is dropped (the controls are disabled then). */
  send(command: CommandInput): void;
  /** Subscribes to validated trainer events; returns its own unsubscribe. */
  onEvent(listener: (event: TrainerEvent) => void): () => void;
  /** Subscribes to connection changes (called at once with the current one); returns its unsubscribe. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Connects and greets the trainer; call after subscribing so no answer is missed. */
  open(): void;
  /** Disconnects for good (no reconnect). */
  close(): void;
}
