/**
 * Rules: what a practitioner does on seeing a number, written down so the run does it between
 * two steps ("when likeness drops after random warp goes off, lock the encoder and snapshot").
 * A rule lives in a stage plan, for one stage or for the whole run; the trainer checks its
 * metric and layer groups against the recipe like the rest of the plan. Part of the contract:
 * imports only zod.
 */
import { z } from 'zod';

export const RuleCondition = z.discriminatedUnion('type', [
  /**
   * More than `by` worse than its best in the stage (below it for a likeness, above it for an
   * error or a loss) at `evaluations` readings in a row.
   */
  z.strictObject({ type: z.literal('drops'), by: z.number().positive(), evaluations: z.number().int().positive().max(100) }),
  /** No new best by more than `minDelta` for `evaluations` readings in a row. */
  z.strictObject({ type: z.literal('plateaus'), evaluations: z.number().int().positive().max(1000), minDelta: z.number().min(0) }),
  /** A reading above `value`. */
  z.strictObject({ type: z.literal('above'), value: z.number() }),
  /** A reading below `value`. */
  z.strictObject({ type: z.literal('below'), value: z.number() }),
]);
export type RuleCondition = z.infer<typeof RuleCondition>;

const Groups = z.array(z.string().min(1).max(100)).min(1).max(50);

export const RuleAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('lock'), groups: Groups }),
  z.strictObject({ type: z.literal('unlock'), groups: Groups }),
  /** A snapshot, kept like a manual one. */
  z.strictObject({ type: z.literal('snapshot') }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('next-stage') }),
  /** Back to the newest best-likeness snapshot of the branch, as a new branch, paused. */
  z.strictObject({ type: z.literal('restore-best') }),
  /** A notice only (every firing also leaves a chart marker). */
  z.strictObject({ type: z.literal('notify') }),
]);
export type RuleAction = z.infer<typeof RuleAction>;

export const Rule = z.strictObject({
  /** Names its marker and notice: "likeness drops after warp off". */
  name: z.string().min(1).max(100),
  when: z.strictObject({ metric: z.string().min(1).max(200), condition: RuleCondition }),
  then: z.array(RuleAction).min(1).max(10),
});
export type Rule = z.infer<typeof Rule>;

/** A condition in words, for notices and the plan's description: "val/likeness drops more than 5 below its best for 2 evaluations". */
export function conditionWords(metric: string, condition: RuleCondition): string {
  switch (condition.type) {
    case 'drops':
      return `${metric} falls more than ${condition.by} behind its best for ${condition.evaluations} evaluation${condition.evaluations === 1 ? '' : 's'}`;
    case 'plateaus':
      return `${metric} sets no new best (by ${condition.minDelta}) for ${condition.evaluations} evaluations`;
    case 'above':
      return `${metric} is above ${condition.value}`;
    case 'below':
      return `${metric} is below ${condition.value}`;
  }
}

/** An action in words: "lock encoder", "snapshot", "restore the best". */
export function actionWords(action: RuleAction): string {
  switch (action.type) {
    case 'lock':
    case 'unlock':
      return `${action.type} ${action.groups.join(', ')}`;
    case 'restore-best':
      return 'restore the best';
    case 'next-stage':
      return 'next stage';
    default:
      return action.type;
  }
}
