/**
 * Serve mode's log: one line per thing a person may need to know (a socket closed for a bad
 * frame, a client dropped, a flood refused), on stderr so stdout stays the printed address.
 * Things a hostile client can repeat at will go through `throttledLog`, so a flood cannot turn
 * into a flood of log lines.
 */
export type ServeLog = (line: string) => void;

export const serveLog: ServeLog = (line) => {
  process.stderr.write(`[serve] ${line}\n`);
};

/**
 * A log that says the first occurrence of each key at once, then at most one line per
 * `everyMs` naming how many it held back.
 */
export function throttledLog(log: ServeLog, everyMs = 1_000, now: () => number = Date.now): (key: string, line: string) => void {
  const seen = new Map<string, { lastAt: number; heldBack: number }>();
  return (key, line) => {
    const entry = seen.get(key);
    const t = now();
    if (entry && t - entry.lastAt < everyMs) {
      entry.heldBack += 1;
      return;
    }
    const more = entry && entry.heldBack > 0 ? ` (and ${entry.heldBack} more like it since the last line)` : '';
    log(`${line}${more}`);
    seen.set(key, { lastAt: t, heldBack: 0 });
    // Keys are per client or per kind; forget the oldest so a churn of clients stays bounded.
    if (seen.size > 1_000) seen.delete(seen.keys().next().value as string);
  };
}
