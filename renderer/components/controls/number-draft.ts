/**
 * What a person typed into a control's field, read as the value the trainer would accept, or a
 * sentence saying why not. Only well-formed values are sent; the trainer still has the last word
 * (a batch that does not split into its micro-batches is its refusal to make).
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface NumberRule {
  min: number;
  max?: number;
  /** True when `min` itself is not allowed (gamma must be above 0). */
  aboveMin?: boolean;
  integer?: boolean;
}

export function parseNumber(text: string, rule: NumberRule): Parsed<number> {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return { ok: false, problem: 'Enter a number.' };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, problem: 'Enter a whole number.' };
  if (rule.aboveMin ? value <= rule.min : value < rule.min) return { ok: false, problem: `Must be ${rule.aboveMin ? 'above' : 'at least'} ${rule.min}.` };
  if (rule.max !== undefined && value > rule.max) return { ok: false, problem: `Must be at most ${rule.max}.` };
  return { ok: true, value };
}

/** The most steps a learning-rate schedule lists (the protocol's bound). */
export const MAX_MILESTONES = 32;

/** "2000, 5000" → [2000, 5000]: whole steps above 0, in step order; empty means none. */
export function parseStepList(text: string): Parsed<number[]> {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const steps: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!Number.isInteger(value) || value <= 0) return { ok: false, problem: `'${part}' is not a step: use whole numbers above 0, e.g. 2000, 5000.` };
    steps.push(value);
  }
  if (steps.length > MAX_MILESTONES) return { ok: false, problem: `At most ${MAX_MILESTONES} steps.` };
  return { ok: true, value: steps.sort((a, b) => a - b) };
}

export function formatStepList(steps: readonly number[]): string {
  return steps.join(', ');
}
