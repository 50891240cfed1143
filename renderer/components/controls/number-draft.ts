/**
 * What a person typed into a control's field, read as the value the trainer would accept, or a
 * sentence saying why not. The bounds are the contract's (controlLimits), the same ones the
 * trainer validates with. Only well-formed values are sent; the trainer still has the last word
 * (a batch that does not split into its micro-batches is its refusal to make).
 */
import { controlLimits, type NumberLimit } from '../../../trainer/protocol';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export function parseNumber(text: string, limit: NumberLimit): Parsed<number> {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return { ok: false, problem: 'Enter a number.' };
  if (limit.integer && !Number.isInteger(value)) return { ok: false, problem: 'Enter a whole number.' };
  if (limit.minExclusive ? value <= limit.min : value < limit.min) return { ok: false, problem: `Must be ${limit.minExclusive ? 'above' : 'at least'} ${limit.min}.` };
  if (limit.max !== undefined && value > limit.max) return { ok: false, problem: `Must be at most ${limit.max}.` };
  return { ok: true, value };
}

/** "2000, 5000" → [2000, 5000]: whole steps within the contract's milestone limit, in step order; empty means none. */
export function parseStepList(text: string): Parsed<number[]> {
  const { milestone, milestoneCount } = controlLimits.optimizer;
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const steps: number[] = [];
  for (const part of parts) {
    if (!parseNumber(part, milestone).ok) return { ok: false, problem: `'${part}' is not a step: use whole numbers from ${milestone.min}, e.g. 2000, 5000.` };
    steps.push(Number(part));
  }
  if (steps.length > milestoneCount) return { ok: false, problem: `At most ${milestoneCount} steps.` };
  return { ok: true, value: steps.sort((a, b) => a - b) };
}

export function formatStepList(steps: readonly number[]): string {
  return steps.join(', ');
}
