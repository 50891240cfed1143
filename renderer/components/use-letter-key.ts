import { useEffect } from 'react';

/** Input types where a letter is typed, not a shortcut. */
const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'password', 'tel']);

/**
 * A one-letter shortcut from UI.md's keyboard map (`s` snapshot, `p` preview, `l` chart window):
 * calls `action` when the letter is pressed without modifiers, except while the person is
 * typing. A null action turns the shortcut off.
 */
export function useLetterKey(letter: string, action: (() => void) | null): void {
  useEffect(() => {
    if (!action) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== letter || e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [letter, action]);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}
