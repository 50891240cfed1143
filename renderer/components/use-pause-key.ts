import { useEffect } from 'react';
import { spaceBelongsTo, type KeyTarget } from './pause-key';

/**
 * Space calls `toggle` (pause or resume), unless the focused element uses Space itself.
 * The page does not scroll for it: Space means pause here.
 */
export function usePauseKey(toggle: (() => void) | null): void {
  useEffect(() => {
    if (!toggle) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.repeat) return;
      if (spaceBelongsTo(keyTarget(e.target))) return;
      e.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);
}

function keyTarget(target: EventTarget | null): KeyTarget | null {
  if (!(target instanceof HTMLElement)) return null;
  return { tagName: target.tagName, type: target instanceof HTMLInputElement ? target.type : undefined, role: target.getAttribute('role'), isContentEditable: target.isContentEditable };
}
