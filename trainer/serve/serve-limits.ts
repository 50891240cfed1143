/**
 * Every limit serve mode holds a client to, in one place (the README's security section
 * states them; keep the two in step). A client is a window with the token: these bound what a
 * careless or broken one can cost the studio, not what an attacker can guess.
 */
export const SERVE_LIMITS = {
  /**
   * Largest message a client may send. The biggest real command (a stage plan) is a few KB;
   * anything near this is a bug or an attack, and closes that socket with 1009.
   */
  maxMessageBytes: 1 << 20,
  /**
   * Most fragments one message may arrive in. A browser sends a message whole; thousands of
   * one-byte fragments would cost serve far more memory than their bytes. Over it: 1008.
   */
  maxFragments: 1024,
  /**
   * Events waiting for a client that has not read them. A window that keeps up holds almost
   * none (a preview is ~450 KB); one this far behind is dropped and reconnects to a fresh state
   * instead of serve holding everything the trainer says for it. 16 MiB dropped a real window on
   * a busy machine with previews every 10 steps (3 MB/s of previews): 48 MiB is ~100 previews.
   */
  maxBufferedBytes: 48 << 20,
  /**
   * Commands a client may send at once, refilled at `commandsPerSecond`: a person's window
   * sends a handful at a time (a slider drag a few dozen); past that, commands are refused
   * with a 'busy' error instead of queuing in front of the trainer.
   */
  commandBurst: 100,
  commandsPerSecond: 50,
  /**
   * Commands counted as several, by what answering them costs: these answer with a page of a
   * run's history (up to 3,000 points, 0.1–1 MB), which the trainer reads and sends between
   * steps and every window takes in. A window asks for one when it connects, opens a run or
   * zooms into a long one; a flood of them at the plain rate (50 a second) halved a run's pace.
   */
  commandCost: { 'state/get': 10, 'metrics/get': 10 } as Readonly<Record<string, number>>,
  /**
   * Bytes of one client's commands handed to the trainer's IPC channel and not yet written to
   * it. The channel fills only when the trainer is not reading (a long step); then a client's
   * commands wait in serve, at most this much of them, and the rest are refused.
   */
  maxCommandBytesInFlight: 4 << 20,
  /** Wrong tokens, from all addresses together, before wrong tokens are refused with 429. */
  wrongTokensBeforeLockout: 5,
  /** The first 429 wait; every further wrong token doubles it, up to `maxLockoutMs`. */
  firstLockoutMs: 1_000,
  maxLockoutMs: 5 * 60_000,
  /** Quiet time after which past wrong tokens are forgotten, so a typo last week costs nothing. */
  forgetWrongTokensAfterMs: 10 * 60_000,
  /** How long SIGTERM/SIGINT waits for the live run to snapshot and stop before serve exits anyway. */
  stopRunOnExitMs: 60_000,
} as const;

export type ServeLimits = typeof SERVE_LIMITS;
