/**
 * A control's dotted path ('randomWarp.enabled', 'locks.encoder', 'learningRate'): how the
 * trainer names what a change changed (controls/applied, timeline marks, risky rules) and how
 * the window looks up when a control last applied. Derived from `Controls`, so a control that
 * is renamed or added changes every use at compile time. Part of the contract: imports only
 * zod and its sibling parts.
 */
import { z } from 'zod';
import { Controls } from './shapes.js';

/** Every leaf of T as a dotted path; a record's keys (the layer groups under `locks`) are any string; an array is a leaf. */
type PathsOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? `${Prefix}${K}`
    : NonNullable<T[K]> extends Record<string, unknown>
      ? string extends keyof NonNullable<T[K]>
        ? `${Prefix}${K}.${string}`
        : PathsOf<NonNullable<T[K]>, `${Prefix}${K}.`>
      : `${Prefix}${K}`;
}[keyof T & string];

export type ControlPath = PathsOf<Controls>;

/** Whether `path` names a control, read from the Controls schema itself. */
export function isControlPath(path: string): path is ControlPath {
  const [head, leaf, ...rest] = path.split('.');
  const declared = (Controls.shape as Record<string, z.ZodType>)[head ?? ''];
  const field = declared instanceof z.ZodOptional ? (declared.unwrap() as z.ZodType) : declared;
  if (!field || rest.length > 0) return false;
  if (field instanceof z.ZodRecord) return leaf !== undefined && leaf !== '';
  if (field instanceof z.ZodObject) return leaf !== undefined && leaf in field.shape;
  return leaf === undefined;
}

/** A control path on the wire: checked like every other field of an event. */
export const ControlPathField = z.custom<ControlPath>((value) => typeof value === 'string' && isControlPath(value), { message: 'not a control path' });
