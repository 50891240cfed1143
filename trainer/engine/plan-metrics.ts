/**
 * A stage that ends on a plateau must watch a metric the run logs, the way that metric gets
 * better. A typo ('val/tokeniser_likeness') would make a stage that never ends; a likeness
 * watched with mode 'min' would end a stage as soon as it improved. Both are refused with the
 * stage, the field and the fix.
 */
import { LOOP_METRICS, metricInfo, type StagePlan } from '../protocol.js';

export class PlanMetricError extends Error {}

export function checkPlanMetrics(plan: StagePlan, recipe: { id: string; metrics: readonly string[] }): void {
  const logged = [...LOOP_METRICS, ...recipe.metrics];
  plan.stages.forEach((stage, i) => {
    const { end } = stage;
    if (end.type !== 'plateau') return;
    const at = `Stage ${i + 1} '${stage.name}'`;
    if (!logged.includes(end.metric)) {
      throw new PlanMetricError(`${at}: end.metric '${end.metric}' is not a metric ${recipe.id} logs; the closest it logs is '${closest(end.metric, logged)}'.`);
    }
    const mode = end.mode ?? 'min';
    const better = metricInfo(end.metric).better;
    if (better !== undefined && mode !== (better === 'higher' ? 'max' : 'min')) {
      throw new PlanMetricError(`${at}: end.mode '${mode}' watches '${end.metric}' the wrong way: ${better} is better, so its plateau needs mode '${better === 'higher' ? 'max' : 'min'}'.`);
    }
  });
}

/** The logged key nearest to a misspelt one (fewest single-character edits). */
export function closest(key: string, keys: readonly string[]): string {
  let best = keys[0]!;
  let bestDistance = Infinity;
  for (const candidate of keys) {
    const d = editDistance(key, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
