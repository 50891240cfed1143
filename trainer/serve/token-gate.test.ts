/** The gate never refuses the right token, and counts wrong ones from every address together. */
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.js';
import { tokenGate } from './token-gate.js';

describe('token gate', () => {
  it('lets the right token in however many wrong ones came before, from any address', () => {
    const lines: string[] = [];
    const gate = tokenGate('right', new FailureLimiter({ maxFailures: 5, now: () => 0 }), (line) => lines.push(line));
    const answers = Array.from({ length: 20 }, (_, i) => gate(`127.0.0.${i + 2}`, `wrong-${i}`));
    expect(answers.slice(0, 5).map((a) => (a.allowed ? 'open' : a.status))).toEqual([401, 401, 401, 401, 401]);
    expect(answers.slice(5).every((a) => !a.allowed && a.status === 429)).toBe(true);
    expect(gate('::1', 'wrong')).toMatchObject({ allowed: false, status: 429 });
    expect(gate('127.0.0.1', 'right')).toEqual({ allowed: true });
    expect(gate('127.0.0.99', 'right')).toEqual({ allowed: true });
    expect(lines).toEqual([expect.stringMatching(/^5 wrong tokens \(the latest from 127\.0\.0\.6\): .*429 for 1 s; the right one still connects/)]);
  });

  it('refuses a missing token like a wrong one', () => {
    const gate = tokenGate('right', new FailureLimiter(), () => {});
    expect(gate('127.0.0.1', null)).toEqual({ allowed: false, status: 401 });
  });
});
