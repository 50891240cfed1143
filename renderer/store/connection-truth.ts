/**
 * What the window may claim while it cannot hear the trainer. Everything in the store is the
 * last thing the trainer said; once the connection is gone that may no longer be true (the run
 * may have failed, finished, or been stopped from another window), so a run's state reads
 * unknown, live readings (speed, memory) are not shown, and a notice says what to do.
 */
import type { RunState } from '../../trainer/protocol';
import type { ConnectionStatus } from '../transport/renderer-transport';

export const UNKNOWN_RUN_STATE = 'unknown (disconnected)';

/** The run state to show: the trainer's while it can still correct it, unknown otherwise. */
export function shownRunState(state: RunState, connection: ConnectionStatus): RunState | typeof UNKNOWN_RUN_STATE {
  return connection === 'connected' ? state : UNKNOWN_RUN_STATE;
}

/** A live reading only while a live trainer keeps sending it: a stale one reads as if training went on. */
export function liveReading(value: number | null, connection: ConnectionStatus, trainerExited: boolean): number | null {
  return connection === 'connected' && !trainerExited ? value : null;
}

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'connecting',
  connected: 'connected',
  disconnected: 'disconnected',
  'locked-out': 'locked out',
  'token-refused': 'token refused',
  'token-replaced': 'server restarted',
  'origin-refused': 'address not allowed',
};

/** The status bar's word for the connection; a lost connection outranks a stopped trainer, since it is what to fix first. */
export function connectionLabel(connection: ConnectionStatus, trainerExited: boolean): string {
  return trainerExited && connection === 'connected' ? 'trainer stopped' : LABELS[connection];
}

const OPEN_LINE = 'the line “Open: http://…/?token=…”';

const ADVICE: Partial<Record<ConnectionStatus, string>> = {
  disconnected:
    'Lost the connection to the studio server; retrying every few seconds. Until it answers, this window cannot tell whether the run is still training. If it does not come back, check that serve mode is still running.',
  'locked-out':
    'The studio server is refusing wrong tokens for a while, after too many wrong tokens came (from this or another computer), and the token in this page’s address is one of them: the right token is always let in. This page asks again when the wait is over; open the address serve mode printed, and close tabs that still have an old one.',
  'token-refused': `The studio server refused the token in this page’s address, so this page stopped trying. Open the address serve mode printed (${OPEN_LINE}) exactly as printed; if serve mode was restarted, it printed a new one.`,
  'token-replaced': `The studio server restarted with a new token, so this page’s address no longer works and the page stopped trying. Open the new address it printed (${OPEN_LINE}).`,
  'origin-refused': `The studio server does not take connections from a page opened under this address’s name, so this page stopped trying. Open the address serve mode printed (${OPEN_LINE}), or restart serve mode with --allow-origin and this page’s address (its log names it).`,
};

/** The notice for a connection that is not working, with what to do; null while connected or on the first try. */
export function connectionAdvice(connection: ConnectionStatus): string | null {
  return ADVICE[connection] ?? null;
}
