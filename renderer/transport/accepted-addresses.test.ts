import { describe, expect, it } from 'vitest';
import { sessionAcceptedAddresses } from './accepted-addresses';

/** Enough of sessionStorage: a map, or one that throws like storage that is disabled. */
function storage(throws = false): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => {
      if (throws) throw new Error('SecurityError');
      return items.get(k) ?? null;
    },
    setItem: (k: string, v: string) => {
      if (throws) throw new Error('SecurityError');
      items.set(k, v);
    },
  } as Storage;
}

describe('addresses this tab was let in with', () => {
  it('survive a reload (a new memory over the same storage) and forget the address before the last', () => {
    const tab = storage();
    sessionAcceptedAddresses(tab).remember('ws://h/ws?token=old');
    const reloaded = sessionAcceptedAddresses(tab);
    expect(reloaded.has('ws://h/ws?token=old')).toBe(true);
    expect(reloaded.has('ws://h/ws?token=other')).toBe(false);
    reloaded.remember('ws://h/ws?token=new');
    expect(sessionAcceptedAddresses(tab).has('ws://h/ws?token=old')).toBe(false);
  });

  it('still remember within the page load when storage refuses', () => {
    const memory = sessionAcceptedAddresses(storage(true));
    memory.remember('ws://h/ws?token=t');
    expect(memory.has('ws://h/ws?token=t')).toBe(true);
    expect(sessionAcceptedAddresses(undefined).has('ws://h/ws?token=t')).toBe(false);
  });
});
