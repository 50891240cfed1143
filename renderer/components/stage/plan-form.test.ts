import { describe, expect, it } from 'vitest';
import { StagePlan } from '../../../trainer/protocol';
import { growthLevelOf, lockState, seedRule, switchState, withEnd, withGrowthLevel, withLearningRate, withLock, withRule, withRuleAction, withRuleLocks, withStageAdded, withStageMoved, withStageRemoved, withSwitch } from './plan-form';

const plan: StagePlan = {
  name: 'p',
  stages: [
    { name: 'warp', controls: { randomWarp: { enabled: true, strength: 1 }, locks: { generator: true } }, end: { type: 'steps', steps: 100 } },
    { name: 'free', controls: {}, end: { type: 'manual' } },
  ],
};

/** Every edit must leave a plan the trainer's schema takes. */
const valid = (p: StagePlan) => {
  expect(StagePlan.safeParse(p).success).toBe(true);
  return p;
};

describe('the plan form’s edits', () => {
  it('sets a switch on, off or back to "as before", dropping what is left empty', () => {
    const off = valid(withSwitch(plan, 0, 'randomWarp', 'off'));
    expect(off.stages[0]!.controls.randomWarp).toEqual({ enabled: false, strength: 1 });
    const kept = valid(withSwitch(plan, 0, 'randomWarp', 'keep'));
    expect(kept.stages[0]!.controls.randomWarp).toEqual({ strength: 1 });
    const gan = valid(withSwitch(plan, 1, 'gan', 'on'));
    expect(switchState(gan.stages[1]!, 'gan')).toBe('on');
    expect(valid(withSwitch(gan, 1, 'gan', 'keep')).stages[1]!.controls).toEqual({});
    expect(plan.stages[0]!.controls.randomWarp?.enabled, 'the plan it was given is untouched').toBe(true);
  });

  it('locks, unlocks or leaves a group, and drops an empty locks object', () => {
    const locked = valid(withLock(plan, 1, 'encoder', 'on'));
    expect(lockState(locked.stages[1]!, 'encoder')).toBe('on');
    expect(lockState(valid(withLock(locked, 1, 'encoder', 'off')).stages[1]!, 'encoder')).toBe('off');
    expect(valid(withLock(locked, 1, 'encoder', 'keep')).stages[1]!.controls).toEqual({});
    expect(lockState(plan.stages[0]!, 'constructor'), 'an inherited name is no group').toBe('keep');
  });

  it('names a growth level, a learning rate and an end, or takes them away', () => {
    const grown = valid(withGrowthLevel(plan, 1, 1));
    expect(growthLevelOf(grown.stages[1]!)).toBe(1);
    expect(valid(withGrowthLevel(grown, 1, null)).stages[1]!.controls).toEqual({});
    expect(valid(withLearningRate(plan, 1, 2e-4)).stages[1]!.controls.learningRate).toBe(2e-4);
    expect(valid(withEnd(plan, 1, { type: 'steps', steps: 5 })).stages[1]!.end).toEqual({ type: 'steps', steps: 5 });
  });

  it('adds, moves and removes stages, never the last one', () => {
    const added = valid(withStageAdded(plan, 0));
    expect(added.stages.map((s) => s.name)).toEqual(['warp', 'Stage 3', 'free']);
    expect(valid(withStageMoved(added, 1, 1)).stages.map((s) => s.name)).toEqual(['warp', 'free', 'Stage 3']);
    expect(withStageMoved(added, 0, -1)).toBe(added);
    const one = valid(withStageRemoved(plan, 0));
    expect(one.stages.map((s) => s.name)).toEqual(['free']);
    expect(withStageRemoved(one, 0)).toBe(one);
  });

  it('builds a rule from the seed practice and edits its actions, keeping at least one', () => {
    const rule = seedRule('val/tokenizer_likeness', ['encoder', 'decoder']);
    const withIt = valid(withRule(plan, 0, 0, rule));
    expect(withIt.stages[0]!.rules).toEqual([rule]);
    const more = withRuleLocks(rule, ['encoder', 'decoder']);
    expect(more.then[0]).toEqual({ type: 'lock', groups: ['encoder', 'decoder'] });
    const none = withRuleAction(withRuleAction(withRuleLocks(rule, []), 'snapshot', false), 'notify', false);
    expect(none.then).toEqual([{ type: 'notify' }]);
    expect(valid(withRule(withIt, 0, 0, null)).stages[0]!.rules).toBeUndefined();
  });
});
