/** A plan's rules read a metric's readings: each condition fires when met, once per stage, whichever way the metric is better. */
import { describe, expect, it } from 'vitest';
import type { Rule, RuleCondition, StagePlan } from '../protocol.js';
import { RuleWatch } from './rule-watch.js';

const rule = (name: string, metric: string, condition: RuleCondition): Rule => ({ name, when: { metric, condition }, then: [{ type: 'notify' }] });
const planWith = (stageRules: Rule[][], planRules: Rule[] = []): StagePlan => ({
  name: 'p',
  rules: planRules,
  stages: stageRules.map((rules, i) => ({ name: `s${i}`, controls: {}, end: { type: 'manual' }, rules })),
});
/** Feeds readings of `metric`; the steps at which some rule fired, and which. */
function feed(watch: RuleWatch, metric: string, readings: number[]): string[] {
  return readings.flatMap((value, i) => watch.observe(i, { [metric]: value }).map((f) => `${f.rule.name}@${i}`));
}

describe('rule watch', () => {
  it('fires "drops" once a likeness is more than `by` below its best for N readings in a row, not on one bad reading', () => {
    const watch = new RuleWatch();
    watch.startStage(planWith([[rule('drop', 'val/tokenizer_likeness', { type: 'drops', by: 5, evaluations: 2 })]]), 0);
    // Best 80; one reading at 70 then a recovery (streak broken); then two in a row below 75.
    expect(feed(watch, 'val/tokenizer_likeness', [60, 80, 70, 78, 74, 72, 60])).toEqual(['drop@5']);
  });

  it('reads an error the other way: "drops" is rising above its best (lowest)', () => {
    const watch = new RuleWatch();
    watch.startStage(planWith([[rule('worse', 'val/joint_error_pct', { type: 'drops', by: 0.5, evaluations: 2 })]]), 0);
    expect(feed(watch, 'val/joint_error_pct', [2, 1.2, 1.1, 1.5, 1.7, 1.8])).toEqual(['worse@5']);
  });

  it('fires "plateaus" after N readings without a new best by minDelta, and "above"/"below" on the first reading past the line', () => {
    const watch = new RuleWatch();
    watch.startStage(planWith([[rule('flat', 'val/tokenizer_likeness', { type: 'plateaus', evaluations: 3, minDelta: 1 })]]), 0);
    expect(feed(watch, 'val/tokenizer_likeness', [50, 60, 60.5, 60.9, 61.5, 70, 70.2, 70.4, 70.9])).toEqual(['flat@8']);
    const lines = new RuleWatch();
    lines.startStage(planWith([[rule('high', 'loss', { type: 'above', value: 2 }), rule('low', 'loss', { type: 'below', value: 0.1 })]]), 0);
    expect(feed(lines, 'loss', [1, 3, 4, 0.5, 0.05])).toEqual(['high@1', 'low@4']);
  });

  it('fires each rule once per stage; a new stage starts its own rules and the plan’s over; readings of other metrics change nothing', () => {
    const always = rule('always', 'loss', { type: 'above', value: 1 });
    const second = rule('second only', 'loss', { type: 'below', value: 1 });
    const plan = planWith([[], [second]], [always]);
    const watch = new RuleWatch();
    watch.startStage(plan, 0);
    expect(feed(watch, 'lr', [5, 5])).toEqual([]);
    expect(feed(watch, 'loss', [2, 3, 0.5])).toEqual(['always@0']);
    watch.startStage(plan, 1);
    expect(feed(watch, 'loss', [0.5, 2])).toEqual(['second only@0', 'always@1']);
  });
});
