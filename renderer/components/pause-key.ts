/**
 * Space pauses and resumes the active run, like the Pause / Resume buttons. Space already means
 * something on a focused field or button (type a space, press the button, flip the switch), so
 * there it keeps that meaning and the run is left alone.
 */
import type { RunState } from '../../trainer/protocol';
import { runActions } from '../store/run-actions';

/** What Space asks for in this state: pause a running run, resume a paused one, else nothing. */
export function spaceCommand(state: RunState | null): 'pause' | 'resume' | null {
  const can = runActions(state);
  if (can.pause) return 'pause';
  if (can.resume) return 'resume';
  return null;
}

/** The parts of a focused element that decide whether Space belongs to it. */
export interface KeyTarget {
  tagName: string;
  /** An input's type ('text', 'checkbox', 'range'…). */
  type?: string;
  role?: string | null;
  isContentEditable?: boolean;
}

/** Inputs Space does nothing in: a range or colour well does not take Space, so the run may. */
const SPACELESS_INPUTS = new Set(['range', 'color', 'hidden']);
const SPACE_ROLES = new Set(['button', 'switch', 'checkbox', 'radio', 'menuitem', 'tab', 'option', 'textbox', 'combobox', 'slider', 'spinbutton', 'link']);

/** True when Space already does something on `target`: typing, pressing, ticking, choosing. */
export function spaceBelongsTo(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A') return true;
  if (tag === 'INPUT') return !SPACELESS_INPUTS.has((target.type ?? 'text').toLowerCase());
  return target.role ? SPACE_ROLES.has(target.role) : false;
}
