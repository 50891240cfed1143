/**
 * A development hook for the chart tests and benchmark: with `dev-feed` in the page address,
 * `window.__stagecraftFeed.dispatch(event)` hands a trainer event to the store exactly as the
 * transport does: validated against the protocol's schema, then applied by the same reducer.
 *
 * It feeds the renderer; it does not stand in for the trainer. The real trainer is still
 * connected (the e2e test creates its project and run through it); the hook only lets a test
 * deliver a million logged steps in seconds instead of days of training. Without the address
 * flag nothing is installed, and it can only change what this window shows: it sends no command.
 */
import { useEffect } from 'react';
import { TrainerEvent } from '../../../trainer/protocol';

export interface DevFeed {
  /** Validates and applies one event; throws with the schema's complaint when it is not one. */
  dispatch(event: unknown): void;
}

declare global {
  interface Window {
    __stagecraftFeed?: DevFeed;
  }
}

export const DEV_FEED_FLAG = 'dev-feed';

export function useDevFeed(applyEvent: (event: TrainerEvent) => void): void {
  useEffect(() => {
    if (!new URLSearchParams(window.location.search).has(DEV_FEED_FLAG)) return;
    window.__stagecraftFeed = {
      dispatch(event) {
        const parsed = TrainerEvent.safeParse(event);
        if (!parsed.success) throw new Error(`dev feed: not a trainer event: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        applyEvent(parsed.data);
      },
    };
    return () => {
      delete window.__stagecraftFeed;
    };
  }, [applyEvent]);
}
