/**
 * Whether an element shows any of itself in the viewport, and a value that holds still while
 * it does not: the charts below the fold skip the batches nobody can see.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

/** True until the browser says otherwise, so a chart mounted off screen still draws once. */
export function useOnScreen(element: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const target = element.current;
    if (!target || typeof IntersectionObserver === 'undefined') return;
    // Several changes can arrive in one callback: the last one is the element's state now.
    const observer = new IntersectionObserver((entries) => setOnScreen(entries.at(-1)!.isIntersecting));
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return onScreen;
}

/** `value` as it was when `hold` last was false; the same object while holding, so memoised children skip. */
export function useHeldWhile<T>(hold: boolean, value: T): T {
  const kept = useRef(value);
  if (!hold) kept.current = value;
  return kept.current;
}
