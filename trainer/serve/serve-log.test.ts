/** A flood of the same complaint becomes one line a second, which says how many it held back. */
import { describe, expect, it } from 'vitest';
import { throttledLog } from './serve-log.js';

describe('throttled log', () => {
  it('says the first at once and then one line per interval per key, counting the rest', () => {
    let time = 0;
    const lines: string[] = [];
    const log = throttledLog((line) => lines.push(line), 1000, () => time);
    for (let i = 0; i < 500; i++) log('a', 'busy');
    log('b', 'other');
    time = 1000;
    log('a', 'busy');
    expect(lines).toEqual(['busy', 'other', 'busy (and 499 more like it since the last line)']);
  });
});
