/** One client's commands are bounded in number at once and in rate; a refusal says why. */
import { describe, expect, it } from 'vitest';
import { CommandLimit } from './command-limit.js';

function limit(maxInFlight = 100) {
  let time = 0;
  const l = new CommandLimit({ burst: 10, perSecond: 5, maxInFlight, now: () => time });
  return { l, advance: (ms: number) => (time += ms) };
}

describe('command limit', () => {
  it('admits a burst, refuses the rest, and refills at the steady rate', () => {
    const { l, advance } = limit();
    const admitted = Array.from({ length: 1000 }, () => l.admit()).filter((a) => a.admitted);
    expect(admitted).toHaveLength(10);
    admitted.forEach((a) => a.admitted && a.done());
    expect(l.refused).toBe(990);
    expect(l.admit()).toMatchObject({ admitted: false, reason: expect.stringContaining('more than 10 commands at once or 5 a second') });
    advance(1000);
    expect(Array.from({ length: 100 }, () => l.admit()).filter((a) => a.admitted)).toHaveLength(5);
  });

  it('refuses while too many commands wait for the trainer to read them, and admits again once they are written', () => {
    const { l } = limit(3);
    const waiting = [l.admit(), l.admit(), l.admit()];
    expect(l.admit()).toMatchObject({ admitted: false, reason: expect.stringContaining('3 of its commands are still waiting') });
    const first = waiting[0]!;
    if (first.admitted) {
      first.done();
      first.done(); // a second call frees nothing more
    }
    expect(l.admit().admitted).toBe(true);
    expect(l.admit().admitted).toBe(false);
  });
});
