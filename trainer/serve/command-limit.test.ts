/** One client's commands are bounded in rate and in bytes waiting for the trainer; a refusal says why. */
import { describe, expect, it } from 'vitest';
import { CommandLimit } from './command-limit.js';

function limit(maxBytesInFlight = 1 << 20) {
  let time = 0;
  const l = new CommandLimit({ burst: 10, perSecond: 5, maxBytesInFlight, now: () => time });
  return { l, advance: (ms: number) => (time += ms) };
}

describe('command limit', () => {
  it('admits a burst, refuses the rest, and refills at the steady rate', () => {
    const { l, advance } = limit();
    const admitted = Array.from({ length: 1000 }, () => l.admit(100)).filter((a) => a.admitted);
    expect(admitted).toHaveLength(10);
    admitted.forEach((a) => a.admitted && a.done());
    expect(l.refused).toBe(990);
    expect(l.admit(100)).toMatchObject({ admitted: false, reason: expect.stringContaining('more than 10 commands at once or 5 a second') });
    advance(1000);
    expect(Array.from({ length: 100 }, () => l.admit(100)).filter((a) => a.admitted)).toHaveLength(5);
  });

  it('counts a costly command as several: its flood is cut to a fraction of the plain rate, and cheap commands still pass', () => {
    const { l, advance } = limit();
    expect(Array.from({ length: 100 }, () => l.admit(100, 5)).filter((a) => a.admitted)).toHaveLength(2);
    expect(l.admit(100, 5)).toMatchObject({ admitted: false, reason: expect.stringContaining('more than 2 commands like this one (each counts as 5) at once or 1 a second') });
    advance(800); // 4 tokens: too few for a costly command, enough for cheap ones
    expect(l.admit(100, 5).admitted).toBe(false);
    expect(Array.from({ length: 10 }, () => l.admit(100)).filter((a) => a.admitted)).toHaveLength(4);
    advance(1000);
    expect(l.admit(100, 5).admitted).toBe(true);
  });

  it('refuses while too many bytes wait for the trainer to read them, and admits again once they are written', () => {
    const { l } = limit(3000);
    const waiting = [l.admit(1000), l.admit(1000), l.admit(1000)];
    expect(l.admit(10)).toMatchObject({ admitted: false, reason: expect.stringContaining('3 KiB of its commands are still waiting') });
    const first = waiting[0]!;
    if (first.admitted) {
      first.done();
      first.done(); // a second call frees nothing more
    }
    expect(l.admit(1000).admitted).toBe(true);
    expect(l.admit(1).admitted).toBe(false);
  });

  it('lets one command larger than the byte cap through when nothing else waits', () => {
    const { l } = limit(100);
    expect(l.admit(5000).admitted).toBe(true);
  });
});
