/**
 * A plan's rules watching a live run. Every reading of a rule's metric (a step's values, an
 * evaluation's) moves its condition on; a condition met fires the rule, once per stage, and the
 * run controller carries out what it says. A new stage (or a new plan, or a restore) starts the
 * rules over: that stage's own and the plan's.
 */
import { metricInfo, type Rule, type StagePlan } from '../protocol.js';

interface RuleState {
  rule: Rule;
  /** The best reading since the rules started over (for 'drops' and 'plateaus'). */
  best: number | null;
  /** Readings in a row that met the condition so far. */
  streak: number;
  fired: boolean;
}

export interface RuleFiring {
  rule: Rule;
  /** The reading that met the condition, and the step it was read at. */
  value: number;
  step: number;
}

export class RuleWatch {
  private states: RuleState[] = [];

  /** The plan's rules and those of stage `index`, each from the start. */
  startStage(plan: StagePlan, index: number): void {
    const rules = [...(plan.rules ?? []), ...(plan.stages[index]?.rules ?? [])];
    this.states = rules.map((rule) => ({ rule, best: null, streak: 0, fired: false }));
  }

  /** The rules whose condition `values` (read at `step`) meets now, in plan order. */
  observe(step: number, values: Readonly<Record<string, number>>): RuleFiring[] {
    const firings: RuleFiring[] = [];
    for (const state of this.states) {
      if (state.fired) continue;
      const value = values[state.rule.when.metric];
      if (value === undefined || !Number.isFinite(value)) continue;
      if (!advance(state, value)) continue;
      state.fired = true;
      firings.push({ rule: state.rule, value, step });
    }
    return firings;
  }
}

/** Moves a rule's condition on by one reading; true when it is met. */
function advance(state: RuleState, value: number): boolean {
  const { metric, condition } = state.rule.when;
  // How much better `a` is than `b`, whichever way the metric is better (plan-rules.ts refuses one with no way).
  const gain = (a: number, b: number) => (metricInfo(metric).better === 'higher' ? a - b : b - a);
  switch (condition.type) {
    case 'above':
      return value > condition.value;
    case 'below':
      return value < condition.value;
    case 'drops':
      if (state.best === null || gain(value, state.best) > 0) {
        state.best = value;
        state.streak = 0;
        return false;
      }
      state.streak = gain(state.best, value) > condition.by ? state.streak + 1 : 0;
      return state.streak >= condition.evaluations;
    case 'plateaus':
      if (state.best === null || gain(value, state.best) > condition.minDelta) {
        state.best = value;
        state.streak = 0;
        return false;
      }
      state.streak += 1;
      return state.streak >= condition.evaluations;
  }
}
