/**
 * How many commands one client may have in front of the trainer. Two bounds, each for its own
 * failure:
 * - a token bucket (burst, then a steady rate): a flood from a buggy or hostile window is
 *   refused at the door, so the trainer's queue cannot grow from it faster than the rate. A
 *   command costs tokens by what answering it costs (serve-limits.ts: one whose answer is a
 *   run's history costs ten), so a flood of those is cut to a rate the run does not feel;
 * - bytes of commands handed to the IPC channel and not yet written to it: when the trainer
 *   stops reading (a long step), what a client sends waits in serve, at most this much (a
 *   burst of small commands passes; a burst of megabyte ones does not).
 * A refused command is answered with a 'busy' error to its sender; nothing is queued for later.
 */
export interface CommandLimitOptions {
  burst: number;
  perSecond: number;
  maxBytesInFlight: number;
  now?: () => number;
}

export type Admission = { admitted: true; done: () => void } | { admitted: false; reason: string };

export class CommandLimit {
  private tokens: number;
  private lastRefill: number;
  private bytesInFlight = 0;
  /** Commands refused so far, for the line logged when the client goes. */
  refused = 0;
  private readonly now: () => number;

  constructor(private readonly options: CommandLimitOptions) {
    this.now = options.now ?? Date.now;
    this.tokens = options.burst;
    this.lastRefill = this.now();
  }

  /** Takes a place for one command of `bytes` costing `cost` tokens; call `done` once the trainer's channel has it. */
  admit(bytes: number, cost = 1): Admission {
    this.refill();
    if (this.bytesInFlight > 0 && this.bytesInFlight + bytes > this.options.maxBytesInFlight) {
      return this.refuse(`${formatBytes(this.bytesInFlight)} of its commands are still waiting for the trainer to read them`);
    }
    if (this.tokens < cost) {
      const kind = cost === 1 ? 'commands' : `commands like this one (each counts as ${cost})`;
      return this.refuse(`it sent more than ${Math.floor(this.options.burst / cost)} ${kind} at once or ${this.options.perSecond / cost} a second`);
    }
    this.tokens -= cost;
    this.bytesInFlight += bytes;
    let released = false;
    return {
      admitted: true,
      done: () => {
        if (released) return;
        released = true;
        this.bytesInFlight -= bytes;
      },
    };
  }

  private refuse(reason: string): Admission {
    this.refused += 1;
    return { admitted: false, reason };
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.options.burst, this.tokens + ((t - this.lastRefill) / 1000) * this.options.perSecond);
    this.lastRefill = t;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
