/**
 * Test helper: one side of a conversation with a real trainer, whatever the transport.
 * Collects every event so a test can wait for the one it expects.
 */
import type { TrainerEvent } from '../protocol.js';

export class EventPeer {
  readonly events: TrainerEvent[] = [];
  private waiters: { match: (e: TrainerEvent) => boolean; resolve: (e: TrainerEvent) => void }[] = [];

  constructor(readonly sendRaw: (message: unknown) => void) {}

  /** Feed an incoming event (wire this to the transport). */
  receive = (event: TrainerEvent): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(event)) return true;
      w.resolve(event);
      return false;
    });
  };

  /** Resolves with the first event (already seen after `since`, or yet to come) that matches. */
  next<T extends TrainerEvent['type']>(
    type: T,
    where: (e: Extract<TrainerEvent, { type: T }>) => boolean = () => true,
    { since = 0, timeoutMs = 60_000 } = {},
  ): Promise<Extract<TrainerEvent, { type: T }>> {
    const match = (e: TrainerEvent): boolean => e.type === type && where(e as Extract<TrainerEvent, { type: T }>);
    const seen = this.events.slice(since).find(match);
    if (seen) return Promise.resolve(seen as Extract<TrainerEvent, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No '${type}' event within ${timeoutMs} ms; saw: ${this.events.map((e) => e.type).join(', ')}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Extract<TrainerEvent, { type: T }>);
        },
      });
    });
  }

  /**
   * Sends a command and waits for the event answering it (by requestId). An error answer
   * rejects, unless `answer` is 'error' itself.
   */
  async request<T extends TrainerEvent['type']>(command: Record<string, unknown>, answer: T): Promise<Extract<TrainerEvent, { type: T }>> {
    const requestId = `r${Math.random().toString(36).slice(2)}`;
    const since = this.events.length;
    this.sendRaw({ ...command, requestId });
    const answered = this.next(answer, (e) => (e as { requestId?: string }).requestId === requestId, { since });
    if (answer === 'error') return answered;
    const failed = this.next('error', (e) => e.requestId === requestId, { since }).then((e) => {
      throw new Error(`'${String(command.type)}' failed: ${e.message}`);
    });
    failed.catch(() => undefined); // only the race below reports it
    const reply = await Promise.race([answered, failed]);
    return reply as Extract<TrainerEvent, { type: T }>;
  }
}
