/**
 * Which socket address this tab was let in with, kept in sessionStorage (per tab, survives a
 * reload): when serve mode later refuses that same address, it restarted with a new token, and
 * the page can say so even after the person reloaded it.
 */
export interface AcceptedAddresses {
  has(socketUrl: string): boolean;
  remember(socketUrl: string): void;
}

const KEY = 'stagecraft.acceptedSocketUrl';

export function inMemoryAcceptedAddresses(): AcceptedAddresses {
  let last: string | null = null;
  return { has: (url) => url === last, remember: (url) => void (last = url) };
}

export function sessionAcceptedAddresses(storage: Storage | undefined = globalThis.sessionStorage): AcceptedAddresses {
  // Storage can be missing or throw (a sandboxed frame, storage disabled): then this page load's memory must do.
  const fallback = inMemoryAcceptedAddresses();
  return {
    has: (url) => {
      try {
        return storage?.getItem(KEY) === url || fallback.has(url);
      } catch {
        return fallback.has(url);
      }
    },
    remember: (url) => {
      fallback.remember(url);
      try {
        storage?.setItem(KEY, url);
      } catch {
        // The in-memory copy still covers this page load.
      }
    },
  };
}
