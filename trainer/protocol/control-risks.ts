/**
 * Which control changes are risky: the trainer takes a snapshot before applying one, and the
 * window marks the control with a camera and this file's sentence. One table, read by both, so
 * the mark and the snapshot cannot disagree. Part of the contract: imports only its sibling parts.
 */
import type { ControlPath } from './control-paths.js';
import type { Controls } from './shapes.js';

interface RiskRule {
  /** The control it watches, as a dotted path; 'locks.*' stands for every layer group. */
  readonly path: ControlPath | 'locks.*';
  /** The risky direction: the value the control becomes, or 'rises' for a number going up. */
  readonly when: { readonly becomes: boolean | string } | 'rises';
  /** The change in words, for the snapshot's reason ("auto before GAN on"). */
  words(name: string): string;
  /** Why the control carries a camera. */
  sentence(name: string): string;
}

/** In the order a change lists its risky parts. */
const RISK_RULES: readonly RiskRule[] = [
  { path: 'learningRate', when: 'rises', words: () => 'LR up', sentence: () => 'Raising the learning rate takes a snapshot first.' },
  { path: 'randomWarp.enabled', when: { becomes: false }, words: () => 'random warp off', sentence: () => 'Turning random warp off takes a snapshot first.' },
  { path: 'gan.enabled', when: { becomes: true }, words: () => 'GAN on', sentence: () => 'Turning GAN on takes a snapshot first.' },
  { path: 'locks.*', when: { becomes: false }, words: (group) => `unlock ${group}`, sentence: (group) => `Unlocking the ${group} takes a snapshot first.` },
  { path: 'precision', when: { becomes: 'fp16' }, words: () => 'FP16 on', sentence: () => 'Switching to FP16 takes a snapshot first.' },
  { path: 'growth.level', when: 'rises', words: () => 'grow', sentence: () => 'Growing adds the next level and locks the old layers; it takes a snapshot first.' },
];

/** Re-initialising a layer group (layers/reinit) is risky whichever group: the snapshot's reason and the button's camera. */
export const REINIT_RISK = {
  words: (group: string) => `re-init ${group}`,
  sentence: (group: string) => `Re-init gives the ${group} fresh weights and optimizer state, the rest kept; it takes a snapshot first.`,
} as const;

export interface RiskyTransition {
  /** The control that changed: 'gan.enabled', 'locks.encoder'. */
  path: ControlPath;
  /** In words: 'GAN on', 'unlock encoder'. */
  words: string;
  /** "Turning GAN on takes a snapshot first." */
  sentence: string;
}

/** The risky transitions from `before` to `after`, in rule order (locks in the order `after` lists them). */
export function riskyTransitions(before: Controls, after: Controls): RiskyTransition[] {
  const found: RiskyTransition[] = [];
  for (const rule of RISK_RULES) {
    for (const { path, keys, name } of concretePaths(rule.path, after)) {
      const was = valueAt(before, keys);
      const now = valueAt(after, keys);
      if (was === now || !isRiskyDirection(rule, was, now)) continue;
      found.push({ path, words: rule.words(name), sentence: rule.sentence(name) });
    }
  }
  return found;
}

/**
 * The sentence for a control whose change can be risky, or undefined. With `value`, only when setting
 * the control to that value is risky (the FP16 button, not FP32's); without, for either direction
 * (a switch carries its camera whichever way it stands).
 */
export function riskSentence(path: ControlPath, value?: boolean | string): string | undefined {
  const rule = RISK_RULES.find((r) => r.path === path || (isWildcard(r.path) && path.startsWith(r.path.slice(0, -1))));
  if (!rule) return undefined;
  if (value !== undefined && rule.when !== 'rises' && rule.when.becomes !== value) return undefined;
  return rule.sentence(isWildcard(rule.path) ? path.slice(rule.path.length - 1) : path);
}

function isRiskyDirection(rule: RiskRule, was: unknown, now: unknown): boolean {
  if (rule.when === 'rises') return typeof was === 'number' && typeof now === 'number' && now > was;
  return now === rule.when.becomes;
}

const isWildcard = (path: string) => path.endsWith('.*');

/** A rule's path with its wildcard spelled out, each with the name that stands in for it (a layer group's may hold dots). */
function concretePaths(path: ControlPath | 'locks.*', controls: Controls): { path: ControlPath; keys: string[]; name: string }[] {
  if (!isWildcard(path)) return [{ path: path as ControlPath, keys: path.split('.'), name: path }];
  const parent = path.slice(0, -2).split('.');
  const names = Object.keys((valueAt(controls, parent) ?? {}) as object);
  // A wildcard rule watches a record (the layer groups): each of its keys is a control path.
  return names.map((name) => ({ path: [...parent, name].join('.') as ControlPath, keys: [...parent, name], name }));
}

/** Own properties only: a layer group named 'constructor' must not reach Object.prototype. */
function valueAt(controls: Controls, keys: readonly string[]): unknown {
  let value: unknown = controls;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
