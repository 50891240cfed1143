/**
 * A plan's rules must watch a metric the run logs, in a way that metric can be read, and act on
 * layer groups the model has: a typo would make a rule that never fires, or one that locks
 * nothing. Each is refused with where it is in the plan, the field and the fix.
 */
import { LOOP_METRICS, metricInfo, type Rule, type StagePlan } from '../protocol.js';
import { closest, PlanMetricError } from './plan-metrics.js';

export function checkPlanRules(plan: StagePlan, recipe: { id: string; metrics: readonly string[] }, groups: readonly string[]): void {
  const logged = [...LOOP_METRICS, ...recipe.metrics];
  const check = (rules: readonly Rule[] | undefined, where: string) =>
    rules?.forEach((rule, r) => {
      const at = `${where} rules[${r}] '${rule.name}'`;
      const { metric, condition } = rule.when;
      if (!logged.includes(metric)) throw new PlanMetricError(`${at}: when.metric '${metric}' is not a metric ${recipe.id} logs; the closest it logs is '${closest(metric, logged)}'.`);
      if ((condition.type === 'drops' || condition.type === 'plateaus') && metricInfo(metric).better === undefined) {
        throw new PlanMetricError(`${at}: when.condition '${condition.type}' needs a metric that is better one way; '${metric}' is not. Use 'above' or 'below'.`);
      }
      rule.then.forEach((action, a) => {
        if (action.type !== 'lock' && action.type !== 'unlock') return;
        const unknown = action.groups.find((g) => !groups.includes(g));
        if (unknown !== undefined) throw new PlanMetricError(`${at}: then[${a}].groups names '${unknown}', which is not a layer group of ${recipe.id}; its groups are ${groups.join(', ')}.`);
      });
    });
  check(plan.rules, 'Plan');
  plan.stages.forEach((stage, i) => check(stage.rules, `Stage ${i + 1} '${stage.name}'`));
}
