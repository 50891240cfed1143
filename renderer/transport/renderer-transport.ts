/**
 * How the window reaches the trainer, whatever carries the messages: the Electron preload
 * bridge or a WebSocket in serve mode. The store sees only this.
 */
import type { CommandInput, TrainerEvent } from '../../trainer/protocol';

/**
 * - connecting: the first try, nothing known yet
 * - connected: the trainer hears this window
 * - disconnected: the server does not answer (it died, or the network); retrying with backoff
 * - locked-out: the server answers wrong tokens with 429 for a while after too many of them
 *   (from any address; the right token is never limited), so this page's token is wrong;
 *   retrying once the wait is over
 * - token-refused: the server refused the token in the page address; not retrying
 * - token-replaced: it refused a token it had let this tab in with, so it restarted with a new
 *   one; not retrying (the person must open the new address it printed)
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'locked-out' | 'token-refused' | 'token-replaced' | 'origin-refused';

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
